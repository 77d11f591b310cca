/**
 * A generated TypeScript service for the staged-scan benchmark: a few
 * hundred source, test, config and doc files, and edits that append code to
 * some of them. A seeded generator makes every run write the same bytes.
 * Planted secrets are random values in real formats, never real credentials.
 */

/** A small seeded generator (mulberry32), so the project is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = ['order', 'invoice', 'customer', 'cart', 'payment', 'shipment', 'product', 'review',
  'coupon', 'session', 'account', 'address', 'refund', 'report', 'webhook', 'inventory'];
const VERBS = ['load', 'save', 'validate', 'format', 'compute', 'merge', 'publish', 'archive',
  'resolve', 'normalize', 'render', 'schedule'];
const MODULES = ['api', 'billing', 'catalog', 'checkout', 'customers', 'inventory', 'mail',
  'orders', 'reports', 'search', 'shipping', 'auth'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** One exported TypeScript function of 12 to 20 lines. */
export function functionBlock(random: () => number, index: number): string[] {
  const noun = pick(random, NOUNS);
  const verb = pick(random, VERBS);
  const type = capitalize(noun);
  const name = `${verb}${type}${index}`;
  const lines = [
    `export async function ${name}(input: ${type}Input, context: RequestContext)`,
    `  : Promise<${type}> {`,
    `  const started = Date.now();`,
    `  if (!input.id) throw new ValidationError('${noun} id is required');`,
    `  const existing = await context.store.find${type}(input.id);`,
  ];
  const steps = 4 + Math.floor(random() * 6);
  for (let step = 0; step < steps; step++) {
    const field = pick(random, NOUNS);
    lines.push(`  const ${field}${step} = existing?.${field}Id ?? input.${field}Id ?? null;`);
  }
  lines.push(
    `  context.log.debug({ id: input.id, took: Date.now() - started }, '${verb} ${noun}');`,
    `  return { ...existing, ...input, updatedAt: new Date().toISOString() } as ${type};`,
    '}',
    '',
  );
  return lines;
}

function sourceFile(random: () => number, module: string, index: number): string {
  const lines = [
    `// ${module}/${index}: generated service code for the staged-scan benchmark.`,
    `import type { RequestContext } from '../context.js';`,
    `import { ValidationError } from '../errors.js';`,
    '',
  ];
  const functions = 2 + Math.floor(random() * 5);
  for (let i = 0; i < functions; i++) lines.push(...functionBlock(random, index * 10 + i));
  return lines.join('\n');
}

function testFile(random: () => number, module: string, index: number): string {
  const lines = [`import { test } from 'node:test';`, `import assert from 'node:assert/strict';`];
  lines.push('');
  const cases = 3 + Math.floor(random() * 5);
  for (let i = 0; i < cases; i++) {
    const noun = pick(random, NOUNS);
    lines.push(
      `test('${module} ${index} ${noun} case ${i}', async () => {`,
      `  const result = await run${capitalize(noun)}({ id: '${noun}-${i}' });`,
      `  assert.equal(result.id, '${noun}-${i}');`,
      '});',
      '',
    );
  }
  return lines.join('\n');
}

function docFile(random: () => number, index: number): string {
  const lines = [`# ${capitalize(pick(random, NOUNS))} handling, part ${index}`, ''];
  for (let i = 0; i < 12; i++) {
    const words = Array.from({ length: 14 }, () => pick(random, [...NOUNS, ...VERBS]));
    lines.push(`${capitalize(words.join(' '))}.`, '');
  }
  return lines.join('\n');
}

function configFile(random: () => number, module: string): string {
  const lines = [`service: ${module}`, 'replicas: 2', 'settings:'];
  for (let i = 0; i < 30; i++) {
    const key = `${pick(random, NOUNS)}_${pick(random, VERBS)}_${i}`;
    lines.push(`  ${key}: ${Math.floor(random() * 1000)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Generate the project's files (about 300), as relative path to content. */
export function generateProject(seed = 1): Map<string, string> {
  const random = seededRandom(seed);
  const files = new Map<string, string>();
  const manifest = { name: 'zpm-shop', version: '1.0.0', type: 'module' };
  files.set('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
  files.set('README.md', '# zpm-shop\n\nA generated web shop used to time staged scans.\n');
  files.set('.gitignore', 'node_modules/\ndist/\n');

  for (const module of MODULES) {
    for (let i = 0; i < 15; i++) {
      files.set(`src/${module}/${module}-${i}.ts`, sourceFile(random, module, i));
    }
    for (let i = 0; i < 5; i++) {
      files.set(`test/${module}/${module}-${i}.test.ts`, testFile(random, module, i));
    }
    files.set(`config/${module}.yaml`, configFile(random, module));
    files.set(`config/${module}.staging.yaml`, configFile(random, module));
  }
  for (let i = 0; i < 20; i++) files.set(`docs/guide-${i}.md`, docFile(random, i));
  return files;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomString(random: () => number, alphabet: string, length: number): string {
  return Array.from({ length }, () => pick(random, alphabet.split(''))).join('');
}

/** Fake secrets in the formats of the aws-access-key-id and github-personal-access-token rules. */
export function fakeSecrets(seed = 7): { awsKeyId: string; githubToken: string } {
  const random = seededRandom(seed);
  return {
    awsKeyId: `AKIA${randomString(random, BASE32, 16)}`,
    githubToken: `ghp_${randomString(random, ALPHANUMERIC, 36)}`,
  };
}

export interface StagedEdit {
  path: string;
  content: string;
  addedLines: number;
}

/**
 * Append about `linesPerFile` lines of new code to `count` source files
 * spread over the project; the first two edits each contain one fake secret.
 */
export function generateEdits(
  project: Map<string, string>,
  count: number,
  linesPerFile: number,
): StagedEdit[] {
  const random = seededRandom(99);
  const secrets = fakeSecrets();
  const sources = [...project.keys()].filter((path) => path.startsWith('src/'));
  const step = Math.max(1, Math.floor(sources.length / count));
  const edits: StagedEdit[] = [];

  for (let n = 0; n < count && n * step < sources.length; n++) {
    const path = sources[n * step] as string;
    const added: string[] = [];
    if (n === 0) added.push(`const awsAccessKeyId = '${secrets.awsKeyId}';`, '');
    if (n === 1) added.push(`const githubToken = "${secrets.githubToken}";`, '');
    let block = 0;
    while (added.length < linesPerFile) {
      added.push(...functionBlock(random, 1000 + n * 100 + block++));
    }
    const content = `${project.get(path)}\n${added.join('\n')}\n`;
    edits.push({ path, content, addedLines: added.length + 1 });
  }
  return edits;
}
