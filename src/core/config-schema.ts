/**
 * Validation of rampart.yaml against schemas/rampart.schema.json, with each
 * ajv error turned into a message that names the key and suggests a fix.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { loadAjv, loadAjvFormats } from './lazy-require.js';
import { closestMatch } from './did-you-mean.js';
import { SCANNER_IDS } from './finding.js';
import { packageRoot } from './package-root.js';

/** A key or array index on the way from the document root to a value. */
export type PathSegment = string | number;

/** One configuration problem, before its file and line are known. */
export interface ConfigProblem {
  segments: PathSegment[];
  message: string;
  /** Point the line number at the key rather than at its value. */
  atKey?: boolean;
}

export const MAX_FILE_SIZE_LIMIT = 256 * 1024 * 1024;

const SIZE_UNITS: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };
const SIZE_PATTERN = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([KMG]?B)?\s*$/i;

function didYouMean(value: unknown, candidates: readonly string[]): string {
  if (typeof value !== 'string') return '';
  const match = closestMatch(value, candidates);
  return match === undefined ? '' : `; did you mean "${match}"?`;
}

/** Describes a configuration value for an error message. */
/** Longest string value that error messages quote as written. */
const MAX_ECHOED_LENGTH = 24;

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    // A config file in a scanned repository is untrusted and may be a
    // symlink to a key or credential file: long values are described, never
    // echoed, so an error message cannot print a secret.
    return value.length > MAX_ECHOED_LENGTH ? `a ${value.length}-character string` : JSON.stringify(value);
  }
  return String(value);
}

/** Returns why `value` is not a valid size, or undefined when it is valid. */
export function sizeProblem(value: string | number): string | undefined {
  const bytes = sizeInBytes(value);
  if (bytes === undefined) {
    return (
      `invalid size ${describeValue(value)}; use a number of bytes or a number with ` +
      'the unit B, KB, MB or GB (1024-based), such as 10MB'
    );
  }
  if (bytes < 1) return `must be at least 1 byte (got ${describeValue(value)})`;
  if (bytes > MAX_FILE_SIZE_LIMIT) {
    return `must be at most 256MB (got ${describeValue(value)})`;
  }
  return undefined;
}

/** Converts a size such as 10MB or 1.5KB to bytes, rounding down; undefined when malformed. */
export function sizeInBytes(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;

  const match = SIZE_PATTERN.exec(value);
  if (!match) return undefined;
  const unit = (match[2] ?? 'B').toUpperCase();
  return Math.floor(Number(match[1]) * (SIZE_UNITS[unit] ?? 1));
}

/** Explains why a rule id (or `*` pattern) failed the schema's pattern. */
export function ruleIdProblem(value: string, allowStar: boolean): string {
  const got = describeValue(value);
  const example = 'such as "secrets/jwt"';
  const slash = value.indexOf('/');
  if (slash < 0) {
    const hint = allowStar ? ', or "*" for every rule' : '';
    return `must be a full rule id ${example}${hint} (got ${got})`;
  }

  const scanner = value.slice(0, slash);
  if (!(SCANNER_IDS as readonly string[]).includes(scanner)) {
    const match = closestMatch(scanner, SCANNER_IDS);
    const suggestion = match ? `; did you mean "${match}${value.slice(slash)}"?` : '';
    return (
      `rule id ${got} does not start with a known scanner ` +
      `(${SCANNER_IDS.join(', ')})${suggestion}`
    );
  }
  if (value.split('*').length > 2) return `may contain at most one "*" (got ${got})`;
  return (
    `must be a scanner id, "/" and a rule name made of letters, digits, ".", "_" ` +
    `and "-", with at most one "*" (got ${got})`
  );
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  boolean: 'true or false',
  integer: 'a whole number',
  number: 'a number',
  array: 'a list',
  object: 'a mapping',
  'integer,string': 'a whole number or a string',
};

let validator: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (validator) return validator;

  const schemaFile = join(packageRoot(), 'schemas', 'rampart.schema.json');
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as object;
  const { Ajv: AjvClass } = loadAjv();
  const ajv = new AjvClass({ allErrors: true, verbose: true, allowUnionTypes: true, logger: false });
  // ajv-formats is CommonJS; required, its function is the `default` property.
  const addFormats = (loadAjvFormats() as unknown as { default: (ajv: Ajv) => void }).default;
  addFormats(ajv);
  validator = ajv.compile(schema);
  return validator;
}

function segmentsOf(error: ErrorObject, data: unknown): PathSegment[] {
  const segments: PathSegment[] = [];
  let current: unknown = data;
  const parts = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/');
  for (const raw of parts) {
    const part = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    const segment = Array.isArray(current) ? Number(part) : part;
    segments.push(segment);
    current = (current as Record<string | number, unknown> | undefined)?.[segment];
  }
  return segments;
}

function patternMessage(error: ErrorObject): string {
  const value = error.data;
  const got = describeValue(value);
  const definition = /^#\/definitions\/([A-Za-z]+)\//.exec(error.schemaPath)?.[1];
  switch (definition) {
    case 'date':
      return `must be a date in the form YYYY-MM-DD (got ${got})`;
    case 'size':
      return sizeProblem(value as string) ?? `invalid size ${got}`;
    case 'nonEmptyText':
      return 'must not be empty';
    case 'ruleId':
      return ruleIdProblem(String(value), false);
    case 'suppressionRule':
      return ruleIdProblem(String(value), true);
    default:
      return `must match the pattern ${error.params.pattern} (got ${got})`;
  }
}

function enumMessage(error: ErrorObject): string {
  const allowed = (error.params.allowedValues as unknown[]).map(String);
  const got = describeValue(error.data);
  const expected =
    allowed.length === 1 ? `must be ${allowed[0]}` : `must be one of ${allowed.join(', ')}`;
  return `${expected} (got ${got})${didYouMean(error.data, allowed)}`;
}

function additionalMessage(error: ErrorObject): string {
  const key = String(error.params.additionalProperty);
  const parent = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
  const allowed = Object.keys(parent?.properties ?? {});
  const suggestion = didYouMean(key, allowed);
  if (suggestion) return `unknown key${suggestion}`;
  return `unknown key; allowed keys are ${allowed.join(', ')}`;
}

function limitMessage(error: ErrorObject): string {
  if (error.schemaPath.startsWith('#/definitions/size/')) {
    return sizeProblem(error.data as number) ?? `invalid size ${describeValue(error.data)}`;
  }
  const comparison = String(error.params.comparison);
  return `must be ${comparison} ${String(error.params.limit)} (got ${describeValue(error.data)})`;
}

function messageOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'enum':
      return enumMessage(error);
    case 'type': {
      const type = String(error.params.type);
      return `must be ${TYPE_NAMES[type] ?? type} (got ${describeValue(error.data)})`;
    }
    case 'required':
      return `missing required key "${String(error.params.missingProperty)}"`;
    case 'additionalProperties':
      return additionalMessage(error);
    case 'pattern':
      return patternMessage(error);
    case 'format':
      return `is not a valid calendar date (got ${describeValue(error.data)})`;
    case 'minimum':
    case 'maximum':
      return limitMessage(error);
    case 'minLength':
      return 'must not be empty';
    default:
      return error.message ?? 'is invalid';
  }
}

/** Validates the parsed document against the JSON Schema; one problem per key path. */
export function schemaProblems(data: unknown): ConfigProblem[] {
  const validate = schemaValidator();
  if (validate(data)) return [];

  const problems: ConfigProblem[] = [];
  for (const error of validate.errors ?? []) {
    // propertyNames reports each bad key once more as its own error.
    if (error.keyword === 'propertyNames') continue;

    const segments = segmentsOf(error, data);
    let atKey = false;
    if (error.keyword === 'additionalProperties') {
      segments.push(String(error.params.additionalProperty));
      atKey = true;
    } else if (error.propertyName !== undefined) {
      segments.push(error.propertyName);
      atKey = true;
      error.data = error.propertyName;
    }
    problems.push({ segments, message: messageOf(error), atKey });
  }
  return problems;
}
