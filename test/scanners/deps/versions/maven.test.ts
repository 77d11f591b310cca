import { describe, it } from 'node:test';
import { assertAscending, assertEqualPairs, assertInvalid, assertPairs } from './order-cases.js';

describe('Maven versions', () => {
  it('orders qualifiers around the release', () => {
    assertAscending('Maven', [
      'NotAVersionString',
      '1.0a1-SNAPSHOT',
      '1.0-alpha1',
      '1.0beta1-SNAPSHOT',
      '1.0-b2',
      '1.0-beta3.SNAPSHOT',
      '1.0-beta3',
      '1.0-milestone1-SNAPSHOT',
      '1.0-m2',
      '1.0-rc1-SNAPSHOT',
      '1.0-cr1',
      '1.0-SNAPSHOT',
      '1.0',
      '1.0-sp',
      '1.0-a',
      '1.0-whatever',
      '1.0.z',
      '1.0.1',
      '1.0.1.0.0.0.0.0.0.0.0.0.0.0.1',
    ]);
  });

  it('matches the POM reference examples', () => {
    assertPairs('Maven', [
      ['1', '<', '1.1'],
      ['1-snapshot', '<', '1'],
      ['1', '<', '1-sp'],
      ['1-foo2', '<', '1-foo10'],
      ['1-foo', '<', '1-1'],
      ['1-1', '<', '1.1'],
      ['1-sp', '>', '1-ga'],
      ['1-sp.1', '>', '1-ga.1'],
      ['1-sp-1', '<', '1-ga-1'],
      ['1.7', '>', '1.K'],
      ['5.zebra', '>', '5.aardvark'],
      ['1.α', '>', '1.b'],
      ['1.0.RC2', '<', '1.0-RC3'],
      ['1.0-RC3', '<', '1.0.1'],
    ]);
    assertEqualPairs('Maven', [
      ['1.foo', '1-foo'],
      ['1.ga', '1'],
      ['1-ga', '1'],
      ['1-0', '1'],
      ['1_0', '1'],
      ['1.0', '1'],
      ['1.', '1'],
      ['1.0.0-foo.0.0', '1-foo'],
      ['1.0.0-0.0.0', '1'],
      ['1-a1', '1-alpha-1'],
      ['1.0-alpha1', '1.0-ALPHA1'],
    ]);
  });

  it('orders real Maven Central releases', () => {
    assertPairs('Maven', [
      ['1.0-SNAPSHOT', '<', '1.0'],
      ['1.0-RC1', '<', '1.0'],
      ['1.0-sp1', '>', '1.0'],
      ['2.0-beta9', '<', '2.0-rc1'],
      ['2.0-rc1', '<', '2.0'],
      ['2.14.1', '<', '2.15.0'],
      ['2.12.7', '<', '2.12.7.1'],
      ['2.13.0-rc1', '<', '2.13.0'],
      ['5.3.9', '<', '5.3.18'],
      ['30.1-jre', '<', '31.0.1-jre'],
      ['31.1-android', '<', '31.1-jre'],
      ['30.1', '<', '30.1-jre'],
      ['1.0.0.Alpha1', '<', '1.0.0.Beta1'],
      ['1.0.0.Beta1', '<', '1.0.0.CR1'],
      ['1.0.0.CR1', '<', '1.0.0.Final'],
      ['9.4.43.v20210629', '<', '9.4.44.v20210927'],
    ]);
    assertEqualPairs('Maven', [
      ['1.0', '1.0.0'],
      ['1.0.0', '1-ga'],
      ['5.4.0.Final', '5.4.0'],
      ['5.0.0.RELEASE', '5.0.0'],
      ['2.0-CR1', '2.0-rc1'],
      ['1.0.00', '1'],
    ]);
  });

  it('orders numbers beyond 64 bits', () => {
    assertAscending('Maven', ['1.99999999999999999998', '1.99999999999999999999', '1.100000000000000000000']);
  });

  it('rejects empty and spaced strings', () => {
    assertInvalid('Maven', ['', '   ', '1.0 beta', '1.0\n2']);
  });
});
