services:
  api:
    image: ghcr.io/example/api@⟦digest⟧ ⟪neg digest⟫
    environment:
      DATABASE_URL: postgres://api:${POSTGRES_PASSWORD}@db:5432/api ⟪neg env-reference⟫
      REDIS_URL: redis://cache:6379 ⟪neg conn-no-password⟫
      JWT_SECRET: ${JWT_SECRET:?set JWT_SECRET in .env} ⟪neg env-reference⟫
      STRIPE_SECRET_KEY: ${STRIPE_SECRET_KEY} ⟪neg env-reference⟫
    secrets:
      - stripe_key
  db:
    image: postgres:16@⟦digest⟧ ⟪neg digest⟫
    environment:
      POSTGRES_PASSWORD_FILE: /run/secrets/db_password ⟪neg secret-ref⟫
      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD} ⟪neg env-reference⟫
  cache:
    image: redis:7.2
    command: ["redis-server", "--requirepass", "$${REDIS_PASSWORD}"] ⟪neg env-reference⟫
secrets:
  stripe_key:
    file: ./secrets/stripe_key.txt ⟪neg secret-ref⟫
  db_password:
    environment: DB_PASSWORD ⟪neg secret-ref⟫
