/**
 * The command-line entry: parses arguments with commander, runs a command
 * and maps errors to exit codes. Only bin/rampart.js sets the process's
 * exit code; nothing here exits.
 */
import { Command, CommanderError, Option } from 'commander';
import { EXIT_SCANNER_FAILED, EXIT_USAGE, UsageError } from '../core/errors.js';
import { packageVersion } from '../core/package-root.js';
import { REPORT_FORMATS } from '../report/index.js';
import { runBaselineCreate } from './baseline.js';
import { registerDbCommand } from './db.js';
import type { CliIo } from './io.js';
import { runScanCommand } from './scan.js';


const EXIT_CODES_HELP = `
Exit codes:
  0  no finding at or above the fail-on level
  1  findings at or above the fail-on level
  2  usage, configuration, input or output error
  3  a scanner failed, so the result is incomplete (see --continue-on-error)`;

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function addScanOptions(command: Command): Command {
  return command
    .argument('[path]', 'directory to scan', undefined)
    .option('--config <file>', 'configuration file (default: rampart.yaml in the target)')
    .option('--fail-on <severity>', 'fail (exit 1) on findings at or above this severity, or none')
    .option('--severity <severity>', 'show findings at or above this severity in table, Markdown and JUnit output')
    .option(
      '--exclude <pattern>',
      'gitignore-style pattern to skip, relative to the scan root ' +
        '(a leading / anchors it there); repeatable',
      collect,
    )
    .option('--include-vendored', 'also scan node_modules/, vendor/ and similar folders')
    .option('--max-file-size <size>', 'skip files larger than this, e.g. 10MB')
    .option('--scanners <list>', 'comma-separated scanners to run, e.g. secrets')
    .option('--workers <count>', 'worker threads; 0 scans in the main thread (default: by scan size)')
    .option('--continue-on-error', 'report a scanner failure as a warning instead of exit code 3')
    .option('--db <file>', 'advisory database (default: osv.sqlite in the user cache directory)')
    .option('--offline', 'never download advisories; use the local database as it is')
    .option('--online', 'query the OSV API instead of the local database')
    .option('--npm-registry <url>', 'npm registry for supply-chain checks (default: from .npmrc or npm_config_registry)')
    .option('--pypi-index <url>', 'Python package index for supply-chain checks (default: from pip.conf or PIP_INDEX_URL)')
    .option('--no-progress', 'no progress line on stderr')
    .option('--quiet', 'print nothing on a clean table run and no progress');
}

function buildProgram(io: CliIo, setExit: (code: number) => void, argv: readonly string[]): Command {
  const program = new Command('rampart')
    .description('Security scanning inside the development flow: secrets, dependencies and SBOMs, supply-chain checks and infrastructure as code, with more stages to come')
    .version(packageVersion(), '-V, --version')
    .option('--debug', 'print stack traces of errors')
    .option('--no-color', 'no colour in terminal output')
    .addHelpText('after', EXIT_CODES_HELP)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`rampart: ${text}`),
    });

  const scan = addScanOptions(program.command('scan'))
    .description('scan a directory, the staged changes (--staged) or the git history (--history)')
    .addOption(new Option('--format <format>', 'output format on stdout').choices([...REPORT_FORMATS]).default('table'))
    .option('--output <[format=]file>', 'also write a report file; repeatable', collect)
    .option('--baseline <file>', 'report and gate only findings missing from this baseline')
    .option('--staged', 'scan only lines added in the git index (for a pre-commit hook)')
    .option('--history', 'scan every commit reachable from HEAD')
    .option('--since <revision>', 'with --history: only commits after this revision')
    .option('--show-secrets', 'print secrets in clear text, for local triage only (not with SARIF)')
    .option('--sbom <file>', 'scan the packages of a CycloneDX or SPDX JSON SBOM instead of a directory')
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (path: string | undefined, flags) => {
      setExit(await runScanCommand(path, { ...flags, color: program.opts().color }, io));
    });
  void scan;

  const baseline = program.command('baseline').description('manage the baseline of accepted findings');
  addScanOptions(baseline.command('create'))
    .description('scan PATH and record every unsuppressed finding in .rampart-baseline.json')
    .option('--file <file>', 'baseline file to write (default: PATH/.rampart-baseline.json)')
    .action(async (path: string | undefined, flags) => {
      setExit(await runBaselineCreate(path, flags, io));
    });

  registerDbCommand(program, io, setExit);

  program
    .command('sbom')
    .description('write a software bill of materials (CycloneDX 1.6 or SPDX 2.3 JSON) of every lockfile in PATH')
    .argument('[path]', 'directory to read', undefined)
    .addOption(new Option('--format <format>', 'SBOM format').choices(['cyclonedx', 'spdx']).default('cyclonedx'))
    .option('--output <file>', 'write the SBOM to this file instead of stdout')
    .option('--config <file>', 'configuration file (default: rampart.yaml in the target)')
    .option('--exclude <pattern>', 'gitignore-style pattern to skip; repeatable', collect)
    .action(async (path: string | undefined, flags) => {
      // Loaded on use: the CycloneDX library and the parsers cost start-up time.
      const { runSbomCommand } = await import('./sbom.js');
      setExit(await runSbomCommand(path, flags, io));
    });

  program
    .command('rules')
    .description('list the rules of the iac, sast, secrets and supply-chain scanners, or explain one')
    .argument('[rule]', 'a rule id (iac/aws-s3-public-acl or aws-s3-public-acl), another tool\'s id (CKV_AWS_20), or a pattern with *')
    .option('--scanner <id>', 'only the rules of this scanner: iac, sast, secrets or supply-chain')
    .option('--provider <name>', 'only the rules of this provider or family, such as aws, kubernetes or cloud')
    .option('--severity <severity>', 'only rules at or above this severity')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
    .option('--config <file>', 'configuration file whose custom rules and rule settings apply (default: rampart.yaml in the current directory)')
    .action(async (rule: string | undefined, flags) => {
      const { runRulesCommand } = await import('./rules.js');
      setExit(runRulesCommand(rule, flags, io));
    });

  registerGuardCommand(program, io, setExit, argv);
  return program;
}

const GUARD_HELP = `
Examples:
  rampart guard left-pad express@4.21.2
  rampart guard --ecosystem pypi requests==2.32.3
  rampart guard -- npm install lodash
  rampart guard -- pip install -r requirements.txt

Exit codes:
  0  nothing blocked (with --, the install command's own exit code)
  1  a package is blocked (with --, the install did not run)
  2  usage or configuration error`;

function registerGuardCommand(program: Command, io: CliIo, setExit: (code: number) => void, argv: readonly string[]): void {
  program
    .command('guard')
    .description('vet packages before installing them: block malicious, invented and look-alike names')
    .argument('[packages...]', 'NAME or NAME@VERSION (npm), NAME or NAME==VERSION (pypi); or -- followed by an install command')
    .addOption(new Option('--ecosystem <name>', 'registry of the named packages').choices(['npm', 'pypi']))
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--config <file>', 'configuration file (default: rampart.yaml in the current directory)')
    .option('--db <file>', 'advisory database with malware records (default: osv.sqlite in the user cache directory)')
    .option('--offline', 'ask no registry; use cached answers, and report what could not be checked as unknown')
    .option('--npm-registry <url>', 'npm registry to ask (default: from .npmrc or npm_config_registry)')
    .option('--pypi-index <url>', 'Python package index to ask (default: from pip.conf or PIP_INDEX_URL)')
    .addOption(new Option('--unknown <verdict>', 'what to do when the registry cannot be asked').choices(['warn', 'block']))
    .option('--no-content', 'do not download and inspect package archives')
    .option('--no-deps', 'judge only the named packages, not the npm dependencies they bring in')
    .addHelpText('after', GUARD_HELP)
    .action(async (packages: string[], flags) => {
      const guardAt = argv.indexOf('guard');
      const dash = argv.indexOf('--', guardAt);
      const command = dash >= 0 ? argv.slice(dash + 1) : undefined;
      const named = command ? packages.slice(0, packages.length - command.length) : packages;
      if (command && named.length > 0) {
        throw new UsageError('give either package names or an install command after --, not both');
      }
      const { runGuardCommand } = await import('./guard.js');
      setExit(await runGuardCommand(named, command, { ...flags, color: program.opts().color }, io));
    });
}

function printError(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof UsageError) {
    io.stderr.write(`rampart: ${error.message}\n`);
    if (debug && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`rampart: internal error: ${message}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  else io.stderr.write('rampart: run again with --debug for the stack trace\n');
  return EXIT_SCANNER_FAILED;
}

/** Run the CLI with `argv` (without node and script) and return the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(
    io,
    (code) => {
      exitCode = code;
    },
    argv,
  );
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with exit code 0. Help printed because a
      // command is missing, and every parse error, end with a non-zero one.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    return printError(error, io, debug);
  }
}
