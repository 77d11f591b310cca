# Copy to .env and fill in real values. Never commit .env.
NODE_ENV=development
PORT=3000

DATABASE_URL=postgres://USER:PASSWORD@localhost:5432/app_dev ⟪neg placeholder⟫
REDIS_URL=redis://localhost:6379 ⟪neg conn-no-password⟫

AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE ⟪neg aws-example⟫
AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY ⟪neg aws-example⟫

STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx ⟪neg placeholder⟫
STRIPE_WEBHOOK_SECRET=whsec_... ⟪neg placeholder⟫
SENDGRID_API_KEY=SG.your-sendgrid-api-key ⟪neg placeholder⟫
OPENAI_API_KEY=sk-proj-... ⟪neg placeholder⟫
ANTHROPIC_API_KEY=<your-anthropic-key> ⟪neg placeholder⟫
GITHUB_TOKEN=ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX ⟪neg placeholder⟫
SLACK_BOT_TOKEN=xoxb-your-bot-token ⟪neg placeholder⟫
SESSION_SECRET=changeme ⟪neg placeholder⟫
JWT_SECRET=replace-me-with-a-long-random-string ⟪neg placeholder⟫
API_KEY=YOUR_API_KEY ⟪neg placeholder⟫
DB_PASSWORD= ⟪neg placeholder⟫
ADMIN_PASSWORD=******** ⟪neg placeholder⟫
SENTRY_DSN=https://<key>@o0.ingest.sentry.io/<project> ⟪neg placeholder⟫
