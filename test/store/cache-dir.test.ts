import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultAdvisoryDbPath, defaultCacheDir } from '../../src/store/cache-dir.js';

describe('defaultCacheDir', () => {
  it('prefers RAMPART_CACHE_DIR', () => {
    const env = { RAMPART_CACHE_DIR: '/srv/cache', XDG_CACHE_HOME: '/xdg' };
    assert.equal(defaultCacheDir(env, 'linux', '/home/u'), '/srv/cache');
  });

  it('uses an absolute XDG_CACHE_HOME', () => {
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/u'), '/xdg/rampart');
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: 'relative' }, 'linux', '/home/u'), '/home/u/.cache/rampart');
  });

  it('follows platform conventions', () => {
    assert.equal(defaultCacheDir({ HOME: '/home/ann' }, 'linux', '/ignored'), '/home/ann/.cache/rampart');
    assert.equal(defaultCacheDir({}, 'darwin', '/Users/ann'), '/Users/ann/Library/Caches/rampart');
    assert.equal(
      defaultCacheDir({ LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }, 'win32', 'C:\\Users\\ann'),
      'C:\\Users\\ann\\AppData\\Local\\rampart\\cache',
    );
    assert.equal(defaultCacheDir({}, 'win32', 'C:\\Users\\bo'), 'C:\\Users\\bo\\AppData\\Local\\rampart\\cache');
  });

  it('puts osv.sqlite in the cache', () => {
    assert.equal(defaultAdvisoryDbPath({ RAMPART_CACHE_DIR: '/c' }, 'linux'), '/c/osv.sqlite');
  });
});
