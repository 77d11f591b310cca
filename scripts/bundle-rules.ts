/**
 * Build step: validate the built-in secret, iac and sast rules and write each set
 * as one JSON bundle (dist/rules/secrets.json, iac.json, sast.json), so that a scan loads them without
 * parsing YAML. The loader ignores a bundle whose digest no longer matches.
 */
import { iacBundlePath, writeIacRuleBundle } from '../src/scanners/iac/rules/load.js';
import { sastBundlePath, writeSastRuleBundle } from '../src/scanners/sast/rules/builtin.js';
import { ruleBundlePath, writeRuleBundle } from '../src/scanners/secrets/rules.js';

const count = writeRuleBundle();
console.log(`bundled ${count} secret rules into ${ruleBundlePath()}`);
const iacCount = writeIacRuleBundle();
console.log(`bundled ${iacCount} iac rules into ${iacBundlePath()}`);
const sastCount = writeSastRuleBundle();
console.log(`bundled ${sastCount} sast rules into ${sastBundlePath()}`);
