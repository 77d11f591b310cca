#!/usr/bin/env node
import { writeSync } from 'node:fs';
import { main } from '../dist/src/cli/main.js';

// A reader that closes the pipe early (`rampart scan | head -1`) is normal:
// further output is dropped and the exit code stays the one the scan decides.
// Any other write error (a full disk, a closed terminal) ends the run with
// exit code 2, because the report did not reach its reader.
const QUIET_ERRORS = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);
let exiting = false;

function onStreamError(error) {
  if (exiting || QUIET_ERRORS.has(error.code)) return;
  exiting = true;

  try {
    writeSync(2, `rampart: cannot write output: ${error.code ?? error.message}\n`);
  } catch {
    // stderr itself is broken, so the exit code is the only report left.
  }
  process.exit(2);
}

process.stdout.on('error', onStreamError);
process.stderr.on('error', onStreamError);

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
