# Connecting to the databases

Local development uses the docker-compose services and needs no password:

    postgres://localhost:5432/app_dev ⟪neg conn-no-password⟫
    postgresql://app@localhost/app_dev?sslmode=disable ⟪neg conn-no-password⟫
    mongodb://localhost:27017/app ⟪neg conn-no-password⟫
    redis://redis:6379/0 ⟪neg conn-no-password⟫
    amqp://rabbitmq:5672 ⟪neg conn-no-password⟫
    mysql://root@127.0.0.1:3306/app ⟪neg conn-no-password⟫

In staging and production the password comes from the environment:

    postgres://app:${DB_PASSWORD}@db.internal:5432/app ⟪neg env-reference⟫
    mongodb+srv://app:$MONGO_PASSWORD@cluster0.example.mongodb.net/app ⟪neg env-reference⟫
    Server=sql.internal;Database=app;User Id=app;Password={password}; ⟪neg placeholder⟫

The general form is `postgresql://user:password@host:port/database`. ⟪neg placeholder⟫
Use `mongodb+srv://<username>:<password>@<cluster>/<db>` for Atlas. ⟪neg placeholder⟫
For SQL Server with Windows login: `Server=sql.internal;Database=app;Integrated Security=true;` ⟪neg conn-no-password⟫
