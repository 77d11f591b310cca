# Shop API - production settings (copied from the deploy box)
NODE_ENV=production
PORT=8080
LOG_LEVEL=info

DATABASE_URL=postgres://shop_api:⟦password 22 alnum =connection-string⟧@shop-db.c9x2k1pqz3.eu-west-1.rds.amazonaws.com:5432/shop
REDIS_URL=redis://default:⟦password 32 alnum =connection-string⟧@shop-cache.internal:6379/0

AWS_REGION=eu-west-1
AWS_ACCESS_KEY_ID=⟦aws-key-id⟧
AWS_SECRET_ACCESS_KEY=⟦aws-secret⟧
S3_BUCKET=shop-product-images

STRIPE_PUBLISHABLE_KEY=⟦stripe-publishable⟧ ⟪neg public-client-key⟫
STRIPE_SECRET_KEY=⟦stripe sk long⟧
STRIPE_WEBHOOK_SECRET=⟦stripe-whsec⟧

SENDGRID_API_KEY=⟦sendgrid⟧
MAIL_FROM=orders@shop.example.com

SESSION_SECRET=⟦token 48⟧
SESSION_COOKIE_NAME=shop_session
SENTRY_DSN=⟦sentry-dsn⟧
