/**
 * Files of the small package archives that the supply-chain benchmark
 * publishes: ordinary library code and, for packages with a `postinstall`
 * hook, an install script of the kind native-module packages ship (it
 * checks the platform and looks for a prebuilt file). Nothing here reaches
 * the network or runs a shell, so the content rules stay quiet and the scan
 * spends its time on reading, not on findings.
 */
import { packTarball, type PackageManifest } from '../../test/helpers/verdaccio.js';

/** The `postinstall` command every hooked package declares. */
export const POSTINSTALL_COMMAND = 'node scripts/postinstall.js';

function libraryModule(name: string, index: number): string {
  const lines = [
    `'use strict';`,
    `// Helpers of ${name}, part ${index}.`,
    `const path = require('node:path');`,
    '',
  ];
  for (let fn = 0; fn < 24; fn++) {
    lines.push(
      `function normalise${fn}(value, options = {}) {`,
      `  if (value === undefined || value === null) return options.fallback ?? '';`,
      `  const text = String(value).trim();`,
      `  return options.lowerCase ? text.toLowerCase() : path.normalize(text);`,
      '}',
      '',
    );
  }
  lines.push(`module.exports = { ${Array.from({ length: 24 }, (_, fn) => `normalise${fn}`).join(', ')} };`, '');
  return lines.join('\n');
}

function installScript(name: string): string {
  return [
    `'use strict';`,
    `// Checks for a prebuilt binding of ${name} and explains how to build one when it is missing.`,
    `const fs = require('node:fs');`,
    `const path = require('node:path');`,
    '',
    `const target = path.join(__dirname, '..', 'prebuilds', process.platform + '-' + process.arch, 'binding.node');`,
    'if (fs.existsSync(target)) {',
    `  console.log('${name}: using the prebuilt binding for ' + process.platform + '-' + process.arch);`,
    '} else {',
    `  console.log('${name}: no prebuilt binding for this platform; the pure JavaScript fallback is used');`,
    '}',
    '',
  ].join('\n');
}

function readme(name: string): string {
  const paragraph =
    `${name} normalises values for configuration loaders. It has no runtime dependencies ` +
    'beyond Node.js itself and works in every maintained release line.\n\n';
  return `# ${name}\n\n${paragraph.repeat(12)}## Licence\n\nMIT\n`;
}

/** Build the gzipped archive of one version, laid out as `npm pack` writes it. */
export function packageArchive(manifest: PackageManifest, hooked: boolean): Promise<Buffer> {
  const files: Record<string, string> = {
    'README.md': readme(manifest.name),
    'index.js': `'use strict';\nmodule.exports = { ...require('./lib/one.js'), ...require('./lib/two.js') };\n`,
    'lib/one.js': libraryModule(manifest.name, 1),
    'lib/two.js': libraryModule(manifest.name, 2),
  };
  if (hooked) files['scripts/postinstall.js'] = installScript(manifest.name);
  return packTarball(manifest, files);
}
