import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectSecrets } from '../../../src/scanners/secrets/detector.js';
import { loadSecretRules } from '../../../src/scanners/secrets/rules.js';

const rules = loadSecretRules();

/** Rule ids and start lines of the findings in one file, in order. */
function findingsIn(path: string, lines: string[]): string[] {
  const findings = detectSecrets({ path, text: lines.join('\n') }, rules, { showSecrets: false });
  return findings.map((finding) => `${finding.ruleId}:${finding.location.startLine}`);
}

// Whole credential files, where every entry is a separate secret.
describe('credential file formats', () => {
  test('docker config reports each registry', () => {
    const config = [
      '{',
      '  "auths": {',
      '    "https://index.docker.io/v1/": {',
      '      "auth": "d3JvbVTE/GLFhYISuSnY/Q4BEGaWcUCDO4/8Qn5h"',
      '    },',
      '    "ghcr.io": {',
      '      "auth": "F6pLzH1Fm8VhquV1uMml00y++9CHjiwTaARqZn7j"',
      '    },',
      '    "registry.zpm.internal": {}',
      '  }',
      '}',
    ];
    assert.deepEqual(findingsIn('.docker/config.json', config), [
      'secrets/docker-config-auth:4',
      'secrets/docker-config-auth:7',
    ]);
  });

  test('pgpass reports each line', () => {
    const pgpass = [
      '# hostname:port:database:username:password',
      'db.zpm.internal:5432:shop:shop_app:k2cdk7*mNxop-Xl9=e',
      '*:*:*:replicator:*Gyz4%a2#GbWRiu%+j',
      'localhost:5432:*:postgres:postgres',
    ];
    assert.deepEqual(findingsIn('home/.pgpass', pgpass), [
      'secrets/pgpass-entry:2',
      'secrets/pgpass-entry:3',
    ]);
  });

  test('pgpass lines outside a password file', () => {
    const lines = ['db.zpm.internal:5432:shop:shop_app:k2cdk7*mNxop-Xl9=e'];
    assert.deepEqual(findingsIn('notes/hosts.txt', lines), []);
  });

  test('wp-config keys and salts', () => {
    const wpConfig = [
      '<?php',
      "define( 'DB_NAME', 'blog' );",
      "define( 'AUTH_KEY',        '^9L]ggX=|rSZddJY:bk[0(d6M)5I#(R3&(}i{z);/[B8[2Z*=di5dQ+.Bc|CF j@' );",
      "define( 'LOGGED_IN_SALT',  'O-{YZe/hU+x&X#avrk ?J5% -XGY4z~h($v#k@8)6jb0z<F~ZjyUT+|D$*&%91z|' );",
      "define( 'NONCE_KEY',       '~J,K7JqD|:Vu/.PmuoVk-4!5>Du3`,Eq!6_HxPGv7Y`TmsZ3wSZ;URJ+Fp7`*_dD' );",
      "define( 'NONCE_SALT',      'put your unique phrase here' );",
    ];
    assert.deepEqual(findingsIn('wp-config.php', wpConfig), [
      'secrets/wordpress-auth-key-salt:3',
      'secrets/wordpress-auth-key-salt:4',
      'secrets/wordpress-auth-key-salt:5',
    ]);
  });
});
