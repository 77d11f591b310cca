/**
 * Evaluation of one OSV `affected[].ranges[]` entry against a package
 * version, following the `IsVulnerable` pseudocode of the OSV schema
 * (https://ossf.github.io/osv-schema/#evaluation):
 *
 * - Events are sorted by version and walked in order. An `introduced` at or
 *   below the version marks it affected. A `fixed` at or below it, or a
 *   `last_affected` below it, marks it unaffected.
 * - `introduced: "0"` sorts before every version; a `limit` containing `*`
 *   is infinity.
 * - When the range has `limit` events, the version must also be below at
 *   least one of them. The schema applies this to every range type, so it
 *   is applied here to SEMVER and ECOSYSTEM ranges too.
 * - GIT ranges describe commits, not package versions, and never match.
 *
 * Records come from outside, so every field is checked at run time and
 * malformed ranges do not match instead of throwing.
 */
import type { OsvRange } from '../osv-types.js';
import type { Ecosystem } from '../types.js';
import { versionScheme } from './index.js';
import type { VersionScheme } from './scheme.js';
import { semverScheme } from './semver.js';

export type RangeEventKind = 'introduced' | 'fixed' | 'last_affected' | 'limit';

export interface RangeEvent {
  kind: RangeEventKind;
  version: string;
}

const EVENT_KINDS: RangeEventKind[] = ['introduced', 'fixed', 'last_affected', 'limit'];

/** Order of event kinds at equal versions: `introduced` and `fixed` at one version leave it unaffected. */
const KIND_ORDER: Record<RangeEventKind, number> = { introduced: 0, last_affected: 1, fixed: 2, limit: 3 };

/** Cap on events read from one range, so a hostile record cannot make matching slow. */
const MAX_EVENTS = 1000;

/**
 * Read the events of `range` as kind and version. An event object with
 * several kinds (invalid in OSV) yields one event per kind. Entries that are
 * not objects or have no string version are skipped.
 */
export function rangeEvents(range: unknown): RangeEvent[] {
  if (typeof range !== 'object' || range === null) return [];
  const events = (range as { events?: unknown }).events;
  if (!Array.isArray(events)) return [];
  const result: RangeEvent[] = [];
  for (const event of events.slice(0, MAX_EVENTS)) {
    if (typeof event !== 'object' || event === null) continue;
    for (const kind of EVENT_KINDS) {
      const version: unknown = (event as Record<string, unknown>)[kind];
      if (typeof version === 'string') result.push({ kind, version });
    }
  }
  return result;
}

function isStart(event: RangeEvent): boolean {
  return event.kind === 'introduced' && event.version === '0';
}

function isInfinity(event: RangeEvent): boolean {
  return event.kind === 'limit' && event.version.includes('*');
}

/**
 * Choose the ordering for a range: SemVer for SEMVER ranges, the
 * ecosystem's for ECOSYSTEM ranges. When a SEMVER range holds versions that
 * are not SemVer (the record mislabels its range type), the ecosystem's
 * ordering is used if it parses them all.
 */
function schemeFor(type: unknown, ecosystem: Ecosystem, versions: string[]): VersionScheme | undefined {
  let candidates: VersionScheme[] = [];
  if (type === 'SEMVER') candidates = [semverScheme, versionScheme(ecosystem)];
  else if (type === 'ECOSYSTEM') candidates = [versionScheme(ecosystem)];
  return candidates.find((scheme) => versions.every((version) => scheme.isValid(version)));
}

/**
 * Check whether `version` lies in `range` for a package of `ecosystem`.
 * False for GIT and unknown range types, for a version that does not parse,
 * and for a range with an event version that does not parse.
 *
 * NOTE: skipping a range with an unparseable event can miss a vulnerable
 * version, but treating the event as absent could flag every version.
 */
export function isVersionInRange(range: OsvRange, ecosystem: Ecosystem, version: string): boolean {
  const events = rangeEvents(range);
  const bounded = events
    .filter((event) => !isStart(event) && !isInfinity(event))
    .map((event) => event.version);
  const scheme = schemeFor((range as { type?: unknown }).type, ecosystem, [version, ...bounded]);
  if (scheme === undefined) return false;
  const compare = (a: RangeEvent, b: string): number => {
    if (isStart(a)) return -1;
    if (isInfinity(a)) return 1;
    return scheme.compare(a.version, b);
  };
  const limits = events.filter((event) => event.kind === 'limit');
  if (limits.length > 0 && !limits.some((limit) => compare(limit, version) > 0)) return false;
  const sorted = events
    .filter((event) => event.kind !== 'limit')
    .sort((a, b) => compareEvents(a, b, compare));
  let affected = false;
  for (const event of sorted) {
    const order = compare(event, version);
    if (event.kind === 'introduced' && order <= 0) affected = true;
    else if (event.kind === 'fixed' && order <= 0) affected = false;
    else if (event.kind === 'last_affected' && order < 0) affected = false;
  }
  return affected;
}

type EventComparator = (event: RangeEvent, version: string) => number;

function compareEvents(a: RangeEvent, b: RangeEvent, compare: EventComparator): number {
  if (isStart(a) || isStart(b)) return isStart(a) && isStart(b) ? 0 : isStart(a) ? -1 : 1;
  const byVersion = compare(a, b.version);
  return byVersion !== 0 ? byVersion : KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
}
