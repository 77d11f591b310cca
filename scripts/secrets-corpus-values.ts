/**
 * Random values in the formats of real credentials, for the labelled secret
 * corpus. Every value comes from node:crypto, so no two builds share a
 * secret and none of them belongs to a real account.
 */
import {
  createHmac,
  createSign,
  generateKeyPairSync,
  randomBytes,
  randomInt,
  randomUUID,
} from 'node:crypto';
import type { SecretFamily } from '../src/scanners/secrets/rule-types.js';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
const UPPER_ALNUM = UPPER + DIGITS;
const HEX = '0123456789abcdef';
const BASE32 = UPPER + '234567';
const B64URL = ALNUM + '-_';
const B64 = ALNUM + '+/';
const PASSWORD = ALNUM + '!*-_.~^%';
const DJANGO = LOWER + DIGITS + '!@#$%^&*(-_=+)';
const BCRYPT = './' + ALNUM;

/** Draw `length` characters uniformly from `alphabet`. */
export function pick(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

function digits(length: number): string {
  return String(randomInt(1, 10)) + pick(DIGITS, length - 1);
}

function base64Url(bytes: Buffer | string): string {
  return Buffer.from(bytes).toString('base64url');
}

/** A value generator: `family` is null for random values that are not secrets. */
export interface ValueGenerator {
  family: SecretFamily | null;
  make(args: string[]): string;
}

function num(args: string[], index: number, fallback: number): number {
  const value = args[index];
  return value === undefined ? fallback : Number.parseInt(value, 10);
}

function arg(args: string[], index: number, fallback: string): string {
  return args[index] ?? fallback;
}

function openAiKey(kind: string): string {
  if (kind === 'legacy') return `sk-${pick(ALNUM, 20)}T3BlbkFJ${pick(ALNUM, 20)}`;
  const prefix = kind === 'svcacct' ? 'sk-svcacct-' : 'sk-proj-';
  return `${prefix}${pick(B64URL, 74)}T3BlbkFJ${pick(B64URL, 74)}`;
}

function vaultToken(kind: string): string {
  return kind === 'long' ? `hvs.CAESI${pick(B64URL, 90)}` : `hvs.${pick(ALNUM, 24)}`;
}

/** `kind` is sk (secret) or rk (restricted); `length` long gives the newer 107-character form. */
function stripeKey(kind: string, length: string): string {
  const body = length === 'long' ? '51' + pick(ALNUM, 97) : pick(ALNUM, 24);
  return `${kind}_live_${body}`;
}

function slackWebhook(): string {
  const path = `T${pick(UPPER_ALNUM, 10)}/B${pick(UPPER_ALNUM, 10)}/${pick(ALNUM, 24)}`;
  return `https://hooks.slack.com/services/${path}`;
}

function mailgunKey(kind: string): string {
  if (kind === 'legacy') return `key-${pick(HEX, 32)}`;
  return `${pick(HEX, 32)}-${pick(HEX, 8)}-${pick(HEX, 8)}`;
}

function subresourceIntegrity(algorithm: string): string {
  const digestBytes = algorithm === 'sha384' ? 48 : 64;
  return `${algorithm}-${randomBytes(digestBytes).toString('base64')}`;
}

function azureSasSignature(): string {
  return encodeURIComponent(randomBytes(32).toString('base64'));
}

function sentryDsn(): string {
  const host = randomInt(2) === 0 ? 'ingest.sentry.io' : 'ingest.us.sentry.io';
  return `https://${pick(HEX, 32)}@o${digits(6)}.${host}/${digits(7)}`;
}

function sentryOrgToken(): string {
  const claims = {
    iat: 1_700_000_000 + randomInt(50_000_000),
    url: 'https://sentry.io',
    region_url: 'https://us.sentry.io',
    org: pick(LOWER, 8),
  };
  const body = Buffer.from(JSON.stringify(claims)).toString('base64').replace(/=+$/, '');
  return `sntrys_${body}_${pick(B64, 43)}`;
}

function discordBotToken(): string {
  const id = Buffer.from(digits(19)).toString('base64').replace(/=+$/, '');
  return `${id}.${pick(B64URL, 6)}.${pick(B64URL, 38)}`;
}

function basicAuth(): string {
  return Buffer.from(`${pick(LOWER, 7)}:${pick(PASSWORD, 20)}`).toString('base64');
}

function bcryptHash(): string {
  return `$2b$12$${pick(BCRYPT, 53)}`;
}

function argon2Hash(): string {
  const salt = randomBytes(16).toString('base64').replace(/=+$/, '');
  const hash = randomBytes(32).toString('base64').replace(/=+$/, '');
  return `$argon2id$v=19$m=65536,t=3,p=4$${salt}$${hash}`;
}

/** Sign a JWT with claims for `profile` using `alg` (HS256 or RS256) and a fresh key. */
function signedJwt(alg: string, profile: string): string {
  const now = 1_700_000_000 + randomInt(60_000_000);
  const claims: Record<string, Record<string, unknown>> = {
    user: { sub: String(randomInt(1000, 999_999)), email: `${pick(LOWER, 6)}@example.com` },
    service: { iss: 'supabase', ref: pick(LOWER, 20), role: 'service_role' },
    api: { sub: `svc-${pick(LOWER, 6)}`, scope: 'orders:write payments:read', aud: 'api' },
    admin: { sub: String(randomInt(1, 99)), role: 'admin', name: 'Build Admin' },
  };
  const payload = { ...(claims[profile] ?? claims.user), iat: now, exp: now + 31_536_000 };
  const header = { alg, typ: 'JWT' };
  const signingInput = `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(payload))}`;

  if (alg === 'RS256') {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signature = createSign('RSA-SHA256').update(signingInput).sign(privateKey);
    return `${signingInput}.${base64Url(signature)}`;
  }
  const signature = createHmac('sha256', randomBytes(32)).update(signingInput).digest();
  return `${signingInput}.${base64Url(signature)}`;
}

/** Base64 of a JSON object: starts with `eyJ` like a JWT, but is one segment. */
function base64Json(): string {
  const settings = { theme: 'dark', lang: pick(LOWER, 2), panel: randomInt(1, 9) };
  return Buffer.from(JSON.stringify(settings)).toString('base64');
}

const secretGenerators: Record<string, ValueGenerator> = {
  'aws-key-id': { family: 'cloud', make: (a) => arg(a, 0, 'AKIA') + pick(BASE32, 16) },
  'aws-secret': { family: 'cloud', make: () => pick(B64, 40) },
  'aws-session-token': {
    family: 'cloud',
    make: () => `IQoJb3JpZ2luX2VjE${pick(B64, 340)}`,
  },
  'azure-storage-key': { family: 'cloud', make: () => randomBytes(64).toString('base64') },
  'azure-sas-sig': { family: 'cloud', make: azureSasSignature },
  'azure-client-secret': {
    family: 'cloud',
    make: () => `${pick(ALNUM, 3)}${randomInt(10)}Q~${pick(ALNUM + '_.~-', 34)}`,
  },
  'gcp-api-key': { family: 'cloud', make: () => `AIzaSy${pick(B64URL, 33)}` },
  'do-token': { family: 'cloud', make: (a) => `${arg(a, 0, 'dop')}_v1_${pick(HEX, 64)}` },
  'alibaba-key-id': { family: 'cloud', make: () => `LTAI${pick(ALNUM, 20)}` },
  'alibaba-secret': { family: 'cloud', make: () => pick(ALNUM, 30) },
  github: { family: 'source-hosting', make: (a) => `${arg(a, 0, 'ghp')}_${pick(ALNUM, 36)}` },
  'github-pat': {
    family: 'source-hosting',
    make: () => `github_pat_11${pick(UPPER_ALNUM, 20)}_${pick(ALNUM, 59)}`,
  },
  gitlab: { family: 'source-hosting', make: () => `glpat-${pick(B64URL, 20)}` },
  bitbucket: {
    family: 'source-hosting',
    make: () => `ATBB${pick(ALNUM, 28)}${pick(HEX.toUpperCase(), 8)}`,
  },
  npm: { family: 'ci-registry', make: () => `npm_${pick(ALNUM, 36)}` },
  pypi: {
    family: 'ci-registry',
    make: (a) =>
      arg(a, 0, 'pypi') === 'test'
        ? `pypi-AgENdGVzdC5weXBpLm9yZwIk${pick(B64URL, 150)}`
        : `pypi-AgEIcHlwaS5vcmcCJ${pick(B64URL, 158)}`,
  },
  dockerhub: { family: 'ci-registry', make: () => `dckr_pat_${pick(B64URL, 27)}` },
  'b64-dockerhub': {
    family: 'ci-registry',
    make: () => Buffer.from(`shopbuild:dckr_pat_${pick(B64URL, 27)}`).toString('base64'),
  },
  tfc: { family: 'ci-registry', make: () => `${pick(ALNUM, 14)}.atlasv1.${pick(ALNUM, 67)}` },
  vault: {
    family: 'ci-registry',
    make: (a) => vaultToken(arg(a, 0, 'short')),
  },
  stripe: {
    family: 'payments',
    make: (a) => stripeKey(arg(a, 0, 'sk'), arg(a, 1, 'short')),
  },
  'stripe-whsec': { family: 'payments', make: () => `whsec_${pick(ALNUM, 32)}` },
  shopify: { family: 'payments', make: (a) => `${arg(a, 0, 'shpat')}_${pick(HEX, 32)}` },
  'square-token': { family: 'payments', make: () => `EAAA${pick(B64URL, 60)}` },
  'square-secret': { family: 'payments', make: () => `sq0csp-${pick(B64URL, 43)}` },
  'slack-bot': {
    family: 'messaging',
    make: () => `xoxb-${digits(12)}-${digits(13)}-${pick(ALNUM, 24)}`,
  },
  'slack-user': {
    family: 'messaging',
    make: () => `xoxp-${digits(12)}-${digits(12)}-${digits(13)}-${pick(HEX, 32)}`,
  },
  'slack-webhook': {
    family: 'messaging',
    make: slackWebhook,
  },
  'twilio-token': { family: 'messaging', make: () => pick(HEX, 32) },
  'twilio-api-key': { family: 'messaging', make: () => `SK${pick(HEX, 32)}` },
  sendgrid: { family: 'messaging', make: () => `SG.${pick(B64URL, 22)}.${pick(B64URL, 43)}` },
  mailgun: {
    family: 'messaging',
    make: (a) => mailgunKey(arg(a, 0, 'legacy')),
  },
  telegram: { family: 'messaging', make: () => `${digits(10)}:AA${pick(B64URL, 33)}` },
  'discord-bot': { family: 'messaging', make: discordBotToken },
  'discord-webhook': {
    family: 'messaging',
    make: () => `https://discord.com/api/webhooks/${digits(19)}/${pick(B64URL, 68)}`,
  },
  openai: { family: 'ai', make: (a) => openAiKey(arg(a, 0, 'proj')) },
  anthropic: {
    family: 'ai',
    make: (a) => `sk-ant-${arg(a, 0, 'api03')}-${pick(B64URL, 93)}AA`,
  },
  huggingface: { family: 'ai', make: () => `hf_${pick(UPPER + LOWER, 34)}` },
  groq: { family: 'ai', make: () => `gsk_${pick(ALNUM, 52)}` },
  'newrelic-user': { family: 'observability', make: () => `NRAK-${pick(UPPER_ALNUM, 27)}` },
  'newrelic-license': { family: 'observability', make: () => `${pick(HEX, 36)}NRAL` },
  'sentry-dsn': { family: 'observability', make: sentryDsn },
  'sentry-org': { family: 'observability', make: sentryOrgToken },
  'sentry-user': { family: 'observability', make: () => `sntryu_${pick(HEX, 64)}` },
  'grafana-sa': { family: 'observability', make: () => `glsa_${pick(ALNUM, 32)}_${pick(HEX, 8)}` },
  jwt: { family: 'jwt', make: (a) => signedJwt(arg(a, 0, 'HS256'), arg(a, 1, 'user')) },
  password: {
    family: 'generic',
    make: (a) => pick(arg(a, 1, '') === 'alnum' ? ALNUM : PASSWORD, num(a, 0, 20)),
  },
  token: { family: 'generic', make: (a) => pick(B64URL, num(a, 0, 40)) },
  hexsecret: { family: 'generic', make: (a) => pick(HEX, num(a, 0, 64)) },
  b64secret: { family: 'generic', make: (a) => randomBytes(num(a, 0, 32)).toString('base64') },
  'b64-fernet': { family: 'generic', make: () => randomBytes(32).toString('base64url') + '=' },
  'django-key': { family: 'generic', make: () => pick(DJANGO, 50) },
  'basic-auth': { family: 'generic', make: basicAuth },
  'b64-password': {
    family: 'generic',
    make: (a) => Buffer.from(pick(PASSWORD, num(a, 0, 24))).toString('base64'),
  },
};

/** Random values that look like secrets to a naive scanner but are not secrets. */
const decoyGenerators: Record<string, ValueGenerator> = {
  uuid: { family: null, make: () => randomUUID() },
  'git-sha': { family: null, make: (a) => pick(HEX, num(a, 0, 40)) },
  hex: { family: null, make: (a) => pick(HEX, num(a, 0, 64)) },
  b64: { family: null, make: (a) => randomBytes(num(a, 0, 32)).toString('base64') },
  digits: { family: null, make: (a) => digits(num(a, 0, 12)) },
  alnum: { family: null, make: (a) => pick(ALNUM, num(a, 0, 16)) },
  integrity: { family: null, make: (a) => subresourceIntegrity(arg(a, 0, 'sha512')) },
  'go-sum': { family: null, make: () => `h1:${randomBytes(32).toString('base64')}` },
  digest: { family: null, make: () => `sha256:${pick(HEX, 64)}` },
  bcrypt: { family: null, make: bcryptHash },
  argon2: { family: null, make: argon2Hash },
  'png-data': {
    family: null,
    make: (a) => `iVBORw0KGgoAAAANSUhEUgAA${pick(B64, num(a, 0, 120))}AAAAAElFTkSuQmCC`,
  },
  'base64-json': { family: null, make: base64Json },
  'twilio-sid': { family: null, make: () => `AC${pick(HEX, 32)}` },
  'stripe-publishable': { family: null, make: () => `pk_live_${pick(ALNUM, 24)}` },
  'google-client-id': {
    family: null,
    make: () => `${digits(12)}-${pick(LOWER + DIGITS, 32)}.apps.googleusercontent.com`,
  },
  'sealed-data': { family: null, make: (a) => `AgB${pick(B64, num(a, 0, 300))}` },
  'sops-enc': {
    family: null,
    make: () =>
      `ENC[AES256_GCM,data:${pick(B64, 24)}=,iv:${pick(B64, 43)}=,tag:${pick(B64, 22)}==,type:str]`,
  },
};

export const GENERATORS: Record<string, ValueGenerator> = {
  ...secretGenerators,
  ...decoyGenerators,
};
