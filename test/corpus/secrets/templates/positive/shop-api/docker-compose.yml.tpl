services:
  api:
    build: .
    image: registry.example.com/shop/api:1.14.2
    ports:
      - "8080:8080"
    environment:
      NODE_ENV: production
      DATABASE_URL: postgresql://shop:⟦password 18 alnum #pg =connection-string⟧@db:5432/shop
      AMQP_URL: amqp://shop:⟦password 20 alnum #mq =connection-string⟧@rabbitmq:5672/%2F
      JWT_SECRET: "⟦token 64⟧"
    depends_on: [db, rabbitmq, cache]

  db:
    image: postgres:16.3-alpine@⟦digest⟧ ⟪neg digest⟫
    environment:
      POSTGRES_USER: shop
      POSTGRES_PASSWORD: ⟦password 18 alnum #pg⟧
      POSTGRES_DB: shop
    volumes:
      - pgdata:/var/lib/postgresql/data
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U shop"]
      interval: 10s

  rabbitmq:
    image: rabbitmq:3.13-management
    environment:
      RABBITMQ_DEFAULT_USER: shop
      RABBITMQ_DEFAULT_PASS: ⟦password 20 alnum #mq⟧

  cache:
    image: redis:7.2
    command: ["redis-server", "--requirepass", "⟦password 28 alnum⟧"]

volumes:
  pgdata: {}
