/**
 * Checks that decide whether a regex match is a real secret. The shared
 * placeholder check runs for every rule; the named filters run for rules
 * whose `filter` field names them.
 */
import type { SecretFilter } from './rule-types.js';

const PLACEHOLDER_WORDS = [
  'example',
  'placeholder',
  'changeme',
  'change_me',
  'replace_me',
  'replaceme',
  'your_',
  'your-',
  'yourkey',
  'yourtoken',
  'yoursecret',
  'yourpassword',
  'xxxxxx',
  '******',
  '......',
  'redacted',
  'dummy',
  'insert_',
  'insert-',
  'todo',
  'replace_with',
  'replace-with',
];

/**
 * Angle brackets mark a placeholder (`<password>`, `<YOUR_TOKEN`, `sk-<key>`) when they
 * open the value, close it, or wrap a word. Random values such as WordPress salts may
 * contain single brackets, so a bracket alone does not make a placeholder.
 */
const ANGLE_PLACEHOLDER = /^<|>$|<[A-Za-z_][\w.-]*(?:>|$)/;

const VARIABLE_REFERENCE = /^\$|\$\{|\{\{|\$\(|%\(|%[sd]$|^%[A-Za-z_]+%$|^@[A-Za-z_]+@$/;

/** Whether a secret value is a placeholder, a variable reference or a trivial string. */
export function isPlaceholder(value: string): boolean {
  const lower = value.toLowerCase();
  if (PLACEHOLDER_WORDS.some((word) => lower.includes(word))) return true;
  if (ANGLE_PLACEHOLDER.test(value) || VARIABLE_REFERENCE.test(value)) return true;
  return new Set(value).size < 4;
}

/** Metadata suffixes of camelCase and PascalCase names, such as UserSecretsId or tokenUrl. */
const CAMEL_CASE_METADATA = [
  'Name', 'Type', 'File', 'Path', 'Dir', 'Url', 'Uri', 'Endpoint', 'Field', 'Length', 'Size',
  'Hash', 'Digest', 'Checksum', 'Count', 'Prefix', 'Suffix', 'Format', 'Version', 'Label',
  'Header', 'Param', 'Ref', 'Policy', 'Mode', 'Ttl', 'Expiry', 'Expires', 'ExpiresAt', 'Kind',
  'Pattern', 'Regex', 'Id', 'Ids',
];

/** Name suffixes that describe metadata about a secret rather than the secret itself. */
const NON_SECRET_NAME = [
  /(?:^|[_.-])(?:name|type|file|path|dir|url|uri|endpoint|field|length|len|size|hash|digest|checksum|sha\d*|md5|count|prefix|suffix|format|version|label|header|param|env|var|ref|policy|mode|ttl|expiry|expires(?:_at)?|kind|pattern|regex|id)$/i,
  /^(?:public|pub)[_.-]?key/i,
  /(?:^|[_.-])(?:min|max|is|has|use|enable|enabled|require|required|show|reset|forgot|confirm|new|old)(?:[_.-]|$)/i,
  // Case-sensitive: the capital letter marks the start of the suffix word.
  new RegExp(`[a-z0-9](?:${CAMEL_CASE_METADATA.join('|')})$`),
];

/**
 * Values that are public by design: Mapbox public tokens (pk.) and Stripe publishable
 * keys (pk_live_, pk_test_) are sent to browsers.
 */
const PUBLIC_VALUE = /^(?:pk\.eyJ|pk_(?:live|test)_)/;

/**
 * Passwords that test fixtures and tutorials use: a common word with optional digits and
 * symbols around it, such as Password123! or Welcome1.
 */
const COMMON_PASSWORD_WORDS =
  'p[a@4]ss(?:w[o0]rd)?|secret|test|admin|welcome|letmein|qwerty|changeme|demo|guest|user|' +
  'root|default|sample';
const COMMON_PASSWORD = new RegExp(
  `^[\\W_]{0,3}(?:${COMMON_PASSWORD_WORDS})[\\W_]{0,3}\\d{0,8}[\\W_]{0,3}$`,
  'i',
);

const JWT_SHAPE = /^eyJ[\w-]*\.eyJ[\w-]*\.[\w-]*$/;

const DOTTED_IDENTIFIER = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;
const OBJECT_WORD =
  /(?:^|\.)(?:env|config|cfg|settings|process|this|self|os|environ|secrets|vars|values|params|props|options|opts|credentials|app|request|req|ctx|context)(?:\.|$)/i;

/**
 * Property access such as `config.db.password` or `process.env.TOKEN`. A
 * random value can contain dots too, so a dotted value only counts as code
 * when it has no digit or starts from a typical object name.
 */
function isPropertyAccess(value: string): boolean {
  if (!DOTTED_IDENTIFIER.test(value)) return false;
  return !/\d/.test(value) || OBJECT_WORD.test(value);
}

const CODE_LIKE = [
  /[()[\]{};]/, // calls, indexing, blocks
  /^(?:https?|file|ftp):\/\//i,
  /^[./~]/, // paths
  /^(?:true|false|null|none|nil|undefined)$/i,
];

function isIdentifierLike(value: string): boolean {
  return /^[A-Za-z_$][A-Za-z_$-]*$/.test(value);
}

/**
 * Keep a generic `name = value` match only when the name is a secret name
 * and the value looks like a random credential, not code or metadata.
 * Group 1 of the generic rules is the name, the secret group is the value.
 */
function keepGenericAssignment(match: RegExpExecArray, value: string): boolean {
  const name = match[1] ?? '';
  if (NON_SECRET_NAME.some((pattern) => pattern.test(name))) return false;
  if (CODE_LIKE.some((pattern) => pattern.test(value)) || isPropertyAccess(value)) return false;
  if (isIdentifierLike(value)) return false;
  if (PUBLIC_VALUE.test(value) || COMMON_PASSWORD.test(value)) return false;
  if (JWT_SHAPE.test(value)) return keepJwt(value);

  const hasDigit = /\d/.test(value);
  const hasLetter = /[A-Za-z]/.test(value);
  const mixedCase = /[a-z]/.test(value) && /[A-Z]/.test(value);
  if (hasDigit && hasLetter) return true;
  return value.length >= 24 && mixedCase;
}

const PLACEHOLDER_PASSWORDS = new Set([
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'changeme',
  'test',
  'testing',
  'guest',
  'user',
  'username',
  'admin',
  'root',
  'postgres',
  'mysql',
  'redis',
  'mongo',
  'rabbitmq',
  'dbpass',
  'dbpassword',
  'mypassword',
  'mysecretpassword',
  'yourpassword',
  'example',
  'sample',
  'tiger',
]);

/**
 * Keep a connection string only when its password is not a placeholder.
 * The secret group is the password; group 2 is the user name.
 */
function keepConnectionString(match: RegExpExecArray, password: string): boolean {
  const lower = password.toLowerCase();
  if (PLACEHOLDER_PASSWORDS.has(lower) || COMMON_PASSWORD.test(password)) return false;
  if (lower === (match[2] ?? '').toLowerCase()) return false;
  if (/^[*x.]+$/i.test(password)) return false;
  return password.length >= 3;
}

function decodeBase64UrlJson(part: string): unknown {
  try {
    const json = Buffer.from(part, 'base64url').toString('utf8');
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Keep a JWT only when its header and payload decode to JSON objects and the header names
 * a signing algorithm. An unsigned token (`alg: none` or an empty signature) is no
 * credential, because anyone can mint one.
 */
function keepJwt(token: string): boolean {
  const [header, payload, signature] = token.split('.');
  if (header === undefined || payload === undefined) return false;
  if (signature === undefined || signature.length === 0) return false;

  const decodedHeader = decodeBase64UrlJson(header);
  const decodedPayload = decodeBase64UrlJson(payload);
  if (typeof decodedHeader !== 'object' || decodedHeader === null) return false;
  if (typeof decodedPayload !== 'object' || decodedPayload === null) return false;
  const algorithm = (decodedHeader as Record<string, unknown>).alg;
  return typeof algorithm === 'string' && algorithm.toLowerCase() !== 'none';
}

/** Apply a rule's named filter; true keeps the match. */
export function passesFilter(
  filter: SecretFilter | undefined,
  match: RegExpExecArray,
  secret: string,
): boolean {
  switch (filter) {
    case undefined:
      return true;
    case 'generic-assignment':
      return keepGenericAssignment(match, secret);
    case 'connection-string':
      return keepConnectionString(match, secret);
    case 'jwt':
      return keepJwt(secret);
  }
}
