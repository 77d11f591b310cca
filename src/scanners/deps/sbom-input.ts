/**
 * Reads an existing SBOM (CycloneDX 1.2 to 1.7 JSON, or SPDX 2.2 or 2.3
 * JSON) into project inventories, so the dependency stage can check
 * packages that another tool listed.
 *
 * Only packages with a purl of an ecosystem Rampart checks are kept. A
 * package is direct when the SBOM's graph links it to the described
 * subject, either straight or through components that are not packages
 * (such as a lockfile component). An SBOM that Rampart wrote gives back one
 * inventory per lockfile; any other SBOM gives one inventory whose path is
 * the SBOM's path.
 */
import { CycloneDxReader } from './sbom-input-cyclonedx.js';
import { inventoriesOf } from './sbom-input-graph.js';
import { isObject } from './sbom-input-json.js';
import type { JsonObject } from './sbom-input-json.js';
import { SpdxReader } from './sbom-input-spdx.js';
import type { ProjectInventory } from './types.js';

/** An SBOM that is not valid JSON or not in a supported format. */
export class SbomFormatError extends Error {
  constructor(
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${message}`, options);
    this.name = 'SbomFormatError';
  }
}

export type SbomFormat = 'CycloneDX' | 'SPDX';

export interface SbomReadResult {
  format: SbomFormat;
  /** `specVersion` of CycloneDX (such as `1.6`) or `spdxVersion` of SPDX (such as `SPDX-2.3`). */
  specVersion: string;
  projects: ProjectInventory[];
  /** Packages skipped and guesses made, one line each, starting with the SBOM path. */
  warnings: string[];
}

// 1.7 changed nothing that the reader uses (components, purls, hashes, licences, dependencies).
const CYCLONEDX_VERSIONS = new Set(['1.2', '1.3', '1.4', '1.5', '1.6', '1.7']);
const SPDX_VERSIONS = new Set(['SPDX-2.2', 'SPDX-2.3']);

/** Maximum length of a value quoted in an error message. */
const QUOTE_LIMIT = 40;

function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}...` : text;
}

function parseJson(text: string, path: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    // V8's message quotes part of the input; only the position is kept, so
    // a file that is no SBOM (a secret, /etc/passwd) is not echoed.
    const position = error instanceof Error ? /position (\d+)/.exec(error.message)?.[1] : undefined;
    const detail = position === undefined ? 'not JSON' : `not JSON at character ${position}`;
    throw new SbomFormatError(path, `invalid JSON (${detail}); expected a CycloneDX or SPDX JSON SBOM`, {
      cause: error,
    });
  }
}

function detectFormat(document: unknown, path: string): { format: SbomFormat; specVersion: string; body: JsonObject } {
  if (!isObject(document)) {
    throw new SbomFormatError(path, 'not a CycloneDX or SPDX JSON SBOM: the top-level value is not an object');
  }
  if (document.bomFormat === 'CycloneDX') {
    const version = document.specVersion;
    if (typeof version !== 'string' || !CYCLONEDX_VERSIONS.has(version)) {
      throw new SbomFormatError(path, `unsupported CycloneDX specVersion ${quote(version)}; supported: 1.2 to 1.7`);
    }
    return { format: 'CycloneDX', specVersion: version, body: document };
  }
  if ('spdxVersion' in document) {
    const version = document.spdxVersion;
    if (typeof version !== 'string' || !SPDX_VERSIONS.has(version)) {
      throw new SbomFormatError(path, `unsupported spdxVersion ${quote(version)}; supported: SPDX-2.2 and SPDX-2.3`);
    }
    return { format: 'SPDX', specVersion: version, body: document };
  }
  throw new SbomFormatError(
    path,
    'not a CycloneDX or SPDX JSON SBOM: found neither "bomFormat": "CycloneDX" nor "spdxVersion"',
  );
}

/**
 * Parse the SBOM `text` read from `path`. Throws `SbomFormatError` for
 * invalid JSON and unknown formats. Runs in time linear in the input and
 * without recursion, so deep nesting cannot exhaust the stack.
 */
export function parseSbom(text: string, path: string): SbomReadResult {
  const { format, specVersion, body } = detectFormat(parseJson(text, path), path);
  const graph = format === 'CycloneDX' ? new CycloneDxReader().read(body) : new SpdxReader().read(body);
  const warnings: string[] = [];
  const projects = inventoriesOf(graph, path, warnings);
  return { format, specVersion, projects, warnings };
}

/** Read the project inventories of the SBOM `text` read from `path`. `parseSbom` also returns warnings. */
export function readSbom(text: string, path: string): ProjectInventory[] {
  return parseSbom(text, path).projects;
}
