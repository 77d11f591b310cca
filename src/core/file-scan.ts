/**
 * Scanning of individual files and texts with the per-file scanners. The
 * same code runs inline for small scans and inside worker threads for large
 * ones, so everything here depends only on its arguments.
 */
import { readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import type { DiscoveredFile } from './discovery.js';
import { describe } from './discovery.js';
import type { Finding, ScannerId } from './finding.js';
import type { FileError } from './report-types.js';
import type { Scanner, ScannerOptions } from './scanner.js';
import type { SourceText } from './source.js';
import {
  directiveKey,
  hasDirectiveMarker,
  parseSourceDirectives,
  type Directive,
} from './suppression.js';

/** Bytes inspected for a NUL byte to recognise a binary file, as git does. */
const BINARY_SNIFF_BYTES = 8000;

export interface ScannerCrash {
  scanner: ScannerId;
  path: string;
  message: string;
}

export interface TextScanResult {
  findings: Finding[];
  /** Suppression directives by source key (path, or `sha:path` for commits). */
  directives: [string, Directive[]][];
  filesScanned: number;
  bytesScanned: number;
  binary: number;
  unreadable: number;
  /** Files that were not valid UTF-8 and were scanned with invalid bytes replaced. */
  invalidUtf8: number;
  errors: FileError[];
  crashes: ScannerCrash[];
}

export function emptyResult(): TextScanResult {
  return {
    findings: [],
    directives: [],
    filesScanned: 0,
    bytesScanned: 0,
    binary: 0,
    unreadable: 0,
    invalidUtf8: 0,
    errors: [],
    crashes: [],
  };
}

function looksBinary(buffer: Buffer): boolean {
  return buffer.subarray(0, BINARY_SNIFF_BYTES).includes(0);
}

/**
 * Decode a file's bytes: UTF-16 when it starts with a byte order mark (as
 * Windows tools write .reg, .ps1 and config files), else UTF-8 with invalid
 * bytes replaced. Undefined for binary content.
 */
function decodeText(buffer: Buffer): { value: string; invalidUtf8: boolean } | undefined {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) {
    return { value: buffer.subarray(2).toString('utf16le'), invalidUtf8: false };
  }
  if (buffer[0] === 0xfe && buffer[1] === 0xff) {
    const swapped = Buffer.from(buffer.subarray(2, buffer.length - (buffer.length % 2))).swap16();
    return { value: swapped.toString('utf16le'), invalidUtf8: false };
  }
  if (looksBinary(buffer)) return undefined;
  return { value: buffer.toString('utf8'), invalidUtf8: !isUtf8(buffer) };
}

/** Run every claiming scanner on one text, recording crashes instead of throwing. */
export function scanText(
  source: SourceText,
  scanners: readonly Scanner[],
  options: ScannerOptions,
  result: TextScanResult,
  bytes: number,
): void {
  for (const scanner of scanners) {
    if (!scanner.scanText || !scanner.claims(source.path)) continue;
    try {
      for (const finding of scanner.scanText(source, options)) result.findings.push(finding);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result.crashes.push({ scanner: scanner.id, path: source.path, message });
    }
  }

  if (hasDirectiveMarker(source.text)) {
    const key = directiveKey(source.path, source.commit?.sha);
    result.directives.push([key, parseSourceDirectives(source)]);
  }
  result.filesScanned++;
  result.bytesScanned += bytes;
}

/** Read and scan files from disk; each file is read once and shared by all scanners. */
export function scanFiles(
  files: readonly DiscoveredFile[],
  scanners: readonly Scanner[],
  options: ScannerOptions,
): TextScanResult {
  const result = emptyResult();
  for (const file of files) {
    if (!scanners.some((scanner) => scanner.claims(file.path))) continue;

    let buffer: Buffer;
    try {
      buffer = readFileSync(file.absPath);
    } catch (error) {
      result.unreadable++;
      result.errors.push({ path: file.path, message: `cannot read file: ${describe(error)}` });
      continue;
    }
    const text = decodeText(buffer);
    if (text === undefined) {
      result.binary++;
      continue;
    }
    if (text.invalidUtf8) result.invalidUtf8++;
    scanText({ path: file.path, text: text.value }, scanners, options, result, buffer.length);
  }
  return result;
}

/** Scan texts that are already in memory, such as added lines from git. */
export function scanTexts(
  texts: readonly SourceText[],
  scanners: readonly Scanner[],
  options: ScannerOptions,
): TextScanResult {
  const result = emptyResult();
  // Added lines from git are mostly ASCII: the length is a close, cheap byte count.
  for (const source of texts) scanText(source, scanners, options, result, source.text.length);
  return result;
}

/** Add `part` into `total`. */
export function mergeResult(total: TextScanResult, part: TextScanResult): void {
  for (const finding of part.findings) total.findings.push(finding);
  for (const entry of part.directives) total.directives.push(entry);
  for (const error of part.errors) total.errors.push(error);
  for (const crash of part.crashes) total.crashes.push(crash);
  total.filesScanned += part.filesScanned;
  total.bytesScanned += part.bytesScanned;
  total.binary += part.binary;
  total.unreadable += part.unreadable;
  total.invalidUtf8 += part.invalidUtf8;
}
