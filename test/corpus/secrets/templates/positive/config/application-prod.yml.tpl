spring:
  datasource:
    url: jdbc:mysql://ledger-db.internal:3306/ledger
    username: ledger
    password: ⟦password 22 alnum⟧
  security:
    oauth2:
      client:
        registration:
          keycloak:
            client-id: ledger-api
            client-secret: ⟦token 32⟧
