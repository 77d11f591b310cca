import 'dotenv/config';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`missing environment variable ${name}`);
  return value;
}

export const config = {
  port: Number(process.env.PORT ?? 3000),
  databaseUrl: required('DATABASE_URL'),
  redisUrl: process.env.REDIS_URL || 'redis://localhost:6379',
  aws: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
  },
  stripe: {
    secretKey: process.env.STRIPE_SECRET_KEY,
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? '',
  },
  session: {
    secret: required('SESSION_SECRET'),
    cookieName: 'app.sid',
  },
  openaiApiKey: process.env['OPENAI_API_KEY'],
  githubToken: process.env.GITHUB_TOKEN,
  password: process.env.ADMIN_PASSWORD,
  tokenHeader: 'X-Auth-Token',
  passwordMinLength: 12,
};
