/** JSON Schema validators for the report formats, built once per test file. */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import Ajv04Module from 'ajv-draft-04';
import formatsModule from 'ajv-formats';

const addFormats = (formatsModule as unknown as { default: (ajv: object) => void }).default;
type Ajv04Class = new (options: object) => { compile(schema: object): ValidateFunction };
const Ajv04 = (Ajv04Module as unknown as { default: Ajv04Class }).default;

const REPO_ROOT = new URL('../../../', import.meta.url);

function readJson(relativePath: string): object {
  return JSON.parse(readFileSync(new URL(relativePath, REPO_ROOT), 'utf8')) as object;
}

/** Validator for schemas/report.schema.json (draft-07). */
export function reportValidator(): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(readJson('schemas/report.schema.json'));
}

/**
 * Validator for the OASIS SARIF 2.1.0 schema. That schema is written in
 * draft-04, so it needs ajv's draft-04 class.
 */
export function sarifValidator(): ValidateFunction {
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(readJson('test/fixtures/sarif/sarif-schema-2.1.0.json'));
}

/** Ajv's errors as one readable string, for assertion messages. */
export function describeErrors(validate: ValidateFunction): string {
  return JSON.stringify(validate.errors?.slice(0, 5) ?? [], null, 2);
}
