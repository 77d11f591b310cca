/**
 * `${name}` interpolation in POM values. Properties may refer to other
 * properties. Lookups are memoised, nesting depth is capped and cycles are
 * detected, so a hostile POM cannot make interpolation loop or grow a value
 * without bound.
 */

/** Nesting depth beyond which a reference counts as unresolved. */
const MAX_DEPTH = 16;
/** Maximum length of an interpolated value. Longer results count as unresolved. */
const MAX_LENGTH = 4096;

export class PomProperties {
  private readonly resolved = new Map<string, string | undefined>();

  constructor(private readonly values: Map<string, string>) {}

  /** Replaces every resolvable `${name}` in `value`. References that cannot be resolved stay as written. */
  interpolate(value: string): string {
    return this.expand(value, new Set(), 0) ?? value;
  }

  private lookup(name: string, active: Set<string>, depth: number): string | undefined {
    if (this.resolved.has(name)) return this.resolved.get(name);
    const raw = this.values.get(name);
    if (raw === undefined || active.has(name) || depth > MAX_DEPTH) return undefined;
    active.add(name);
    const expanded = this.expand(raw, active, depth + 1);
    active.delete(name);
    const result = expanded !== undefined && !expanded.includes('${') ? expanded : undefined;
    this.resolved.set(name, result);
    return result;
  }

  private expand(value: string, active: Set<string>, depth: number): string | undefined {
    let output = '';
    let position = 0;
    for (let start = value.indexOf('${'); start >= 0; start = value.indexOf('${', position)) {
      const end = value.indexOf('}', start + 2);
      if (end < 0) break;
      const name = value.slice(start + 2, end);
      const replacement = this.lookup(name, active, depth);
      output += value.slice(position, start) + (replacement ?? value.slice(start, end + 1));
      position = end + 1;
      if (output.length > MAX_LENGTH) return undefined;
    }
    output += value.slice(position);
    return output.length > MAX_LENGTH ? undefined : output;
  }
}
