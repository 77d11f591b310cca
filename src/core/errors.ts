/**
 * Errors that map to exit codes. Only the CLI entry point turns them into
 * a code; library code throws and never exits.
 */

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
export const EXIT_SCANNER_FAILED = 3;

/** Bad command line, configuration or input: one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}
