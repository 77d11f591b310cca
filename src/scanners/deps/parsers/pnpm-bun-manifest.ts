/** Reading the root package.json next to a pnpm or bun lockfile. */
import type { ParseContext } from '../types.js';
import type { WarningList } from './pnpm-bun-warnings.js';

export interface RootManifest {
  /** Relative path of the package.json, when it was read. */
  path?: string;
  name?: string;
  version?: string;
}

/** Relative path of a file in the same folder as the lockfile. */
export function siblingPath(lockfilePath: string, fileName: string): string {
  const slash = lockfilePath.lastIndexOf('/');
  return slash === -1 ? fileName : `${lockfilePath.slice(0, slash + 1)}${fileName}`;
}

/** Read name and version from the package.json next to the lockfile; a missing file is no problem, an invalid one a warning. */
export function readRootManifest(context: ParseContext, warnings: WarningList): RootManifest {
  const path = siblingPath(context.path, 'package.json');
  const text = context.readFile(path);
  if (text === undefined) return {};
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    warnings.add(`${path}: invalid JSON, project name not read (${(error as Error).message})`);
    return {};
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    warnings.add(`${path}: not a JSON object, project name not read`);
    return {};
  }
  const record = data as Record<string, unknown>;
  const name = Object.hasOwn(record, 'name') && typeof record.name === 'string' ? record.name : undefined;
  const version = Object.hasOwn(record, 'version') && typeof record.version === 'string' ? record.version : undefined;
  return { path, name, version };
}
