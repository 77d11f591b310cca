/**
 * The file names the deps scanner reads, decided on the path alone and kept
 * apart from the parsers, so that deciding costs no parser libraries at
 * start-up (a pre-commit scan loads only what it runs). A test checks that
 * each entry agrees with its parser's own `matches`.
 */

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

const GRADLE_LEGACY_FOLDER = 'gradle/dependency-locks/';

/** pip requirements files: requirements.txt, requirements-*.txt, *-requirements.txt, requirements/*.txt. */
export function isRequirementsPath(path: string): boolean {
  const segments = path.toLowerCase().split('/');
  const file = segments[segments.length - 1] ?? '';
  if (!file.endsWith('.txt')) return false;
  if (segments[segments.length - 2] === 'requirements') return true;
  return (
    file === 'requirements.txt' ||
    file.startsWith('requirements-') ||
    file.startsWith('requirements_') ||
    file.endsWith('-requirements.txt')
  );
}

/** Path tests per parser id. */
export const LOCKFILE_MATCHERS: Readonly<Record<string, (path: string) => boolean>> = {
  'npm-lock': (path) => ['package-lock.json', 'npm-shrinkwrap.json'].includes(baseName(path)),
  'yarn-lock': (path) => baseName(path) === 'yarn.lock',
  'pnpm-lock': (path) => baseName(path) === 'pnpm-lock.yaml',
  'bun-lock': (path) => baseName(path) === 'bun.lock',
  'pip-requirements': isRequirementsPath,
  'pipfile-lock': (path) => baseName(path) === 'Pipfile.lock',
  'poetry-lock': (path) => baseName(path) === 'poetry.lock',
  'uv-lock': (path) => baseName(path) === 'uv.lock',
  'go-mod': (path) => baseName(path) === 'go.mod',
  'cargo-lock': (path) => baseName(path) === 'Cargo.lock',
  'gemfile-lock': (path) => ['Gemfile.lock', 'gems.locked'].includes(baseName(path)),
  'composer-lock': (path) => baseName(path) === 'composer.lock',
  'maven-pom': (path) => baseName(path) === 'pom.xml',
  'gradle-lock': (path) =>
    baseName(path) === 'gradle.lockfile' ||
    ((path.startsWith(GRADLE_LEGACY_FOLDER) || path.includes(`/${GRADLE_LEGACY_FOLDER}`)) && path.endsWith('.lockfile')),
  'nuget-lock': (path) => baseName(path) === 'packages.lock.json',
  'pubspec-lock': (path) => baseName(path) === 'pubspec.lock',
};

/** Check whether a parser reads the file at `path` (relative, `/`-separated). */
export function isLockfilePath(path: string): boolean {
  return Object.values(LOCKFILE_MATCHERS).some((matches) => matches(path));
}

/** Check whether `path` is a package.json, which the deps scanner lists for workspace globs. */
export function isPackageManifest(path: string): boolean {
  return path === 'package.json' || path.endsWith('/package.json');
}
