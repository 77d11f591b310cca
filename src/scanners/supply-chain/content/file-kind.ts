/**
 * What a file in a package is: the language the content rules read it as,
 * or the executable format recognised from its magic bytes. Extensions
 * choose the language; only magic bytes make a file an executable.
 */
import { baseName } from './entry-path.js';

export type FileLanguage = 'javascript' | 'python' | 'shell';
export type ExecutableFormat = 'ELF' | 'PE' | 'Mach-O';

const LANGUAGE_BY_EXTENSION: Record<string, FileLanguage> = {
  js: 'javascript',
  cjs: 'javascript',
  mjs: 'javascript',
  jsx: 'javascript',
  py: 'python',
  pyw: 'python',
  pth: 'python',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  ps1: 'shell',
  bat: 'shell',
  cmd: 'shell',
};

/** Extensions of native modules that Node and Python load as a matter of course. */
const NATIVE_MODULE_EXTENSIONS = new Set(['node', 'so', 'pyd', 'dylib', 'dll']);

/** Extensions a real executable has no reason to carry. */
const DISGUISE_EXTENSIONS = new Set(['js', 'cjs', 'mjs', 'json', 'py', 'txt', 'md', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'css', 'html', 'ts', 'map', 'yml', 'yaml']);

function extensionOf(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Language for the file at `path`, from its extension, else from a `#!` line; undefined for other files. */
export function languageOf(path: string, head: Buffer): FileLanguage | undefined {
  const extension = extensionOf(path);
  if (extension !== '') {
    // A suffix such as `.so.1` or `.cpython-311.so` is no script, whatever the shebang says.
    return LANGUAGE_BY_EXTENSION[extension];
  }
  if (head[0] !== 0x23 || head[1] !== 0x21) return undefined;
  const shebang = head.toString('latin1').split('\n', 1)[0] ?? '';
  if (shebang.includes('node')) return 'javascript';
  if (shebang.includes('python')) return 'python';
  if (/\b(?:ba|z|da|k)?sh\b/.test(shebang)) return 'shell';
  return undefined;
}

/** The executable format `head` starts with, if any. */
export function executableFormat(head: Buffer): ExecutableFormat | undefined {
  if (head.length < 4) return undefined;
  const magic = head.readUInt32BE(0);
  if (magic === 0x7f454c46) return 'ELF';
  if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe].includes(magic)) return 'Mach-O';
  // 0xCAFEBABE starts both universal Mach-O binaries and Java class files;
  // Mach-O follows it with a small architecture count, Java with a version of 45 or more.
  if (magic === 0xcafebabe && head.length >= 8 && head.readUInt32BE(4) < 45) return 'Mach-O';
  if (head[0] === 0x4d && head[1] === 0x5a && isPortableExecutable(head)) return 'PE';
  return undefined;
}

/** `MZ` alone is too weak a mark for text files; PE files have the e_lfanew field at 0x3C. */
function isPortableExecutable(head: Buffer): boolean {
  if (head.length < 0x40) return false;
  const offset = head.readUInt32LE(0x3c);
  return offset >= 0x40 && offset < 0x10000000;
}

export type BinaryPlacement = 'native-module' | 'disguised' | 'executable';

/** How a file with executable magic sits in a package, judged by its extension. */
export function binaryPlacement(path: string): BinaryPlacement {
  const name = baseName(path).toLowerCase();
  const extension = extensionOf(path);
  if (NATIVE_MODULE_EXTENSIONS.has(extension) || /\.so(?:\.\d+)+$/.test(name)) return 'native-module';
  if (DISGUISE_EXTENSIONS.has(extension)) return 'disguised';
  return 'executable';
}

/** Whether the content looks binary: a NUL byte in the first 8,000 bytes, as git decides. */
export function looksBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}
