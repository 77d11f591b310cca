import 'dotenv/config';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`missing environment variable ${name}`);
  return value;
}

export const config = {
  port: Number(process.env.PORT ?? 3000),
  databaseUrl: required('DATABASE_URL'), ⟪neg env-reference⟫
  redisUrl: process.env.REDIS_URL || 'redis://localhost:6379', ⟪neg conn-no-password⟫
  aws: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID, ⟪neg env-reference⟫
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY, ⟪neg env-reference⟫
  },
  stripe: {
    secretKey: process.env.STRIPE_SECRET_KEY, ⟪neg env-reference⟫
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? '', ⟪neg env-reference⟫
  },
  session: {
    secret: required('SESSION_SECRET'), ⟪neg env-reference⟫
    cookieName: 'app.sid',
  },
  openaiApiKey: process.env['OPENAI_API_KEY'], ⟪neg env-reference⟫
  githubToken: process.env.GITHUB_TOKEN, ⟪neg env-reference⟫
  password: process.env.ADMIN_PASSWORD, ⟪neg env-reference⟫
  tokenHeader: 'X-Auth-Token', ⟪neg config-name⟫
  passwordMinLength: 12, ⟪neg config-name⟫
};
