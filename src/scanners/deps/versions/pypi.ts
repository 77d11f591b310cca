/**
 * PyPI ordering per PEP 440 (epochs, pre-, post- and dev-releases, local
 * versions) through `@renovatebot/pep440`. Strings that are not PEP 440
 * versions (the legacy forms pip no longer accepts) are invalid here, and
 * the ecosystem index orders them as plain strings before every valid one.
 */
import { clean, compare, explain, valid } from '@renovatebot/pep440';
import type { VersionScheme } from './scheme.js';
import { trimVersion } from './scheme.js';

function validPep440(version: string): string | undefined {
  const trimmed = trimVersion(version);
  if (trimmed === undefined) return undefined;
  return valid(trimmed) ?? undefined;
}

export const pypiScheme: VersionScheme = {
  isValid: (version) => validPep440(version) !== undefined,
  compare(a, b) {
    const left = validPep440(a);
    const right = validPep440(b);
    if (left === undefined || right === undefined) return 0;
    return compare(left, right);
  },
  /** The first release segment, prefixed with the epoch when it is not 0 (`1!2.0` gives `1!2`). */
  major(version) {
    const checked = validPep440(version);
    const parsed = checked === undefined ? null : explain(checked);
    if (parsed === null) return '';
    const first = String(parsed.release[0] ?? 0);
    return parsed.epoch === 0 ? first : `${parsed.epoch}!${first}`;
  },
  /** The PEP 440 normal form, such as `1.0rc1` for `1.0-RC1`. */
  normalize(version) {
    const trimmed = version.trim();
    const checked = validPep440(trimmed);
    return (checked === undefined ? null : clean(checked)) ?? trimmed;
  },
};
