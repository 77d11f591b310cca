spring:
  data:
    mongodb:
      uri: mongodb://mailer:⟦password 18 alnum =connection-string⟧@mongo-0.internal:27017,mongo-1.internal:27017/mailer?replicaSet=rs0
  redis:
    url: redis://:⟦password 24 alnum =connection-string⟧@cache.internal:6379
  security:
    user:
      name: admin
      password: ⟦password 20 alnum⟧
app:
  encryption:
    key: ⟦b64secret 32⟧
  unsubscribe:
    base-url: https://mail.example.com/unsubscribe
