/** The registry of lockfile and manifest parsers, one per format. */
import type { LockfileParser } from '../types.js';
import { bunLockParser } from './bun-lock.js';
import { cargoLockParser } from './cargo-lock.js';
import { composerLockParser } from './composer-lock.js';
import { gemfileLockParser } from './gemfile-lock.js';
import { goModParser } from './go-mod.js';
import { gradleLockParser } from './gradle-lock.js';
import { mavenPomParser } from './maven-pom.js';
import { npmLockParser } from './npm-lock.js';
import { nugetLockParser } from './nuget-lock.js';
import { pipfileLockParser } from './pipfile-lock.js';
import { pnpmLockParser } from './pnpm-lock.js';
import { poetryLockParser } from './poetry-lock.js';
import { pubspecLockParser } from './pubspec-lock.js';
import { requirementsParser } from './requirements.js';
import { uvLockParser } from './uv-lock.js';
import { yarnLockParser } from './yarn-lock.js';

export const PARSERS: readonly LockfileParser[] = [
  npmLockParser,
  yarnLockParser,
  pnpmLockParser,
  bunLockParser,
  requirementsParser,
  pipfileLockParser,
  poetryLockParser,
  uvLockParser,
  goModParser,
  cargoLockParser,
  gemfileLockParser,
  composerLockParser,
  mavenPomParser,
  gradleLockParser,
  nugetLockParser,
  pubspecLockParser,
];

/** The parser for the file at `path` (relative, `/`-separated), if any. */
export function parserFor(path: string): LockfileParser | undefined {
  return PARSERS.find((parser) => parser.matches(path));
}
