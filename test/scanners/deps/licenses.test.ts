import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  evaluateLicense,
  parseLicense,
  validateLicensePolicy,
  type LicensePolicyInput,
} from '../../../src/scanners/deps/licenses.js';

function verdict(text: string, policy: LicensePolicyInput): string {
  return evaluateLicense(parseLicense(text), policy).verdict;
}

describe('parseLicense', () => {
  it('keeps valid expressions', () => {
    const cases: Array<[string, string, string[]]> = [
      ['MIT', 'MIT', ['MIT']],
      ['Apache-2.0 OR MIT', 'Apache-2.0 OR MIT', ['Apache-2.0', 'MIT']],
      ['(MIT OR Apache-2.0)', 'MIT OR Apache-2.0', ['MIT', 'Apache-2.0']],
      ['MIT or Apache-2.0', 'MIT OR Apache-2.0', ['MIT', 'Apache-2.0']],
      ['(MIT OR Apache-2.0) AND BSD-3-Clause', '(MIT OR Apache-2.0) AND BSD-3-Clause', ['MIT', 'Apache-2.0', 'BSD-3-Clause']],
      ['MIT AND (Apache-2.0 OR BSD-2-Clause)', 'MIT AND (Apache-2.0 OR BSD-2-Clause)', ['MIT', 'Apache-2.0', 'BSD-2-Clause']],
      ['Apache-2.0 WITH LLVM-exception', 'Apache-2.0 WITH LLVM-exception', ['Apache-2.0']],
      ['GPL-2.0+', 'GPL-2.0+', ['GPL-2.0+']],
      ['GPL-2.0', 'GPL-2.0', ['GPL-2.0']],
      ['LicenseRef-Proprietary', 'LicenseRef-Proprietary', ['LicenseRef-Proprietary']],
      ['  ISC  ', 'ISC', ['ISC']],
      ['MIT OR MIT', 'MIT OR MIT', ['MIT']],
    ];
    for (const [text, expression, ids] of cases) {
      assert.deepEqual(parseLicense(text), { expression, ids, status: 'spdx' }, text);
    }
  });

  it('corrects free-text forms', () => {
    const cases: Array<[string, string]> = [
      ['MIT License', 'MIT'],
      ['The MIT License (MIT)', 'MIT'],
      ['mit', 'MIT'],
      ['Apache 2.0', 'Apache-2.0'],
      ['Apache License, Version 2.0', 'Apache-2.0'],
      ['BSD', 'BSD-2-Clause'],
      ['New BSD License', 'BSD-3-Clause'],
      ['BSD 3-Clause', 'BSD-3-Clause'],
      ['MPL 2.0', 'MPL-2.0'],
      ['Eclipse Public License 1.0', 'EPL-1.0'],
      ['GPLv3', 'GPL-3.0'],
    ];
    for (const [text, expression] of cases) {
      const parsed = parseLicense(text);
      assert.equal(parsed.status, 'corrected', text);
      assert.equal(parsed.expression, expression, text);
    }
  });

  it('corrects each name of a pair', () => {
    // spdx-correct on the whole text would keep only Apache-2.0.
    assert.deepEqual(parseLicense('MIT/Apache-2.0'), {
      expression: 'MIT OR Apache-2.0',
      ids: ['MIT', 'Apache-2.0'],
      status: 'corrected',
    });
    assert.equal(parseLicense('mit or apache 2.0').expression, 'MIT OR Apache-2.0');
    assert.equal(parseLicense('MIT License and Apache 2.0').expression, 'MIT AND Apache-2.0');
  });

  it('rejects non-licences', () => {
    const unknown = [
      undefined,
      '',
      '   ',
      'UNLICENSED',
      'unlicensed',
      'SEE LICENSE IN LICENSE.txt',
      'NOASSERTION',
      'UNKNOWN',
      'Public Domain',
      'no idea what this is',
      'MIT/no idea what this is',
      'MIT '.repeat(200),
    ];
    for (const text of unknown) {
      assert.deepEqual(parseLicense(text), { ids: [], status: 'unknown' }, String(text).slice(0, 40));
    }
  });

  it('survives hostile input', () => {
    const inputs = ['('.repeat(250) + 'MIT' + ')'.repeat(250), 'MIT OR '.repeat(70) + 'MIT', '(((((', 'AND OR WITH', '\u0000MIT'];
    for (const text of inputs) {
      const parsed = parseLicense(text);
      assert.ok(['spdx', 'corrected', 'unknown'].includes(parsed.status));
    }
    assert.equal(parseLicense('MIT OR '.repeat(70) + 'MIT').expression?.split(' OR ').length, 71);
  });
});

describe('evaluateLicense', () => {
  it('allows listed licences', () => {
    const decision = evaluateLicense(parseLicense('MIT'), { allow: ['MIT', 'Apache-2.0'] });
    assert.deepEqual(decision, { verdict: 'allowed', reason: 'MIT is on the allow list' });
  });

  it('rejects unlisted licences', () => {
    const decision = evaluateLicense(parseLicense('GPL-3.0-only'), { allow: ['MIT'] });
    assert.deepEqual(decision, { verdict: 'not-allowed', reason: 'GPL-3.0-only is not on the allow list' });
  });

  it('denies listed licences', () => {
    const decision = evaluateLicense(parseLicense('AGPL-3.0-only'), { deny: ['AGPL-3.0-only'] });
    assert.deepEqual(decision, { verdict: 'denied', reason: 'AGPL-3.0-only is on the deny list' });
  });

  it('allows everything without lists', () => {
    assert.deepEqual(evaluateLicense(parseLicense('GPL-3.0-only'), {}), {
      verdict: 'allowed',
      reason: 'no deny entry matches GPL-3.0-only',
    });
    assert.equal(verdict('MIT', { allow: [], deny: [] }), 'allowed');
  });

  it('reports unknown licences', () => {
    const decision = evaluateLicense(parseLicense('UNLICENSED'), { allow: ['MIT'] });
    assert.equal(decision.verdict, 'unknown');
    assert.equal(decision.reason, 'the stated licence is missing or is not an SPDX expression');
    assert.equal(evaluateLicense(parseLicense(undefined), {}).verdict, 'unknown');
  });

  it('accepts OR when one branch passes', () => {
    assert.equal(verdict('MIT OR GPL-3.0-only', { deny: ['GPL-3.0-only'] }), 'allowed');
    assert.equal(verdict('GPL-3.0-only OR MIT', { allow: ['MIT'] }), 'allowed');
    const decision = evaluateLicense(parseLicense('GPL-3.0-only OR MIT'), { allow: ['MIT'], deny: ['GPL-3.0-only'] });
    assert.deepEqual(decision, { verdict: 'allowed', reason: 'MIT is on the allow list' });
  });

  it('rejects OR when no branch passes', () => {
    const both = evaluateLicense(parseLicense('GPL-3.0-only OR AGPL-3.0-only'), {
      deny: ['GPL-3.0-only', 'AGPL-3.0-only'],
    });
    assert.deepEqual(both, { verdict: 'denied', reason: 'GPL-3.0-only, AGPL-3.0-only are on the deny list' });
    // One branch only unlisted, the other denied: the milder verdict wins.
    const mixed = evaluateLicense(parseLicense('GPL-3.0-only OR LGPL-2.1-only'), {
      allow: ['MIT'],
      deny: ['GPL-3.0-only'],
    });
    assert.deepEqual(mixed, { verdict: 'not-allowed', reason: 'LGPL-2.1-only is not on the allow list' });
  });

  it('requires every AND part', () => {
    assert.equal(verdict('MIT AND BSD-3-Clause', { allow: ['MIT', 'BSD-3-Clause'] }), 'allowed');
    const partial = evaluateLicense(parseLicense('MIT AND BSD-3-Clause'), { allow: ['MIT'] });
    assert.deepEqual(partial, { verdict: 'not-allowed', reason: 'BSD-3-Clause is not on the allow list' });
    assert.equal(verdict('MIT AND GPL-3.0-only', { deny: ['GPL-3.0-only'] }), 'denied');
  });

  it('combines nested expressions', () => {
    const policy = { allow: ['MIT', 'Apache-2.0'], deny: ['GPL-3.0-only'] };
    assert.equal(verdict('(MIT OR GPL-3.0-only) AND Apache-2.0', policy), 'allowed');
    assert.equal(verdict('(MIT OR GPL-3.0-only) AND GPL-3.0-only', policy), 'denied');
    assert.equal(verdict('MIT AND (ISC OR GPL-3.0-only)', policy), 'not-allowed');
  });

  it('ignores WITH exceptions', () => {
    const text = 'GPL-2.0-only WITH Classpath-exception-2.0';
    assert.equal(verdict(text, { allow: ['GPL-2.0-only'] }), 'allowed');
    assert.equal(verdict(text, { deny: ['GPL-2.0-only'] }), 'denied');
    assert.equal(verdict('Apache-2.0 WITH LLVM-exception', { allow: ['Apache-2.0'] }), 'allowed');
  });

  it('equates deprecated GNU ids', () => {
    assert.equal(verdict('GPL-2.0', { allow: ['GPL-2.0-only'] }), 'allowed');
    assert.equal(verdict('GPL-2.0-only', { allow: ['GPL-2.0'] }), 'allowed');
    assert.equal(verdict('LGPL-2.1', { deny: ['LGPL-2.1-only'] }), 'denied');
    assert.equal(verdict('GPL-2.0+', { allow: ['GPL-2.0-or-later'] }), 'allowed');
    assert.equal(verdict('GPL-2.0-or-later', { allow: ['GPL-2.0+'] }), 'allowed');
    assert.equal(verdict('GPL-2.0-with-classpath-exception', { allow: ['GPL-2.0-only'] }), 'allowed');
  });

  it('matches or-later only when named', () => {
    assert.equal(verdict('GPL-2.0-or-later', { allow: ['GPL-2.0-only'] }), 'not-allowed');
    assert.equal(verdict('GPL-2.0+', { allow: ['GPL-2.0'] }), 'not-allowed');
    assert.equal(verdict('GPL-2.0-only', { allow: ['GPL-2.0-or-later'] }), 'not-allowed');
    assert.equal(verdict('GPL-3.0-or-later', { allow: ['GPL-2.0-or-later'] }), 'not-allowed');
    assert.equal(verdict('Apache-2.0+', { allow: ['Apache-2.0'] }), 'not-allowed');
  });

  it('denies or-later by base id', () => {
    assert.equal(verdict('GPL-3.0-or-later', { deny: ['GPL-3.0-only'] }), 'denied');
    assert.equal(verdict('GPL-3.0+', { deny: ['GPL-3.0'] }), 'denied');
  });

  it('keeps -only when or-later is denied', () => {
    assert.equal(verdict('GPL-3.0-only', { deny: ['GPL-3.0-or-later'] }), 'allowed');
    assert.equal(verdict('GPL-2.0-only WITH Classpath-exception-2.0', { deny: ['GPL-2.0-or-later'] }), 'allowed');
    assert.equal(verdict('GPL-2.0', { deny: ['GPL-2.0-or-later'] }), 'allowed');
  });

  it('matches ids case-insensitively', () => {
    assert.equal(verdict('MIT', { allow: ['mit'] }), 'allowed');
    assert.equal(verdict('Apache-2.0', { deny: ['APACHE-2.0'] }), 'denied');
  });

  it('lets deny win over allow', () => {
    assert.equal(verdict('MIT', { allow: ['MIT'], deny: ['MIT'] }), 'denied');
  });

  it('judges corrected licences', () => {
    assert.equal(verdict('Apache 2.0', { allow: ['Apache-2.0'] }), 'allowed');
    assert.equal(verdict('MIT/Apache-2.0', { allow: ['Apache-2.0'] }), 'allowed');
  });

  it('matches LicenseRef ids exactly', () => {
    assert.equal(verdict('LicenseRef-Acme', { allow: ['LicenseRef-Acme'] }), 'allowed');
    assert.equal(verdict('LicenseRef-Acme', { allow: ['MIT'] }), 'not-allowed');
  });
});

describe('validateLicensePolicy', () => {
  it('accepts valid policies', () => {
    const policy = {
      allow: ['MIT', 'Apache-2.0', 'BSD-3-Clause', 'GPL-2.0+', 'GPL-2.0', 'mit', 'LicenseRef-Acme-1.0'],
      deny: ['AGPL-3.0-only', 'SSPL-1.0'],
    };
    assert.deepEqual(validateLicensePolicy(policy), []);
    assert.deepEqual(validateLicensePolicy({}), []);
    assert.deepEqual(validateLicensePolicy(undefined), []);
  });

  it('suggests ids for typos', () => {
    assert.deepEqual(validateLicensePolicy({ allow: ['Apache 2'] }), [
      'licenses.allow: "Apache 2" is not an SPDX licence id; did you mean "Apache-2.0"?',
    ]);
    assert.deepEqual(validateLicensePolicy({ deny: ['GPLv3'] }), [
      'licenses.deny: "GPLv3" is not an SPDX licence id; did you mean "GPL-3.0-or-later"?',
    ]);
    assert.deepEqual(validateLicensePolicy({ allow: ['MIT License'] }), [
      'licenses.allow: "MIT License" is not an SPDX licence id; did you mean "MIT"?',
    ]);
  });

  it('rejects expressions as entries', () => {
    assert.deepEqual(validateLicensePolicy({ allow: ['MIT OR Apache-2.0'] }), [
      'licenses.allow: "MIT OR Apache-2.0" is not an SPDX licence id; list each licence id as its own entry',
    ]);
  });

  it('rejects unknown names', () => {
    assert.deepEqual(validateLicensePolicy({ allow: ['Totally Custom'] }), [
      'licenses.allow: "Totally Custom" is not an SPDX licence id; use an id from https://spdx.org/licenses/',
    ]);
    assert.equal(validateLicensePolicy({ allow: ['LicenseRef-'] }).length, 1);
  });

  it('rejects wrong shapes', () => {
    assert.deepEqual(validateLicensePolicy('MIT'), [
      'licenses: expected a mapping with `allow` and `deny` lists of SPDX licence ids',
    ]);
    assert.deepEqual(validateLicensePolicy({ allow: 'MIT' }), ['licenses.allow: expected a list of SPDX licence ids']);
    assert.deepEqual(validateLicensePolicy({ deny: [3] }), ['licenses.deny: entry 3 is not a string']);
  });

  it('flags ids in both lists', () => {
    assert.deepEqual(validateLicensePolicy({ allow: ['GPL-2.0'], deny: ['GPL-2.0-only'] }), [
      'licenses: "GPL-2.0-only" is in both allow and deny (as "GPL-2.0"); remove it from one list',
    ]);
  });

  it('shortens very long entries', () => {
    const [problem] = validateLicensePolicy({ allow: ['x'.repeat(5000)] });
    assert.ok(problem !== undefined);
    assert.ok(problem.length < 200);
  });
});
