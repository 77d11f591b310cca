/**
 * Loading of heavy CommonJS dependencies on first use. A pre-commit scan of
 * a repository without rampart.yaml needs neither the YAML parser nor the
 * JSON Schema validator, and importing both costs about 100 ms at start-up.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function loadYaml(): typeof import('yaml') {
  return require('yaml') as typeof import('yaml');
}

export function loadAjv(): typeof import('ajv') {
  return require('ajv') as typeof import('ajv');
}

export function loadAjvFormats(): typeof import('ajv-formats') {
  return require('ajv-formats') as typeof import('ajv-formats');
}
