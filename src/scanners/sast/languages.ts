/**
 * The languages the sast scanner reads, the file names that select each,
 * and their tree-sitter grammars. TypeScript and TSX are separate grammars
 * of one package; JSX is part of the JavaScript grammar.
 */
import type { Parser } from 'web-tree-sitter';
import { grammarParser } from '../../core/tree-sitter.js';

export type SastLanguage = 'javascript' | 'typescript' | 'tsx' | 'python';

interface LanguageSpec {
  id: SastLanguage;
  /** Lower-case file name endings, with the dot. */
  extensions: readonly string[];
  /** The grammar's WebAssembly file, as a module path. */
  grammar: string;
  label: string;
}

export const LANGUAGES: readonly LanguageSpec[] = [
  { id: 'javascript', extensions: ['.js', '.mjs', '.cjs', '.jsx'], grammar: 'tree-sitter-javascript/tree-sitter-javascript.wasm', label: 'JavaScript' },
  { id: 'typescript', extensions: ['.ts', '.mts', '.cts'], grammar: 'tree-sitter-typescript/tree-sitter-typescript.wasm', label: 'TypeScript' },
  { id: 'tsx', extensions: ['.tsx'], grammar: 'tree-sitter-typescript/tree-sitter-tsx.wasm', label: 'TSX' },
  { id: 'python', extensions: ['.py', '.pyw'], grammar: 'tree-sitter-python/tree-sitter-python.wasm', label: 'Python' },
];

/** Returns the language of a file by its name, or undefined for files the sast scanner does not read. Type declarations (`.d.ts`) hold no code. */
export function languageOf(path: string): SastLanguage | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (name.endsWith('.d.ts') || name.endsWith('.d.mts') || name.endsWith('.d.cts')) return undefined;
  return LANGUAGES.find((language) => language.extensions.some((extension) => name.endsWith(extension)))?.id;
}

/** Average characters per line above which a JavaScript file counts as minified. */
const MINIFIED_LINE_LENGTH = 300;

/**
 * Decides whether a JavaScript file is minified (`jquery.min.js`, a
 * bundle): by its name, or by lines averaging more than 300 characters in
 * a file over 4 kB. Minified copies are builds of libraries kept with an
 * app, and their findings repeat what a scan of the library's source
 * would report.
 */
export function isMinified(path: string, text: string): boolean {
  if (/[.-]min\.(c|m)?js$/i.test(path)) return true;
  if (languageOf(path) !== 'javascript' || text.length < 4096) return false;
  let lines = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines++;
  return text.length / lines > MINIFIED_LINE_LENGTH;
}

/** Returns the thread's parser for `language`, loading its grammar on first use. */
export function parserFor(language: SastLanguage): Promise<Parser> {
  const spec = LANGUAGES.find((candidate) => candidate.id === language) as LanguageSpec;
  return grammarParser(spec.grammar, spec.label);
}
