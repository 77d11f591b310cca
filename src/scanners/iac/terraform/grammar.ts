/**
 * Loads the tree-sitter Terraform grammar (WebAssembly, no native build) once
 * per thread and parses text with it. The grammar comes from
 * `@tree-sitter-grammars/tree-sitter-hcl`, which ships `tree-sitter-hcl.wasm`
 * and `tree-sitter-terraform.wasm` built for the same rules.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Language, Parser, type Tree } from 'web-tree-sitter';

const GRAMMAR_FILE = '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm';

let parserPromise: Promise<Parser> | undefined;

/** Returns the thread's parser, loading the runtime and grammar on first use. */
export function terraformParser(): Promise<Parser> {
  parserPromise ??= loadParser().catch((error: unknown) => {
    // Let a later call try again instead of caching the failure.
    parserPromise = undefined;
    throw error;
  });
  return parserPromise;
}

async function loadParser(): Promise<Parser> {
  let wasm: Uint8Array;
  try {
    const path = createRequire(import.meta.url).resolve(GRAMMAR_FILE);
    wasm = readFileSync(path);
  } catch (error) {
    throw new Error(
      `Terraform grammar ${GRAMMAR_FILE} not found (${(error as Error).message}); reinstall Rampart's dependencies with npm ci`,
    );
  }
  await Parser.init();
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
