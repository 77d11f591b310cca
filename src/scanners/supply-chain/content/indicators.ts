/**
 * Indicators: the capabilities and strings that content rules combine,
 * written as data. Each record lists literal tokens for one language and
 * the check that confirms a token hit (see `token-checks.ts`). Tokens in
 * lower case match in any case; tokens with a capital match exactly.
 */
import type { FileLanguage } from './file-kind.js';
import type { TokenCheck } from './token-checks.js';

export type IndicatorId =
  | 'network'
  | 'fetch-tool'
  | 'pipe-shell'
  | 'shell'
  | 'decode'
  | 'dynamic-code'
  | 'credential-path'
  | 'stealer-path'
  | 'env-dump'
  | 'env-secret'
  | 'host-info'
  | 'exfil-host'
  | 'packer';

export interface IndicatorRecord {
  id: IndicatorId;
  languages: readonly FileLanguage[];
  tokens: readonly string[];
  check?: TokenCheck;
}

const ALL: readonly FileLanguage[] = ['javascript', 'python', 'shell'];
const JS: readonly FileLanguage[] = ['javascript'];
const PY: readonly FileLanguage[] = ['python'];
const SH: readonly FileLanguage[] = ['shell'];

/** Node built-in modules that open connections, and popular clients; built-ins also match with the `node:` prefix. */
const JS_NETWORK_BUILTINS = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'dns/promises'];
const JS_NETWORK_PACKAGES = ['axios', 'got', 'node-fetch', 'request', 'undici', 'superagent', 'needle', 'ws'];
const JS_SHELL_BUILTINS = ['child_process'];
const JS_SHELL_PACKAGES = ['execa', 'cross-spawn', 'shelljs'];
const PY_NETWORK_MODULES = ['requests', 'urllib', 'urllib2', 'urllib3', 'httplib', 'http.client', 'socket', 'httpx', 'aiohttp', 'ftplib', 'smtplib', 'telnetlib', 'pycurl'];

/** Quoted forms of module names, as they appear in `require('x')` and `from 'x'`. */
function quotedModules(builtins: readonly string[], packages: readonly string[]): string[] {
  const names = [...builtins, ...builtins.map((name) => `node:${name}`), ...packages];
  return names.flatMap((name) => [`'${name}'`, `"${name}"`, `\`${name}\``]);
}

/** Download tools as they appear in commands and in command strings inside code. */
const FETCH_TOOLS = ['curl ', 'wget ', 'Invoke-WebRequest', 'Invoke-RestMethod', 'iwr ', 'DownloadString(', 'DownloadFile(', 'certutil -urlcache', 'bitsadmin /transfer', '/dev/tcp/'];

export const INDICATORS: readonly IndicatorRecord[] = [
  { id: 'network', languages: JS, tokens: quotedModules(JS_NETWORK_BUILTINS, JS_NETWORK_PACKAGES), check: 'module' },
  { id: 'network', languages: JS, tokens: ['fetch', 'XMLHttpRequest', 'WebSocket', 'sendBeacon'], check: 'call' },
  { id: 'network', languages: PY, tokens: PY_NETWORK_MODULES, check: 'python-import' },
  { id: 'network', languages: PY, tokens: ['urlopen', 'urlretrieve'], check: 'call' },
  { id: 'network', languages: PY, tokens: ['requests.get(', 'requests.post(', 'requests.put(', 'requests.request(', 'httpx.get(', 'httpx.post(', 'socket.socket(', 'socket.create_connection('] },
  { id: 'network', languages: ALL, tokens: FETCH_TOOLS, check: 'word' },
  { id: 'network', languages: SH, tokens: ['curl', 'wget', 'nc', 'ncat', 'irm', 'iwr', 'scp', 'ftp'], check: 'command' },
  { id: 'fetch-tool', languages: ALL, tokens: FETCH_TOOLS, check: 'word' },
  { id: 'fetch-tool', languages: SH, tokens: ['curl', 'wget', 'irm', 'iwr'], check: 'command' },
  {
    id: 'pipe-shell',
    languages: ALL,
    tokens: ['| sh', '|sh', '| bash', '|bash', '| zsh', '| iex', '|iex', '| Invoke-Expression', '| python', '| python3', '| node', '| powershell', '| sudo sh', '| sudo bash'],
    check: 'pipe',
  },
  { id: 'shell', languages: JS, tokens: quotedModules(JS_SHELL_BUILTINS, JS_SHELL_PACKAGES), check: 'module' },
  { id: 'shell', languages: JS, tokens: ['execSync', 'execFileSync', 'spawnSync'], check: 'call' },
  { id: 'shell', languages: PY, tokens: ['subprocess'], check: 'python-import' },
  { id: 'shell', languages: PY, tokens: ['os.system', 'os.popen', 'os.execv', 'os.execl', 'os.spawnl', 'os.spawnv', 'pty.spawn', 'commands.getoutput', 'subprocess.'], check: 'word' },
  { id: 'decode', languages: JS, tokens: ['atob'], check: 'call' },
  { id: 'decode', languages: JS, tokens: ['Buffer.from', 'new Buffer'], check: 'buffer-decode' },
  { id: 'decode', languages: JS, tokens: ['inflateSync(', 'inflateRawSync(', 'gunzipSync(', 'unzipSync(', 'brotliDecompressSync('] },
  {
    id: 'decode',
    languages: PY,
    tokens: ['b64decode(', 'b32decode(', 'b16decode(', 'b85decode(', 'a85decode(', 'decodebytes(', 'decodestring(', 'zlib.decompress(', 'lzma.decompress(', 'bz2.decompress(', 'gzip.decompress(', 'marshal.loads(', 'codecs.decode(', 'bytes.fromhex(', 'unhexlify(', 'a2b_base64(', "'rot13'", '"rot13"', "'rot_13'", '"rot_13"'],
  },
  { id: 'decode', languages: SH, tokens: ['base64 -d', 'base64 --decode', 'base64 -D', 'FromBase64String', 'certutil -decode', 'xxd -r', 'openssl enc -d', 'openssl base64 -d'] },
  { id: 'dynamic-code', languages: JS, tokens: ['eval', 'Function'], check: 'call' },
  { id: 'dynamic-code', languages: JS, tokens: ['runInThisContext(', 'runInNewContext(', 'runInContext(', 'vm.Script(', '._compile('] },
  { id: 'dynamic-code', languages: PY, tokens: ['exec', 'eval', 'compile', 'execfile'], check: 'call' },
  { id: 'dynamic-code', languages: SH, tokens: ['Invoke-Expression', 'iex', 'eval'], check: 'command' },
  { id: 'packer', languages: JS, tokens: ['function(p,a,c,k,e,'], check: 'after-eval' },
  {
    id: 'credential-path',
    languages: ALL,
    tokens: ['.npmrc', '.ssh', '.aws', '.docker', '.git-credentials', '.kube', '.pypirc', '.netrc', '.gnupg', '.bash_history', '.zsh_history'],
    check: 'path',
  },
  { id: 'credential-path', languages: ALL, tokens: ['id_rsa', 'id_ed25519', 'id_ecdsa', 'id_dsa', '/etc/passwd', '/etc/shadow', 'authorized_keys'], check: 'word' },
  {
    id: 'stealer-path',
    languages: ALL,
    tokens: [
      'Login Data',
      'logins.json',
      'key4.db',
      'cookies.sqlite',
      'Local Storage/leveldb',
      'Local Storage\\leveldb',
      'Local Storage\\\\leveldb',
      'discordcanary',
      'discordptb',
      'wallet.dat',
      'exodus.wallet',
      'Electrum/wallets',
      'Ethereum/keystore',
      'Ethereum\\keystore',
      'solana/id.json',
      'Telegram Desktop',
      // Browser extension ids of crypto wallets: MetaMask, Phantom, Coinbase Wallet, Binance Wallet, TronLink, Ronin.
      'nkbihfbeogaeaoehlefnkodbefgpgknn',
      'bfnaelmomeimhlpmgjnjophhpkkoljpa',
      'hnfanknocfeofbddgcijnmhnfnkdnaad',
      'fhbohimaelbohpjbbldcngcnapndodjp',
      'ibnejdfjmmkpcnlpebklmnkoeoihofec',
      'fnjhmkhhmkbjkkabndcnnogagogbneec',
    ],
  },
  { id: 'env-dump', languages: JS, tokens: ['process.env'], check: 'env-serialised' },
  { id: 'env-dump', languages: PY, tokens: ['os.environ'], check: 'env-serialised' },
  { id: 'env-dump', languages: SH, tokens: ['printenv', '$(env)', '`env`'], check: 'word' },
  {
    id: 'env-secret',
    languages: ALL,
    tokens: [
      'NPM_TOKEN',
      'NPM_AUTH_TOKEN',
      'NODE_AUTH_TOKEN',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'GITHUB_TOKEN',
      'GH_TOKEN',
      'GITLAB_TOKEN',
      'CI_JOB_TOKEN',
      'PYPI_TOKEN',
      'PYPI_API_TOKEN',
      'TWINE_PASSWORD',
      'DOCKER_PASSWORD',
      'DOCKERHUB_TOKEN',
      'AZURE_CLIENT_SECRET',
      'HEROKU_API_KEY',
      'SLACK_TOKEN',
    ],
    check: 'word',
  },
  { id: 'host-info', languages: JS, tokens: ['.hostname()', '.userInfo()', '.networkInterfaces()'] },
  { id: 'host-info', languages: PY, tokens: ['gethostname(', 'getpass.getuser(', 'os.getlogin(', 'platform.node(', 'os.uname('] },
  { id: 'host-info', languages: SH, tokens: ['whoami', 'hostname'], check: 'command' },
  {
    id: 'exfil-host',
    languages: ALL,
    tokens: [
      'discord.com/api/webhooks',
      'discordapp.com/api/webhooks',
      'pastebin.com',
      'ngrok.io',
      'ngrok-free.app',
      'ngrok.app',
      'burpcollaborator.net',
      'oastify.com',
      'oast.fun',
      'oast.pro',
      'oast.live',
      'oast.site',
      'oast.online',
      'oast.me',
      'interact.sh',
      'webhook.site',
      'pipedream.net',
      'requestbin.',
      'transfer.sh',
      'api.telegram.org',
      'canarytokens.com',
      'dnslog.cn',
      'ceye.io',
      'hookbin.com',
      'beeceptor.com',
      'trycloudflare.com',
    ],
    check: 'word',
  },
  { id: 'exfil-host', languages: ALL, tokens: ['://'], check: 'public-ip' },
];
