/**
 * Builtin checks of the Dockerfile rules (see index.ts); names start with
 * `dockerfile-`. Each judges one `stage` resource (resources/dockerfile.ts)
 * and reads RUN commands as words, after removing the wrappers that only
 * launch the real program (`sudo`, `env`, `VAR=value`, `sh -c "..."`).
 */
import { headerSpan, type Builtin, type Outcome } from '../evaluate.js';
import { tokenizeShell } from '../../dockerfile/shell-tokens.js';
import { splitWords } from '../../dockerfile/words.js';
import type { Span, TreeNode } from '../../tree.js';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
const DOWNLOADERS = new Set(['curl', 'wget']);
/** Interpreters that run a script read from stdin when given no script argument, or `-`. */
const INTERPRETERS = new Set(['python', 'python2', 'python3', 'perl', 'ruby', 'node']);

/** Checks whether a command that reads a pipe runs it as a script: `sh`, `bash -s -- x`, `python3 -`, but not `sh -c ...` or `python3 -m json.tool`. */
function runsStdin(command: Command): boolean {
  if (SHELLS.has(command.program)) return !command.args.includes('-c');
  if (!INTERPRETERS.has(command.program)) return false;
  const first = command.args[0];
  return first === undefined || first === '-';
}

export function field(node: TreeNode | undefined, key: string): TreeNode | undefined {
  return node?.kind === 'map' ? node.entries.find((entry) => entry.key === key)?.value : undefined;
}

export function text(node: TreeNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

function items(node: TreeNode | undefined): TreeNode[] {
  return node?.kind === 'list' ? node.items : [];
}

function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** One simple command of a RUN, with the launching wrappers removed. */
interface Command {
  /** Basename of the program that does the work, such as `apt-get`. */
  program: string;
  /** The words after the program. */
  args: string[];
  /** The operator that follows the command in its script (`|`, `&&`...). */
  separator?: string;
  /** `sudo` launched it. */
  sudo: boolean;
  /** `VAR=value` words before the program, on the command line or after `env`. */
  assignments: string[];
  span: Span;
}

interface Run {
  instruction: TreeNode;
  commands: Command[];
  /** `--mount` options of the RUN, each as key=value pairs. */
  mounts: Array<Record<string, string>>;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** Options of sudo and env that take a value in the next word. */
const SUDO_VALUE_OPTIONS = new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-T', '-U', '--user', '--group', '--chdir']);
const ENV_VALUE_OPTIONS = new Set(['-u', '-C', '-S', '--unset', '--chdir', '--split-string']);
const PLAIN_WRAPPERS = new Set(['exec', 'nohup', 'time', 'command', 'eatmydata']);

/** Strips `VAR=x`, `sudo`, `env`, `exec` and similar launchers and returns the index of the real program. */
function programIndex(tokens: readonly string[]): { index: number; sudo: boolean; assignments: string[] } {
  let index = 0;
  let sudo = false;
  const assignments: string[] = [];
  for (let rounds = 0; rounds < 8 && index < tokens.length; rounds++) {
    while (index < tokens.length && ASSIGNMENT.test(tokens[index] as string)) assignments.push(tokens[index++] as string);
    const word = basename(tokens[index] ?? '');
    let options: ReadonlySet<string> | undefined;
    if (word === 'sudo') {
      sudo = true;
      options = SUDO_VALUE_OPTIONS;
    } else if (word === 'env') {
      options = ENV_VALUE_OPTIONS;
    } else if (word === 'nice') {
      options = new Set(['-n']);
    } else if (word === 'xargs') {
      options = new Set(['-a', '-I', '-n', '-P', '-d', '-E', '-L', '-s']);
    } else if (!PLAIN_WRAPPERS.has(word)) {
      break;
    }
    index++;
    while (index < tokens.length && (tokens[index] as string).startsWith('-')) {
      const option = tokens[index] as string;
      index += options?.has(option) === true ? 2 : 1;
      if (option === '--') break;
    }
  }
  return { index, sudo, assignments };
}

/** Splits one token list into commands, descending into `sh -c SCRIPT` up to `depth` times. */
function commandsOf(tokens: readonly string[], span: Span, separator: string | undefined, depth: number): Command[] {
  const { index, sudo, assignments } = programIndex(tokens);
  const program = basename(tokens[index] ?? '');
  const args = tokens.slice(index + 1);
  const script = args[0] === '-c' ? args[1] : undefined;
  const command: Command = { program, args, sudo, assignments, span };
  if (SHELLS.has(program) && script !== undefined && depth < 3) {
    // The shell itself stays in the list (its arguments can hold `$(curl ...)`), then the script's commands.
    const inner = tokenizeShell(script).flatMap((raw) => commandsOf(raw.tokens, span, raw.separator, depth + 1));
    const last = inner[inner.length - 1];
    if (last !== undefined) {
      if (separator === undefined) delete last.separator;
      else last.separator = separator;
    }
    return [{ ...command, separator: ';' }, ...inner];
  }
  if (separator !== undefined) command.separator = separator;
  return [command];
}

function mountsOf(instruction: TreeNode): Array<Record<string, string>> {
  const all = text(field(instruction, 'arguments')) ?? '';
  const operands = text(field(instruction, 'operands')) ?? '';
  const flags = operands === '' ? all : all.slice(0, Math.max(0, all.lastIndexOf(operands)));
  return splitWords(flags, '\\')
    .filter((word) => word.value.startsWith('--mount='))
    .map((word) => {
      const options: Record<string, string> = {};
      for (const part of word.value.slice('--mount='.length).split(',')) {
        const equals = part.indexOf('=');
        if (equals === -1) options[part] = 'true';
        else options[part.slice(0, equals)] = part.slice(equals + 1);
      }
      return options;
    });
}

function instructionsOf(stage: TreeNode, keyword: string): TreeNode[] {
  return items(field(stage, 'instructions')).filter((instruction) => text(field(instruction, 'keyword')) === keyword);
}

function runsOf(stage: TreeNode): Run[] {
  return instructionsOf(stage, 'RUN').map((instruction) => {
    const commands = items(field(instruction, 'commands')).flatMap((node) => {
      const tokens = items(field(node, 'tokens')).map((token) => text(token) ?? '');
      return commandsOf(tokens, node.span, text(field(node, 'separator')), 0);
    });
    return { instruction, commands, mounts: mountsOf(instruction) };
  });
}

function fail(span: Span, seen: string): Outcome {
  return { result: 'fail', span, seen };
}

const PASS: Outcome = { result: 'pass' };

/** The first failure that `check` returns for a command of any RUN of the stage. */
function firstCommand(stage: TreeNode, check: (command: Command, run: Run) => string | undefined): Outcome {
  for (const run of runsOf(stage)) {
    for (const command of run.commands) {
      const seen = check(command, run);
      if (seen !== undefined) return fail(command.span, seen);
    }
  }
  return PASS;
}

/** Returns the first argument that is not an option, such as the `install` of `apt-get -y install`. */
function subcommand(args: readonly string[], valueOptions: ReadonlySet<string> = new Set()): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string;
    if (!word.startsWith('-')) return word;
    if (valueOptions.has(word)) i++;
  }
  return undefined;
}

const APT = new Set(['apt-get', 'apt']);
const APT_VALUE_OPTIONS = new Set(['-o', '-c', '-t', '--option', '--config-file', '--target-release']);

function aptAction(command: Command): string | undefined {
  return APT.has(command.program) ? subcommand(command.args, APT_VALUE_OPTIONS) : undefined;
}

function isPip(command: Command): { args: string[] } | undefined {
  if (/^pip[0-9.]*$/.test(command.program)) return { args: command.args };
  if (/^python[0-9.]*$/.test(command.program)) {
    const module = command.args.indexOf('-m');
    if (module !== -1 && command.args[module + 1] === 'pip') return { args: command.args.slice(module + 2) };
  }
  return undefined;
}

/** `dockerfile-pipe-to-shell`: no RUN runs a download as a script: `curl URL | sh`, `sh -c "$(curl URL)"`, `bash <(curl URL)`. */
const pipeToShell: Builtin = (stage) =>
  firstCommand(stage, (command, run) => {
    const index = run.commands.indexOf(command);
    const next = run.commands[index + 1];
    if (DOWNLOADERS.has(command.program) && command.separator === '|' && next !== undefined) {
      if (runsStdin(next)) {
        return `\`${command.program} ... | ${next.sudo ? 'sudo ' : ''}${next.program}\` runs a downloaded script`;
      }
    }
    if (!SHELLS.has(command.program)) return undefined;
    const substituted = command.args.find((word) => /(\$\(|`)\s*(curl|wget)\s/.test(word));
    if (substituted !== undefined) return `\`${command.program}\` runs the output of a download`;
    const process = command.args.findIndex((word, i) => word === '<' && DOWNLOADERS.has(basename(command.args[i + 1] ?? '')));
    if (process !== -1) return `\`${command.program} <(${command.args[process + 1]} ...)\` runs a downloaded script`;
    return undefined;
  });

/** Source and destination words of an ADD or COPY, in shell or JSON form, without heredoc markers. */
function copySources(instruction: TreeNode): string[] {
  const operands = (text(field(instruction, 'operands')) ?? '').trim();
  let words: string[];
  if (operands.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(operands);
      words = Array.isArray(parsed) ? parsed.map(String) : [];
    } catch {
      words = [];
    }
  } else {
    words = splitWords(operands, '\\').map((word) => word.value);
  }
  return words.slice(0, -1).filter((word) => !word.startsWith('<<'));
}

const REMOTE = /^(https?|ftp):\/\/|^git@|\.git(#|$)/i;
const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|tar\.lz|tar\.lzma)$/i;

/** `dockerfile-add-remote-source`: every ADD of a URL or git repository carries `--checksum`. */
const addRemote: Builtin = (stage) => {
  for (const instruction of instructionsOf(stage, 'ADD')) {
    if (field(field(instruction, 'flags'), 'checksum') !== undefined) continue;
    const remote = copySources(instruction).find((source) => REMOTE.test(source));
    if (remote !== undefined) return fail(instruction.span, `ADD fetches ${remote} without --checksum`);
  }
  return PASS;
};

/** `dockerfile-add-local-file`: ADD is used only for URLs and local archives it unpacks; COPY does the rest. */
const addLocal: Builtin = (stage) => {
  for (const instruction of instructionsOf(stage, 'ADD')) {
    const plain = copySources(instruction).find((source) => !REMOTE.test(source) && !ARCHIVE.test(source));
    if (plain !== undefined) return fail(instruction.span, `ADD copies the local path ${plain}`);
  }
  return PASS;
};

/** Name words that mark a value as a credential. */
const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'secret', 'token', 'apikey', 'passphrase', 'credential', 'credentials']);
/** Two-word names: the second word follows the first. */
const SECRET_PAIRS = [['api', 'key'], ['private', 'key'], ['secret', 'key'], ['access', 'key'], ['auth', 'key'], ['client', 'secret']];
/** Last words that make the name a setting about a secret, not the secret: `DB_PASSWORD_FILE`, `TOKEN_URL`. */
const NOT_SECRET_SUFFIXES = new Set([
  'file', 'path', 'dir', 'directory', 'url', 'uri', 'endpoint', 'host', 'port', 'name', 'id', 'length', 'len', 'size',
  'ttl', 'expiry', 'expires', 'expiration', 'timeout', 'header', 'type', 'enabled', 'enable', 'disable', 'disabled',
  'mode', 'format', 'location', 'algorithm', 'arn', 'policy', 'prefix', 'version', 'min', 'max', 'required', 'env',
]);

/** Checks whether an environment or argument name says its value is a credential. */
export function isSecretName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  const last = words[words.length - 1];
  if (last === undefined || NOT_SECRET_SUFFIXES.has(last)) return false;
  if (words.some((word) => SECRET_WORDS.has(word))) return true;
  return SECRET_PAIRS.some(([first, second]) => words.some((word, i) => word === first && words[i + 1] === second));
}

/** Classifies the value of a secret-named setting: none (absent, empty, a path or a switch), a variable reference, or a literal. */
export function secretValueKind(value: string | undefined): 'none' | 'reference' | 'literal' {
  if (value === undefined || value.trim() === '') return 'none';
  // `${VAR:-default}` and `${VAR-default}` use the written default unless the variable is set.
  const withDefault = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}$/.exec(value.trim());
  if (withDefault !== null) {
    const fallback = secretValueKind(withDefault[1]);
    return fallback === 'none' ? 'reference' : fallback;
  }
  if (value.includes('$')) return 'reference';
  // A file path or a boolean switch names where or whether a secret is used, not the secret.
  if (/^(\/|\.\/|~\/|file:\/\/)[\w@%+=:,./~-]*$/.test(value) || /^(true|false|yes|no|on|off|0|1)$/i.test(value)) return 'none';
  return 'literal';
}

interface Pair {
  key: string;
  value: string | undefined;
  span: Span;
}

function pairsOf(stage: TreeNode, section: 'env' | 'args', context: { resource: { span: Span } }): Pair[] {
  const final = field(stage, 'final');
  const isFinal = final?.kind === 'scalar' && final.value === true;
  const stageStart = context.resource.span.startLine;
  return items(field(stage, section))
    .map((node) => ({ key: text(field(node, 'key')) ?? '', value: text(field(node, 'value')), span: node.span }))
    .filter((pair) => pair.span.startLine >= stageStart || isFinal); // ARGs before the first FROM: judged once, in the final stage.
}

/**
 * `dockerfile-secret-value` (`with: {section: env | args}`): no ENV or ARG
 * with a credential's name has a literal value. The message never shows it.
 */
const secretValue: Builtin = (stage, context, args) => {
  const section = args.section === 'args' ? 'args' : 'env';
  const keyword = section === 'args' ? 'ARG' : 'ENV';
  for (const pair of pairsOf(stage, section, context)) {
    if (isSecretName(pair.key) && secretValueKind(pair.value) === 'literal') {
      return fail(pair.span, `${keyword} ${pair.key} is set to a literal value`);
    }
  }
  return PASS;
};

/**
 * `dockerfile-secret-build-arg`: no credential reaches the build as a build
 * argument (`ARG TOKEN` without a default), and no ENV copies a variable
 * into a credential's name, which stores its value in the image.
 */
const secretBuildArg: Builtin = (stage, context) => {
  for (const pair of pairsOf(stage, 'args', context)) {
    if (isSecretName(pair.key) && pair.value === undefined) return fail(pair.span, `ARG ${pair.key} takes a credential as a build argument`);
  }
  for (const pair of pairsOf(stage, 'env', context)) {
    if (isSecretName(pair.key) && secretValueKind(pair.value) === 'reference') {
      return fail(pair.span, `ENV ${pair.key} stores the value of a variable in the image`);
    }
  }
  return PASS;
};

function mountTargets(run: Run, type: string): string[] {
  return run.mounts
    .filter((mount) => (mount.type ?? 'bind') === type)
    .map((mount) => (mount.target ?? mount.dst ?? mount.destination ?? '').replace(/\/+$/, ''));
}

/** `dockerfile-apt-install-recommends`: apt installs only the named packages and their dependencies. */
const aptRecommends: Builtin = (stage) => {
  const everyRun = runsOf(stage).flatMap((run) => run.commands);
  // `APT::Install-Recommends "0"` written to apt.conf.d turns recommends off for the whole stage.
  const configured = everyRun.some((command) => command.args.some((word) => /Install-Recommends\s*"?(0|false)/i.test(word)));
  if (configured) return PASS;
  return firstCommand(stage, (command) => {
    if (aptAction(command) !== 'install') return undefined;
    const off = command.args.some((word, i) =>
      word === '--no-install-recommends' ||
      /^APT::Install-Recommends=(0|false)$/i.test(word) ||
      ((word === '-o' || word === '--option') && /^APT::Install-Recommends=(0|false)$/i.test(command.args[i + 1] ?? '')));
    return off ? undefined : `\`${command.program} install\` also installs recommended packages`;
  });
};

/** `dockerfile-apt-lists-kept`: a RUN that downloads apt lists removes them, unless they live in a cache mount. */
const aptListsKept: Builtin = (stage) => {
  for (const run of runsOf(stage)) {
    const update = run.commands.find((command) => aptAction(command) === 'update');
    if (update === undefined) continue;
    if (mountTargets(run, 'cache').some((target) => target === '/var/lib/apt' || target === '/var/lib/apt/lists')) continue;
    const removed = run.commands.some((command) =>
      command.program === 'rm' && command.args.some((word) => /^\/var\/lib\/apt\/lists(\/\*?)?$/.test(word)));
    if (!removed) return fail(update.span, '`apt-get update` leaves /var/lib/apt/lists in the layer');
  }
  return PASS;
};

/** `dockerfile-apt-update-alone`: `apt-get update` runs in the same RUN as the install that needs it. */
const aptUpdateAlone: Builtin = (stage) => {
  for (const run of runsOf(stage)) {
    const update = run.commands.find((command) => aptAction(command) === 'update');
    if (update === undefined) continue;
    const installs = run.commands.some((command) => ['install', 'upgrade', 'dist-upgrade', 'full-upgrade'].includes(aptAction(command) ?? ''));
    if (!installs) return fail(update.span, '`apt-get update` runs in a RUN of its own');
  }
  return PASS;
};

/** `dockerfile-package-upgrade`: the image does not upgrade every package of its base in place. */
const packageUpgrade: Builtin = (stage) =>
  firstCommand(stage, (command) => {
    const action = aptAction(command);
    if (action === 'upgrade' || action === 'dist-upgrade' || action === 'full-upgrade') return `\`${command.program} ${action}\` upgrades the base image's packages`;
    if (command.program === 'apk' && subcommand(command.args) === 'upgrade') return '`apk upgrade` upgrades the base image\'s packages';
    return undefined;
  });

/** `dockerfile-apk-cache-kept`: `apk add` uses --no-cache, removes /var/cache/apk, or caches it in a mount. */
const apkCacheKept: Builtin = (stage) => {
  for (const run of runsOf(stage)) {
    if (mountTargets(run, 'cache').some((target) => target === '/var/cache/apk' || target === '/etc/apk/cache')) continue;
    const removed = run.commands.some((command) => command.program === 'rm' && command.args.some((word) => word.startsWith('/var/cache/apk')));
    if (removed) continue;
    const add = run.commands.find((command) =>
      command.program === 'apk' && subcommand(command.args, new Set(['-X', '--repository', '-p', '--root'])) === 'add' && !command.args.includes('--no-cache') && !command.args.includes('--no-network'));
    if (add !== undefined) return fail(add.span, '`apk add` keeps the package index in /var/cache/apk');
  }
  return PASS;
};

/** `dockerfile-pip-cache-kept`: pip installs with --no-cache-dir, PIP_NO_CACHE_DIR, or a cache mount. */
const pipCacheKept: Builtin = (stage) => {
  const env = items(field(stage, 'env')).some((node) => text(field(node, 'key')) === 'PIP_NO_CACHE_DIR');
  if (env) return PASS;
  for (const run of runsOf(stage)) {
    if (mountTargets(run, 'cache').some((target) => /\/\.cache(\/pip)?$/.test(target))) continue;
    for (const command of run.commands) {
      const pip = isPip(command);
      if (pip === undefined || subcommand(pip.args) !== 'install') continue;
      const off = pip.args.some((word) => word === '--no-cache-dir' || word === '--no-cache');
      if (!off && !command.args.some((word) => /^PIP_NO_CACHE_DIR=/.test(word))) {
        return fail(command.span, '`pip install` keeps downloaded packages in the pip cache');
      }
    }
  }
  return PASS;
};

/** `dockerfile-sudo`: no RUN uses sudo. */
const sudo: Builtin = (stage) => firstCommand(stage, (command) => (command.sudo ? `\`sudo ${command.program}\` in RUN` : undefined));

/** Checks whether a chmod mode gives every user write access (and is not a sticky directory mode such as 1777). */
export function isWorldWritableMode(mode: string): boolean {
  if (/^[0-7]{3,4}$/.test(mode)) {
    const digits = mode.padStart(4, '0');
    const sticky = (Number(digits[0]) & 1) === 1;
    return (Number(digits[3]) & 2) === 2 && !sticky;
  }
  return mode.split(',').some((clause) => /^[ugo]*[ao][ugo]*[+=][rwxXst]*w/.test(clause));
}

/** `dockerfile-world-writable`: no chmod, mkdir -m, install -m or COPY/ADD --chmod grants write access to every user. */
const worldWritable: Builtin = (stage) => {
  for (const keyword of ['COPY', 'ADD']) {
    for (const instruction of instructionsOf(stage, keyword)) {
      const mode = text(field(field(instruction, 'flags'), 'chmod'));
      if (mode !== undefined && isWorldWritableMode(mode)) return fail(instruction.span, `${keyword} --chmod=${mode} makes files writable by every user`);
    }
  }
  return firstCommand(stage, (command) => {
    let mode: string | undefined;
    if (command.program === 'chmod') mode = command.args.find((word) => !/^-[Rcfv]+$/.test(word) && !word.startsWith('--'));
    if (command.program === 'mkdir' || command.program === 'install') {
      const flag = command.args.findIndex((word) => word === '-m' || word === '--mode');
      mode = flag === -1 ? command.args.find((word) => word.startsWith('--mode='))?.slice(7) : command.args[flag + 1];
    }
    if (mode === undefined || !isWorldWritableMode(mode)) return undefined;
    return `\`${command.program} ${mode}\` makes files writable by every user`;
  });
};

/** `dockerfile-copy-context`: no COPY or ADD takes the whole build context (`.`) into the stage. */
const copyContext: Builtin = (stage) => {
  for (const keyword of ['COPY', 'ADD']) {
    for (const instruction of instructionsOf(stage, keyword)) {
      if (field(field(instruction, 'flags'), 'from') !== undefined) continue;
      const whole = copySources(instruction).find((source) => source === '.' || source === './' || source === '*' || source === './*');
      if (whole !== undefined) return fail(instruction.span, `${keyword} ${whole} copies the whole build context`);
    }
  }
  return PASS;
};

/** `dockerfile-expose-port` (`with: {ports: [22]}`): EXPOSE does not list these ports. */
const exposePort: Builtin = (stage, _context, args) => {
  const ports = Array.isArray(args.ports) ? args.ports.map(Number) : [];
  for (const instruction of instructionsOf(stage, 'EXPOSE')) {
    for (const word of splitWords(text(field(instruction, 'operands')) ?? '', '\\')) {
      const range = word.value.split('/')[0] ?? '';
      const [low, high] = range.split('-').map(Number);
      if (low === undefined || Number.isNaN(low)) continue;
      const top = high === undefined || Number.isNaN(high) ? low : high;
      const hit = ports.find((port) => low <= port && port <= top);
      if (hit !== undefined) return fail(instruction.span, `EXPOSE ${word.value} includes port ${hit}`);
    }
  }
  return PASS;
};

/** curl's short options that take a value, so the letters after them are that value. */
const CURL_VALUE_LETTERS = new Set('AbcCdDeEFHKmoPQrtTuUwxXyYz'.split(''));

function curlInsecure(args: readonly string[]): boolean {
  for (const word of args) {
    if (word === '--insecure' || word === '--proxy-insecure') return true;
    if (!/^-[A-Za-z0-9#:]+$/.test(word)) continue;
    for (const letter of word.slice(1)) {
      if (letter === 'k') return true;
      if (CURL_VALUE_LETTERS.has(letter)) break;
    }
  }
  return false;
}

/** Environment settings that turn off TLS certificate checks for every later command. */
const INSECURE_ENV: Record<string, RegExp> = {
  NODE_TLS_REJECT_UNAUTHORIZED: /^0$/,
  GIT_SSL_NO_VERIFY: /^(1|true|yes)$/i,
  PYTHONHTTPSVERIFY: /^0$/,
  PIP_TRUSTED_HOST: /./,
  CURL_INSECURE: /^(1|true|yes)$/i,
  NPM_CONFIG_STRICT_SSL: /^false$/i,
};

function tlsOff(command: Command): string | undefined {
  const { program, args } = command;
  const assignment = command.assignments.find((word) => {
    const equals = word.indexOf('=');
    return INSECURE_ENV[word.slice(0, equals).toUpperCase()]?.test(word.slice(equals + 1)) === true;
  });
  if (assignment !== undefined) return assignment;
  if (program === 'curl' && curlInsecure(args)) return 'curl --insecure';
  if (program === 'wget' && args.includes('--no-check-certificate')) return 'wget --no-check-certificate';
  const pip = isPip(command);
  if (pip !== undefined && pip.args.some((word) => /(^--|\.)trusted-host(=|$)/.test(word))) return 'pip --trusted-host';
  if (APT.has(program) && args.some((word) => /^Acquire::https?::Verify-(Peer|Host)=(0|false|no)$/i.test(word))) return `${program} Verify-Peer=false`;
  if (['npm', 'yarn', 'pnpm'].includes(program) && args.some((word) => /^strict-ssl(=false)?$/.test(word)) && args.some((word) => /false$/.test(word))) {
    return `${program} strict-ssl false`;
  }
  const sslVerify = args.findIndex((word) => /^http\.sslverify(=|$)/i.test(word));
  if (program === 'git' && sslVerify !== -1) {
    const word = args[sslVerify] as string;
    const value = word.includes('=') ? word.slice(word.indexOf('=') + 1) : (args[sslVerify + 1] ?? '');
    if (/^(false|0|no|off)$/i.test(value)) return 'git http.sslVerify false';
  }
  return undefined;
}

/** `dockerfile-tls-verification-disabled`: no download, package manager or ENV turns off TLS certificate checks. */
const tlsVerification: Builtin = (stage) => {
  for (const node of items(field(stage, 'env'))) {
    const key = (text(field(node, 'key')) ?? '').toUpperCase();
    const pattern = INSECURE_ENV[key];
    const value = text(field(node, 'value'));
    if (pattern !== undefined && value !== undefined && pattern.test(value)) return fail(node.span, `ENV ${key}=${value} turns off certificate checks`);
  }
  return firstCommand(stage, (command) => {
    const found = tlsOff(command);
    return found === undefined ? undefined : `\`${found}\` turns off certificate checks`;
  });
};

/** `dockerfile-unsigned-packages`: no package manager installs packages whose signature it did not check. */
const unsignedPackages: Builtin = (stage) =>
  firstCommand(stage, (command) => {
    const { program, args } = command;
    const flag = (...names: string[]): string | undefined => args.find((word) => names.includes(word.split('=')[0] as string));
    if (APT.has(program)) {
      const found = flag('--allow-unauthenticated', '--allow-insecure-repositories', '--force-yes') ??
        args.find((word) => /^(APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories)=(1|true|yes)$/i.test(word));
      if (found !== undefined) return `\`${program} ${found}\` installs unsigned packages`;
    }
    if (program === 'apk' && flag('--allow-untrusted') !== undefined) return '`apk --allow-untrusted` installs unsigned packages';
    if (['yum', 'dnf', 'microdnf', 'tdnf', 'zypper'].includes(program)) {
      const found = flag('--nogpgcheck', '--no-gpg-checks') ?? args.find((word) => /gpgcheck=(0|false|no)$/i.test(word));
      if (found !== undefined) return `\`${program} ${found}\` installs unsigned packages`;
    }
    if (program === 'rpm' && flag('--nosignature', '--nodigest') !== undefined) return `\`rpm ${flag('--nosignature', '--nodigest')}\` installs unsigned packages`;
    if (program === 'echo' || program === 'printf') {
      // A local folder of packages built in the same step (deb [trusted=yes] file:/...) has nothing to verify against.
      if (args.some((word) => /\[[^\]]*trusted=yes/.test(word)) && !args.some((word) => word.startsWith('file:') || word.includes(' file:'))) {
        return 'an apt source marked [trusted=yes] skips signature checks';
      }
    }
    return undefined;
  });

const LOCAL_HOST = /^[a-z+]+:\/\/(localhost|127\.[0-9.]+|\[::1\])(:|\/|$)/i;

function plainUrl(args: readonly string[], schemes: RegExp): string | undefined {
  return args.find((word) => schemes.test(word) && !LOCAL_HOST.test(word));
}

/** `dockerfile-git-plain-http`: git clones and fetches over https or ssh, not http:// or git://. */
const gitPlainHttp: Builtin = (stage) =>
  firstCommand(stage, (command) => {
    if (command.program !== 'git') return undefined;
    const action = subcommand(command.args, new Set(['-c', '-C', '--git-dir', '--work-tree']));
    if (!['clone', 'fetch', 'pull', 'submodule', 'remote', 'ls-remote'].includes(action ?? '')) return undefined;
    const url = plainUrl(command.args, /^(http|git):\/\//i);
    return url === undefined ? undefined : `\`git ${action}\` uses the unencrypted URL ${url}`;
  });

const VERIFIERS = new Set(['sha256sum', 'sha512sum', 'sha384sum', 'sha1sum', 'md5sum', 'shasum', 'gpg', 'gpgv', 'cosign', 'minisign', 'signify']);

/** `dockerfile-download-plain-http`: curl and wget download over https, unless the same RUN verifies what they fetched. */
const downloadPlainHttp: Builtin = (stage) => {
  for (const run of runsOf(stage)) {
    const verified = run.commands.some((command) => VERIFIERS.has(command.program));
    if (verified) continue;
    for (const command of run.commands) {
      if (!DOWNLOADERS.has(command.program)) continue;
      const url = plainUrl(command.args, /^http:\/\//i);
      if (url !== undefined) return fail(command.span, `\`${command.program}\` downloads ${url} without TLS or a checksum`);
    }
  }
  return PASS;
};

/**
 * `dockerfile-healthcheck`: the stage, or an earlier stage of the same file
 * that it is built FROM, has a HEALTHCHECK, which the image inherits. A base
 * image's own HEALTHCHECK is not visible here.
 */
const healthcheck: Builtin = (stage, context) => {
  const stages = context.resources.byType('stage').filter((other) => other.path === context.resource.path);
  let current: TreeNode | undefined = stage;
  for (let depth = 0; current !== undefined && depth < 64; depth++) {
    const found = field(current, 'healthcheck');
    if (found?.kind === 'scalar' && found.value === true) return PASS;
    const from = field(current, 'from');
    if (text(field(from, 'kind')) !== 'stage') break;
    const parent = text(field(from, 'image'));
    current = stages.find((other) => text(field(other.body, 'name')) === parent)?.body;
  }
  return fail(headerSpan(context.resource), 'no HEALTHCHECK in the final stage or the stages it is built from');
};

export const DOCKERFILE_BUILTINS: Record<string, Builtin> = {
  'dockerfile-pipe-to-shell': pipeToShell,
  'dockerfile-add-remote-source': addRemote,
  'dockerfile-add-local-file': addLocal,
  'dockerfile-secret-value': secretValue,
  'dockerfile-secret-build-arg': secretBuildArg,
  'dockerfile-apt-install-recommends': aptRecommends,
  'dockerfile-apt-lists-kept': aptListsKept,
  'dockerfile-apt-update-alone': aptUpdateAlone,
  'dockerfile-package-upgrade': packageUpgrade,
  'dockerfile-apk-cache-kept': apkCacheKept,
  'dockerfile-pip-cache-kept': pipCacheKept,
  'dockerfile-sudo': sudo,
  'dockerfile-world-writable': worldWritable,
  'dockerfile-copy-context': copyContext,
  'dockerfile-expose-port': exposePort,
  'dockerfile-tls-verification-disabled': tlsVerification,
  'dockerfile-unsigned-packages': unsignedPackages,
  'dockerfile-git-plain-http': gitPlainHttp,
  'dockerfile-download-plain-http': downloadPlainHttp,
  'dockerfile-healthcheck': healthcheck,
};
