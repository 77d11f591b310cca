/**
 * Prints the Markdown reference of the built-in secret rules, which is
 * committed as docs/rules/secrets.md.
 *
 * Run: npx tsc -p . && node dist/scripts/gen-secret-rules-doc.js > docs/rules/secrets.md
 */
import { SECRET_FAMILIES } from '../src/scanners/secrets/rule-types.js';
import { loadSecretRules, type CompiledSecretRule } from '../src/scanners/secrets/rules.js';

/** Escape text for a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

function familyTable(rules: CompiledSecretRule[]): string[] {
  const lines = ['| id | title | family | severity |', '| --- | --- | --- | --- |'];
  for (const rule of rules) {
    lines.push(`| \`${rule.fullId}\` | ${cell(rule.title)} | ${rule.family} | ${rule.severity} |`);
  }
  return lines;
}

/** Build the whole document from the loaded rules. */
function renderSecretRulesDoc(rules: CompiledSecretRule[]): string {
  const lines = [
    '# Secret detection rules',
    '',
    'Generated from `rules/secrets/*.yaml` by `scripts/gen-secret-rules-doc.ts`;',
    'edit the YAML files and rerun the script instead of editing this page.',
    'Each rule\'s YAML entry also has its description, remediation, references and examples.',
    '',
    `${rules.length} rules:`,
    '',
    '| family | rules |',
    '| --- | --- |',
  ];
  for (const family of SECRET_FAMILIES) {
    lines.push(`| ${family} | ${rules.filter((rule) => rule.family === family).length} |`);
  }

  for (const family of SECRET_FAMILIES) {
    const members = rules.filter((rule) => rule.family === family);
    lines.push('', `## ${family}`, '', ...familyTable(members));
  }
  return `${lines.join('\n')}\n`;
}

process.stdout.write(renderSecretRulesDoc(loadSecretRules()));
