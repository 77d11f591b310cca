/** The `secrets` scanner: leaked credentials in files, staged changes and history. */
import { isRuleEnabled } from '../../core/config.js';
import type { RampartConfig } from '../../core/config-types.js';
import type { Scanner } from '../../core/scanner.js';
import { detectSecrets } from './detector.js';
import { loadSecretRules, type CompiledSecretRule } from './rules.js';

/**
 * Lockfiles and checksum lists are full of random-looking hashes, so the
 * generic rules skip them; provider rules still run, because credentials
 * do leak into lockfiles through registry URLs.
 */
const HASH_LIST_FILE =
  /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lock|go\.sum|Cargo\.lock|poetry\.lock|Pipfile\.lock|uv\.lock|composer\.lock|Gemfile\.lock|packages\.lock\.json|gradle\.lockfile|pubspec\.lock|[^/]*SHA\d*SUMS[^/]*|[^/]*\.(?:sha1|sha256|sha512|md5)|checksums?\.txt)$/i;

export function createSecretsScanner(config: RampartConfig): Scanner {
  const allRules = loadSecretRules(config.secrets.customRules);
  const rules = allRules.filter((rule) => isRuleEnabled(config, rule.fullId));
  const rulesForHashLists: CompiledSecretRule[] = rules.filter((rule) => rule.family !== 'generic');
  const allowValues = config.secrets.allowValues.map((source) => new RegExp(source));

  return {
    id: 'secrets',
    claims: () => true,
    ruleIds: () => allRules.map((rule) => rule.fullId),
    scanText(source, options) {
      const active = HASH_LIST_FILE.test(source.path) ? rulesForHashLists : rules;
      return detectSecrets(source, active, { showSecrets: options.showSecrets, allowValues });
    },
  };
}
