/**
 * Build step: validate the built-in secret and iac rules and write each set
 * as one JSON bundle (dist/rules/secrets.json, dist/rules/iac.json), so that a scan loads them without
 * parsing YAML. The loader ignores a bundle whose digest no longer matches.
 */
import { iacBundlePath, writeIacRuleBundle } from '../src/scanners/iac/rules/load.js';
import { ruleBundlePath, writeRuleBundle } from '../src/scanners/secrets/rules.js';

const count = writeRuleBundle();
console.log(`bundled ${count} secret rules into ${ruleBundlePath()}`);
const iacCount = writeIacRuleBundle();
console.log(`bundled ${iacCount} iac rules into ${iacBundlePath()}`);
