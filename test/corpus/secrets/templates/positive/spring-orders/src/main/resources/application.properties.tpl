spring.application.name=orders
server.port=8081
spring.datasource.url=jdbc:postgresql://orders-db.internal:5432/orders?user=orders&password=⟦password 20 alnum =connection-string⟧
spring.datasource.username=orders
spring.datasource.password=⟦password 20⟧
spring.jpa.hibernate.ddl-auto=validate
spring.rabbitmq.host=mq.internal
spring.rabbitmq.username=orders
spring.rabbitmq.password=⟦password 22 alnum⟧
spring.mail.host=smtp.sendgrid.net
spring.mail.username=apikey
spring.mail.password=⟦sendgrid⟧
cloud.aws.credentials.access-key=⟦aws-key-id⟧
cloud.aws.credentials.secret-key=⟦aws-secret⟧
jwt.secret=⟦b64secret 64⟧
jwt.expiration-ms=3600000 ⟪neg config-name⟫
management.endpoints.web.exposure.include=health,info
spring.security.oauth2.client.registration.github.client-id=Iv1.⟦hex 16⟧ ⟪neg identifier⟫
spring.security.oauth2.client.registration.github.client-secret=⟦hexsecret 40 =source-hosting⟧
