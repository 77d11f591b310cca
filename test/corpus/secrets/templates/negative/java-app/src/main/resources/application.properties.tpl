spring.datasource.url=jdbc:postgresql://${DB_HOST:localhost}:5432/orders ⟪neg conn-no-password⟫
spring.datasource.username=${DB_USER} ⟪neg env-reference⟫
spring.datasource.password=${DB_PASSWORD} ⟪neg env-reference⟫
app.jwt.secret=${JWT_SECRET} ⟪neg env-reference⟫
spring.security.oauth2.client.registration.github.client-secret=${GITHUB_CLIENT_SECRET} ⟪neg env-reference⟫
spring.mail.password=${vcap.services.sendgrid.credentials.password} ⟪neg env-reference⟫
server.ssl.key-store-password=${KEYSTORE_PASSWORD:} ⟪neg env-reference⟫
