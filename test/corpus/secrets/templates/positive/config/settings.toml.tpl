[app]
name = "ledger"
debug = false

[security]
api_secret = "⟦token 48⟧"
encryption_key = "⟦b64secret 32⟧"
password_min_length = 12 ⟪neg config-name⟫

[[upstreams]]
name = "fx-rates"
url = "https://fx.example.com/v1"
