/**
 * Just enough shell parsing to see which package files an npm lifecycle
 * script runs: commands are split at `&&`, `||`, `;`, `|` and `&`, and
 * words at spaces outside quotes. Nothing is expanded or run.
 */
import { joinInside } from './entry-path.js';

/** Split `command` into simple commands, each a list of words with quotes removed. */
export function splitCommands(command: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let quote = '';
  const endWord = (): void => {
    if (word !== '') words.push(word);
    word = '';
  };
  const endCommand = (): void => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < command.length; i++) {
    const char = command[i] as string;
    if (quote !== '') {
      if (char === quote) quote = '';
      else if (char === '\\' && quote === '"' && i + 1 < command.length) word += command[++i];
      else word += char;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === ' ' || char === '\t' || char === '\n') endWord();
    else if (char === ';' || char === '|' || char === '&') endCommand();
    else word += char;
  }
  endCommand();
  return commands;
}

const NODE_COMMANDS = new Set(['node', 'nodejs', 'bun']);
const INTERPRETERS = new Set(['sh', 'bash', 'zsh', 'dash', 'python', 'python3', 'py', 'pwsh', 'powershell', 'perl', 'ruby']);
const INLINE_CODE_FLAGS = new Set(['-e', '--eval', '-p', '--print', '-c', '-Command']);
const SCRIPT_EXTENSIONS = /\.(?:c?js|mjs|sh|py|ps1|bat|cmd)$/i;

/** Collect the relative paths in `require('./x')` and `import('./x')` inside inline code. */
function requiredFiles(code: string): string[] {
  const files: string[] = [];
  for (const match of code.matchAll(/(?:require|import)\s{0,4}\(\s{0,4}['"`](\.{1,2}\/[^'"`]{1,200})['"`]/g)) {
    files.push(match[1] as string);
  }
  return files;
}

/** Drop the leading environment assignments and wrappers such as `cross-env` and `npx` from `words`. */
function commandWords(words: string[]): string[] {
  let index = 0;
  while (index < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[index] as string)) index++;
  while (index < words.length && ['cross-env', 'npx', 'exec', 'env', 'sudo'].includes(words[index] as string)) {
    index++;
    while (index < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[index] as string)) index++;
  }
  return words.slice(index);
}

/** List the package files that one simple command runs, as written. */
function filesOfCommand(words: string[]): string[] {
  const [program, ...rest] = commandWords(words);
  if (program === undefined) return [];
  const name = program.replace(/^.*[/\\]/, '');
  if (NODE_COMMANDS.has(name) || INTERPRETERS.has(name)) {
    for (let i = 0; i < rest.length; i++) {
      const word = rest[i] as string;
      if (INLINE_CODE_FLAGS.has(word)) return NODE_COMMANDS.has(name) ? requiredFiles(rest[i + 1] ?? '') : [];
      if (word.startsWith('-')) continue;
      return [word];
    }
    return [];
  }
  if (program.startsWith('./') || program.startsWith('../') || SCRIPT_EXTENSIONS.test(program)) return [program];
  return [];
}

/** Return the name of the script that `npm run x`, `yarn x` or `pnpm run x` runs, if the command is one. */
export function runScriptTarget(words: string[]): string | undefined {
  const [program, first, second] = commandWords(words);
  if (program === 'npm' && (first === 'run' || first === 'run-script')) return second;
  if ((program === 'yarn' || program === 'pnpm') && first === 'run') return second;
  if (program === 'yarn' && first !== undefined && !first.startsWith('-') && !['install', 'add', 'build'].includes(first)) return first;
  return undefined;
}

/**
 * List the package files that `command` runs, as paths relative to the package
 * root; paths that climb out of the package are dropped.
 */
export function filesRunBy(command: string): string[] {
  const files: string[] = [];
  for (const words of splitCommands(command)) {
    for (const file of filesOfCommand(words)) {
      if (file.startsWith('/') || /^[A-Za-z]:/.test(file)) continue;
      // `node .` runs the package itself: its `main` file, which the caller resolves.
      const path = joinInside('', file) === '' ? '.' : joinInside('', file);
      if (path !== undefined && !files.includes(path)) files.push(path);
    }
  }
  return files;
}
