import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isPlaceholder, passesFilter } from '../../../src/scanners/secrets/filters.js';

const SIGNATURE = '5pwVxu0jZB0J7Kwia3PlaQxlNgifI-KWYuZiCi0aht4';
const HS256_HEADER = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9';
const NONE_HEADER = 'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0';
const PAYLOAD = 'eyJzdWIiOiJzdmMtNDIifQ';

/** Build a `name = value` match shaped like the generic rules' matches: group 1 name, group 2 value. */
function assignment(name: string, value: string): [RegExpExecArray, string] {
  const match = /^(\S+) = (\S+)$/.exec(`${name} = ${value}`);
  assert.ok(match);
  return [match, value];
}

function keepsGeneric(name: string, value: string): boolean {
  const [match, secret] = assignment(name, value);
  return passesFilter('generic-assignment', match, secret);
}

/** Build a URL match shaped like the connection-string rules': 1 scheme, 2 user, 3 password. */
function keepsConnection(user: string, password: string): boolean {
  const match = /^(\w+):\/\/([^:]+):([^@]+)@/.exec(`postgres://${user}:${password}@db.internal/shop`);
  assert.ok(match);
  return passesFilter('connection-string', match, password);
}

describe('isPlaceholder', () => {
  test('angle-bracket placeholders', () => {
    assert.equal(isPlaceholder('<password>'), true);
    assert.equal(isPlaceholder('sk-<api-key>'), true);
    assert.equal(isPlaceholder('token-<YOUR_TOKEN'), true);
    assert.equal(isPlaceholder('abc<token>def'), true);
  });

  test('single brackets inside random values', () => {
    assert.equal(isPlaceholder('bDMr-L9id!MBOH<s?^qoY6sv*e2dbG6'), false);
    assert.equal(isPlaceholder('X+~0yOF$8=T]_SI>Q-)TdCFz<)QBeV.tes'), false);
  });

  test('replace-with instructions', () => {
    assert.equal(isPlaceholder('REPLACE_WITH_OUTPUT_OF_openssl_rand'), true);
    assert.equal(isPlaceholder('replace-with-a-long-random-string'), true);
  });
});

describe('generic-assignment filter', () => {
  test('keeps a random value', () => {
    assert.equal(keepsGeneric('api_token', '99UfQ6r7fWRwNpBd9FUBjIaF'), true);
  });

  test('camelCase metadata names', () => {
    assert.equal(keepsGeneric('UserSecretsId', 'oW2dnN18YebFLp0UrkTW8BSi'), false);
    assert.equal(keepsGeneric('tokenUrl', 'oW2dnN18YebFLp0UrkTW8BSi'), false);
    assert.equal(keepsGeneric('clientSecret', 'oW2dnN18YebFLp0UrkTW8BSi'), true);
  });

  test('public browser tokens', () => {
    assert.equal(keepsGeneric('MAPBOX_TOKEN', 'pk.eyJ1IjoiemFwIiwiYSI6ImNsMTIzIn0.Jfh3B35IpAvdpwqg5OUhBavj'), false);
    assert.equal(keepsGeneric('stripeKey', 'pk_live_Jfh3B35IpAvdpwqg5OUhBavj'), false);
    assert.equal(keepsGeneric('mapbox_secret', 'sk.eyJ1IjoiemFwIiwiYSI6ImNsMTIzIn0.Jfh3B35IpAvdpwqg5OUhBavj'), true);
  });

  test('common test passwords', () => {
    assert.equal(keepsGeneric('password', 'Password123!'), false);
    assert.equal(keepsGeneric('password', 'P@ssw0rd'), false);
    assert.equal(keepsGeneric('password', 'Welcome1'), false);
    assert.equal(keepsGeneric('password', 'Password123!x9Qz'), true);
  });

  test('JWT-shaped values need a signature', () => {
    assert.equal(keepsGeneric('token', `${NONE_HEADER}.${PAYLOAD}.${SIGNATURE}`), false);
    assert.equal(keepsGeneric('token', `${HS256_HEADER}.${PAYLOAD}.`), false);
    assert.equal(keepsGeneric('token', `${HS256_HEADER}.${PAYLOAD}.${SIGNATURE}`), true);
  });
});

describe('jwt filter', () => {
  function keepsJwt(token: string): boolean {
    const match = /(\S+)/.exec(token);
    assert.ok(match);
    return passesFilter('jwt', match, token);
  }

  test('signed token', () => {
    assert.equal(keepsJwt(`${HS256_HEADER}.${PAYLOAD}.${SIGNATURE}`), true);
  });

  test('alg none and empty signature', () => {
    assert.equal(keepsJwt(`${NONE_HEADER}.${PAYLOAD}.${SIGNATURE}`), false);
    assert.equal(keepsJwt(`${HS256_HEADER}.${PAYLOAD}.`), false);
  });
});

describe('connection-string filter', () => {
  test('keeps a random password', () => {
    assert.equal(keepsConnection('shop', 'Jfh3B35IpAvdpwqg'), true);
  });

  test('demo and test passwords', () => {
    assert.equal(keepsConnection('scott', 'tiger'), false);
    assert.equal(keepsConnection('app', 'Password123!'), false);
    assert.equal(keepsConnection('app', 'app'), false);
  });
});
