[server]
host = 0.0.0.0
port = 8080

[database]
driver = postgres
host = db.internal
user = app
password = ⟦password 22 alnum⟧

[api]
secret = ⟦hexsecret 48⟧
rate_limit = 100

[smtp]
host = smtp.example.com
smtp_password = ⟦password 20 alnum⟧
