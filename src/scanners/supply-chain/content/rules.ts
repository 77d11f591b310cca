/**
 * The content rules as data. A rule fires in a file when all of its
 * `requires` indicators occur there (on one line, in the file, or as the
 * argument of a call, by `scope`) and, when `anyOf` is given, one of those
 * too. Severity depends on where the file runs. `install` applies to files
 * run by an install hook (a hook's script, setup.py, a `.pth` file, an
 * in-tree build backend), and `runtime` to everything else. A rule without
 * a severity for a placement is not reported there.
 */
import type { Severity } from '../../../core/finding.js';
import type { FileLanguage } from './file-kind.js';
import type { IndicatorId } from './indicators.js';
import type { ObfuscationId } from './obfuscation.js';

/** Indicators found by the archive reader and the binary check rather than in text. */
export type EntryIndicatorId = 'native-binary' | 'executable-binary' | 'disguised-binary' | 'unsafe-path' | 'runs-file';

export type RuleIndicator = IndicatorId | ObfuscationId | EntryIndicatorId;

/** `command` is an npm lifecycle script; `binary` and `entry` are checks of the entry itself. */
export type RuleKind = FileLanguage | 'command' | 'binary' | 'entry';

export interface ContentRule {
  id: string;
  message: string;
  kinds: readonly RuleKind[];
  requires: readonly RuleIndicator[];
  anyOf?: readonly RuleIndicator[];
  /** `near`: all hits within 200 characters on one line; `argument`: a `decode` hit inside the argument of a `dynamic-code` call. */
  scope: 'near' | 'file' | 'argument';
  severity: { install?: Severity; runtime?: Severity };
  /** Rules this one makes redundant in the same file. */
  replaces?: readonly string[];
}

const CODE: readonly RuleKind[] = ['javascript', 'python', 'shell'];
const SECRETS: readonly RuleIndicator[] = ['credential-path', 'stealer-path', 'env-dump', 'env-secret', 'host-info'];

export const CONTENT_RULES: readonly ContentRule[] = [
  {
    id: 'eval-decoded',
    message: 'runs code decoded at run time',
    kinds: ['javascript', 'python'],
    requires: ['decode', 'dynamic-code'],
    scope: 'argument',
    severity: { install: 'critical', runtime: 'high' },
  },
  { id: 'packer', message: 'code packed with eval(function(p,a,c,k,e,...))', kinds: ['javascript'], requires: ['packer'], scope: 'file', severity: { install: 'critical', runtime: 'high' } },
  { id: 'obfuscated-identifiers', message: 'obfuscated code', kinds: ['javascript'], requires: ['hex-identifiers'], scope: 'file', severity: { install: 'high', runtime: 'medium' } },
  { id: 'escaped-strings', message: 'strings hidden as long runs of escapes', kinds: ['javascript', 'python'], requires: ['escape-run'], scope: 'file', severity: { install: 'high', runtime: 'medium' } },
  { id: 'char-code-chain', message: 'strings built from character codes', kinds: ['javascript', 'python'], requires: ['char-code-chain'], scope: 'file', severity: { install: 'high', runtime: 'medium' } },
  { id: 'packed-literal', message: 'a large encoded literal', kinds: ['javascript', 'python'], requires: ['long-literal'], scope: 'file', severity: { install: 'medium' } },
  {
    id: 'packed-payload',
    message: 'decodes a large encoded literal and runs code dynamically',
    kinds: ['javascript', 'python'],
    requires: ['long-literal', 'decode', 'dynamic-code'],
    scope: 'file',
    severity: { install: 'critical', runtime: 'low' },
    replaces: ['packed-literal'],
  },
  {
    id: 'download-to-shell',
    message: 'downloads a script and pipes it into a shell',
    kinds: [...CODE, 'command'],
    requires: ['fetch-tool', 'pipe-shell'],
    scope: 'near',
    severity: { install: 'critical', runtime: 'low' },
    replaces: ['install-network', 'install-shell', 'pipe-to-shell', 'script-download'],
  },
  {
    id: 'shell-decoded',
    message: 'runs a decoded command',
    kinds: ['javascript', 'python'],
    requires: ['decode', 'shell'],
    scope: 'near',
    severity: { install: 'high', runtime: 'medium' },
    replaces: ['install-shell'],
  },
  { id: 'pipe-to-shell', message: 'pipes output into a shell', kinds: ['command'], requires: ['pipe-shell'], scope: 'file', severity: { install: 'high' } },
  { id: 'install-decode', message: 'decodes base64 or hex data at install time', kinds: ['command', 'shell'], requires: ['decode'], scope: 'file', severity: { install: 'high' } },
  { id: 'script-download', message: 'downloads at install time', kinds: ['command'], requires: ['network'], scope: 'file', severity: { install: 'high' } },
  // Binary packages download their platform build from an install script
  // (esbuild, node-sass, @sentry/cli), so network use alone is only medium.
  { id: 'install-network', message: 'uses the network at install time', kinds: CODE, requires: ['network'], scope: 'file', severity: { install: 'medium' } },
  // Install scripts run node-gyp, git or `ldd --version` as a matter of course.
  { id: 'install-shell', message: 'starts other programs at install time', kinds: ['javascript', 'python'], requires: ['shell'], scope: 'file', severity: { install: 'low' } },
  {
    id: 'exfiltration',
    message: 'reads credentials or environment data and uses the network',
    kinds: CODE,
    requires: ['network'],
    anyOf: ['credential-path', 'stealer-path', 'env-dump', 'env-secret'],
    scope: 'file',
    severity: { install: 'critical' },
    replaces: ['install-network', 'credential-read', 'env-dump', 'secret-env-read', 'host-recon'],
  },
  {
    id: 'stealer-exfiltration',
    message: 'reads browser, Discord or wallet data and uses the network',
    kinds: CODE,
    requires: ['network', 'stealer-path'],
    scope: 'file',
    severity: { install: 'critical', runtime: 'critical' },
    replaces: ['install-network', 'stealer-paths', 'exfiltration'],
  },
  { id: 'stealer-paths', message: 'refers to browser, Discord or wallet data', kinds: CODE, requires: ['stealer-path'], scope: 'file', severity: { install: 'high', runtime: 'medium' } },
  { id: 'credential-read', message: 'refers to credential files', kinds: CODE, requires: ['credential-path'], scope: 'file', severity: { install: 'medium' } },
  { id: 'env-dump', message: 'serialises the whole environment', kinds: CODE, requires: ['env-dump'], scope: 'file', severity: { install: 'high', runtime: 'low' } },
  {
    id: 'env-exfiltration',
    message: 'serialises the whole environment and uses the network',
    kinds: CODE,
    requires: ['network', 'env-dump'],
    scope: 'file',
    severity: { install: 'critical', runtime: 'high' },
    replaces: ['env-dump', 'exfiltration', 'install-network'],
  },
  { id: 'secret-env-read', message: 'reads secret environment variables', kinds: CODE, requires: ['env-secret'], scope: 'file', severity: { install: 'medium' } },
  { id: 'host-recon', message: 'collects host and user names and uses the network', kinds: CODE, requires: ['network', 'host-info'], scope: 'file', severity: { install: 'high' }, replaces: ['install-network'] },
  { id: 'exfil-host', message: 'contacts a host used for exfiltration or a literal IP address', kinds: [...CODE, 'command'], requires: ['exfil-host'], scope: 'file', severity: { install: 'high', runtime: 'low' } },
  {
    id: 'exfil-host-data',
    message: 'sends credentials or host data to an exfiltration host or a literal IP address',
    kinds: CODE,
    requires: ['exfil-host'],
    anyOf: SECRETS,
    scope: 'file',
    severity: { install: 'critical', runtime: 'critical' },
    replaces: ['exfil-host', 'exfiltration', 'host-recon', 'credential-read', 'secret-env-read', 'install-network'],
  },
  { id: 'native-module', message: 'native module', kinds: ['binary'], requires: ['native-binary'], scope: 'file', severity: { install: 'info', runtime: 'info' } },
  { id: 'executable-binary', message: 'executable binary', kinds: ['binary'], requires: ['executable-binary'], scope: 'file', severity: { install: 'medium', runtime: 'low' } },
  { id: 'disguised-binary', message: 'executable binary with the extension of a text or image file', kinds: ['binary'], requires: ['disguised-binary'], scope: 'file', severity: { install: 'high', runtime: 'high' } },
  { id: 'unsafe-entry-path', message: 'archive entry escapes the package folder', kinds: ['entry'], requires: ['unsafe-path'], scope: 'file', severity: { install: 'medium', runtime: 'medium' } },
  { id: 'install-runs-file', message: 'install script runs a file from the package', kinds: ['command'], requires: ['runs-file'], scope: 'file', severity: { install: 'info' } },
];

/** Look up the rule with `id`. Throws for an id that is not in the table, which is a programming error. */
export function ruleById(id: string): ContentRule {
  const rule = CONTENT_RULES.find((candidate) => candidate.id === id);
  if (!rule) throw new Error(`unknown content rule ${id}`);
  return rule;
}
