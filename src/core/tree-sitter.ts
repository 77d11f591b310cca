/**
 * Shared use of tree-sitter grammars compiled to WebAssembly (no native
 * build): the runtime is initialised once per thread, each grammar is
 * loaded once per thread, and parsing has a time limit. The iac scanner's
 * Terraform grammar and the sast scanner's languages load through here.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Language, Parser, type Tree } from 'web-tree-sitter';

const parsers = new Map<string, Promise<Parser>>();

/**
 * The thread's one runtime initialisation. Grammars load concurrently (the
 * iac and sast scanners start together), and each call of Parser.init()
 * sets up the runtime again, which can leave a grammar loaded before it
 * bound to a replaced runtime.
 */
let runtime: Promise<void> | undefined;

function initRuntime(): Promise<void> {
  runtime ??= Parser.init().catch((error: unknown) => {
    runtime = undefined;
    throw error;
  });
  return runtime;
}

/**
 * Returns the thread's parser for the grammar at `grammarFile`, a module
 * path such as `tree-sitter-python/tree-sitter-python.wasm`. `label` names
 * the grammar in the error raised when the file is missing.
 */
export function grammarParser(grammarFile: string, label: string): Promise<Parser> {
  let parser = parsers.get(grammarFile);
  if (parser === undefined) {
    parser = loadParser(grammarFile, label).catch((error: unknown) => {
      // Let a later call try again instead of caching the failure.
      parsers.delete(grammarFile);
      throw error;
    });
    parsers.set(grammarFile, parser);
  }
  return parser;
}

async function loadParser(grammarFile: string, label: string): Promise<Parser> {
  let wasm: Uint8Array;
  try {
    const path = createRequire(import.meta.url).resolve(grammarFile);
    wasm = readFileSync(path);
  } catch (error) {
    throw new Error(`${label} grammar ${grammarFile} not found (${(error as Error).message}); reinstall Rampart's dependencies with npm ci`);
  }
  await initRuntime();
  const language = await Language.load(wasm);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/**
 * Parses `text`, giving up once `timeLimitMs` has passed. Returns undefined
 * when the limit cancelled the parse. The caller must `delete()` the tree,
 * because it lives in WebAssembly memory that the garbage collector never frees.
 */
export function parseWithLimit(parser: Parser, text: string, timeLimitMs: number): Tree | undefined {
  const deadline = performance.now() + timeLimitMs;
  const tree = parser.parse(text, null, {
    // Returning true cancels the parse (web-tree-sitter 0.25 and later).
    progressCallback: () => performance.now() > deadline,
  });
  if (tree === null) {
    // A cancelled parser resumes the old document on its next call unless reset.
    parser.reset();
    return undefined;
  }
  return tree;
}
