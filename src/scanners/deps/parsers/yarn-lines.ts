/**
 * One pass over a yarn.lock text before it is parsed: finds the line of
 * every entry header and rejects indentation deeper than yarn writes.
 */
import { LockfileError } from '../types.js';

/**
 * Maximum indentation accepted, in spaces. Yarn 1.22 and 4.18 write at
 * most 6. The limit also bounds the recursion of @yarnpkg/parsers' v1
 * grammar, which descends one call level per indentation step.
 */
export const MAX_INDENT = 32;

export interface LockfileLayout {
  /** Whether the leading comments contain `# yarn lockfile v1`. */
  isV1: boolean;
  /** 1-based line of each descriptor's entry header. */
  descriptorLines: Map<string, number>;
}

const V1_MARKER = /^#\s+yarn\s+lockfile\s+v1$/i;

/** Scans `text` for the v1 marker, entry headers and over-deep indentation. */
export function scanLockfileLayout(text: string, path: string): LockfileLayout {
  const layout: LockfileLayout = { isV1: false, descriptorLines: new Map() };
  let inLeadingComments = true;
  let lineNumber = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNumber++;
    const line = text.charCodeAt(end - 1) === 0x0d ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;

    if (inLeadingComments && line.startsWith('#')) {
      if (V1_MARKER.test(line)) layout.isV1 = true;
      continue;
    }
    if (line.trim() !== '') inLeadingComments = false;
    if (line.startsWith(' ')) {
      checkIndent(line, lineNumber, path);
    } else if (line.endsWith(':') && !line.startsWith('#')) {
      for (const descriptor of splitHeader(line.slice(0, -1))) {
        if (!layout.descriptorLines.has(descriptor)) layout.descriptorLines.set(descriptor, lineNumber);
      }
    }
  }
  return layout;
}

function checkIndent(line: string, lineNumber: number, path: string): void {
  let indent = 0;
  while (line.charCodeAt(indent) === 0x20) {
    indent++;
    if (indent > MAX_INDENT) {
      throw new LockfileError(
        path,
        `line ${lineNumber} is indented more than ${MAX_INDENT} spaces, which yarn never writes; regenerate it with yarn install`,
      );
    }
  }
}

/**
 * Splits an entry header (without its trailing colon) into descriptors:
 * `a@^1.0.0, "a@~1.0.1"` in v1, or one quoted `"a@npm:^1.0.0, a@npm:1.0.0"`
 * in Berry. Yarn itself splits keys on commas the same way.
 */
export function splitHeader(header: string): string[] {
  const descriptors: string[] = [];
  for (const part of header.split(',')) {
    let descriptor = part.trim();
    if (descriptor.startsWith('"')) descriptor = descriptor.slice(1);
    if (descriptor.endsWith('"')) descriptor = descriptor.slice(0, -1);
    descriptor = descriptor.trim();
    if (descriptor !== '') descriptors.push(descriptor);
  }
  return descriptors;
}
