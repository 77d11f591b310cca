/**
 * Location of Rampart's downloaded data such as the OSV advisory database.
 * Paths are built from an injected environment so tests and the CLI agree.
 */
import { homedir } from 'node:os';
import { isAbsolute, join, posix, win32 } from 'node:path';

/** File name of the advisory database inside the cache folder. */
export const ADVISORY_DB_FILE = 'osv.sqlite';

/**
 * Return the cache folder: $RAMPART_CACHE_DIR, else $XDG_CACHE_HOME/rampart,
 * else the platform's per-user cache folder (~/.cache/rampart on Linux,
 * ~/Library/Caches/rampart on macOS, %LOCALAPPDATA%\rampart\cache on
 * Windows). A relative XDG_CACHE_HOME is ignored, as the XDG Base Directory
 * specification requires.
 */
export function defaultCacheDir(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.RAMPART_CACHE_DIR) return env.RAMPART_CACHE_DIR;

  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'rampart');

  if (platform === 'win32') {
    const localAppData = env.LOCALAPPDATA ?? win32.join(env.USERPROFILE ?? home, 'AppData', 'Local');
    return win32.join(localAppData, 'rampart', 'cache');
  }
  const userHome = env.HOME || home;
  if (platform === 'darwin') return posix.join(userHome, 'Library', 'Caches', 'rampart');
  return posix.join(userHome, '.cache', 'rampart');
}

/** Return the default advisory database path, `<cache>/osv.sqlite`. */
export function defaultAdvisoryDbPath(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const dir = defaultCacheDir(env, platform, home);
  return platform === 'win32' ? win32.join(dir, ADVISORY_DB_FILE) : posix.join(dir, ADVISORY_DB_FILE);
}
