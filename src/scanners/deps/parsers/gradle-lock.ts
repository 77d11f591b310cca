/**
 * Gradle dependency lock parser: `gradle.lockfile` (Gradle 6 and later),
 * with lines `group:artifact:version=configuration,...`, and the older
 * per-configuration files `gradle/dependency-locks/<configuration>.lockfile`,
 * with lines `group:artifact:version`. Comment lines start with `#`, and an
 * `empty=...` line lists configurations that resolved to nothing.
 *
 * A lockfile records the resolved result of each configuration, with no
 * graph and no mark for which entries the build script declares. Rampart
 * needs a direct list, so every entry is reported as direct, knowing that
 * many are transitive.
 */
import { posix } from 'node:path';
import {
  LockfileError,
  type LockedPackage,
  type LockfileParseResult,
  type LockfileParser,
  type ParseContext,
} from '../types.js';

const LEGACY_FOLDER = 'gradle/dependency-locks/';
const LOCKFILE_SUFFIX = '.lockfile';

/**
 * Reports whether a configuration only serves tests: the JVM plugin's `test*`
 * configurations (`testCompileClasspath`, `testFixturesRuntimeClasspath`)
 * and the Android plugin's per-variant `*UnitTest*` and `*AndroidTest*` ones.
 */
export function isTestConfiguration(name: string): boolean {
  return name.startsWith('test') || name.includes('UnitTest') || name.includes('AndroidTest');
}

function isLegacyPath(path: string): boolean {
  return (path.startsWith(LEGACY_FOLDER) || path.includes(`/${LEGACY_FOLDER}`)) && path.endsWith(LOCKFILE_SUFFIX);
}

interface Entry {
  name: string;
  version: string;
  line: number;
  configurations: Set<string>;
}

function parseCoordinates(coordinates: string, path: string, lineNo: number): [string, string] {
  const parts = coordinates.split(':');
  if (parts.length !== 3 || parts.some((part) => part.trim() === '' || part !== part.trim())) {
    throw new LockfileError(path, `line ${lineNo}: expected "group:artifact:version", found "${coordinates.slice(0, 200)}"`);
  }
  return [`${parts[0]}:${parts[1]}`, parts[2]!];
}

/** Reads the entries. A line that is neither comment, `empty=` nor a lock entry makes the file invalid. */
function readEntries(text: string, path: string, legacyConfiguration: string | undefined): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('empty=')) continue;
    const equals = line.indexOf('=');
    if (equals < 0 && legacyConfiguration === undefined) {
      throw new LockfileError(path, `line ${index + 1}: expected "group:artifact:version=configurations", found "${line.slice(0, 200)}"`);
    }
    const coordinates = equals < 0 ? line : line.slice(0, equals);
    const configurations = equals < 0 ? [legacyConfiguration!] : line.slice(equals + 1).split(',').map((name) => name.trim()).filter((name) => name !== '');
    if (configurations.length === 0) {
      throw new LockfileError(path, `line ${index + 1}: no configuration after "="`);
    }
    const [name, version] = parseCoordinates(coordinates, path, index + 1);
    const key = `${name}@${version}`;
    const entry = entries.get(key) ?? { name, version, line: index + 1, configurations: new Set<string>() };
    for (const configuration of configurations) entry.configurations.add(configuration);
    entries.set(key, entry);
  }
  return entries;
}

function parseGradleLock(text: string, context: ParseContext): LockfileParseResult {
  const legacyConfiguration = isLegacyPath(context.path) ? posix.basename(context.path, LOCKFILE_SUFFIX) : undefined;
  const entries = readEntries(text, context.path, legacyConfiguration);
  const packages: LockedPackage[] = [];
  const direct: LockfileParseResult['direct'] = [];
  for (const [key, entry] of entries) {
    const dev = [...entry.configurations].every(isTestConfiguration);
    const locked: LockedPackage = { key, name: entry.name, version: entry.version, ecosystem: 'Maven', dependencies: [], line: entry.line };
    if (dev) locked.dev = true;
    packages.push(locked);
    // Every entry counts as direct because the lockfile cannot tell direct from transitive.
    direct.push({ key, scope: dev ? 'development' : 'production' });
  }
  return { ecosystem: 'Maven', packages, direct, warnings: [] };
}

/** Parser for Gradle dependency lockfiles, current and legacy layout. */
export const gradleLockParser: LockfileParser = {
  id: 'gradle-lock',
  matches: (path) => posix.basename(path) === 'gradle.lockfile' || isLegacyPath(path),
  parse: parseGradleLock,
};
