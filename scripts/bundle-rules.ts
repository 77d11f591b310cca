/**
 * Build step: validate the built-in secret rules and write them as one JSON
 * bundle (dist/rules/secrets.json), so that a scan loads them without
 * parsing YAML. The loader ignores a bundle whose digest no longer matches.
 */
import { ruleBundlePath, writeRuleBundle } from '../src/scanners/secrets/rules.js';

const count = writeRuleBundle();
console.log(`bundled ${count} secret rules into ${ruleBundlePath()}`);
