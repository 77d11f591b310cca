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
    errors: [],
    crashes: [],
  };
}

function looksBinary(buffer: Buffer): boolean {
  return buffer.subarray(0, BINARY_SNIFF_BYTES).includes(0);
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
    if (looksBinary(buffer)) {
      result.binary++;
      continue;
    }
    if (!isUtf8(buffer)) {
      result.errors.push({
        path: file.path,
        message: 'not valid UTF-8; scanned with invalid bytes replaced',
      });
    }
    scanText({ path: file.path, text: buffer.toString('utf8') }, scanners, options, result, buffer.length);
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
}
