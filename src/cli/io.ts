/** The streams and environment a command runs with; injected so tests can capture output. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Whether colour is wanted on `stream`: a terminal, and neither NO_COLOR nor --no-color. */
export function useColor(io: CliIo, stream: 'stdout' | 'stderr', flag: boolean): boolean {
  if (!flag || io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return Boolean(io[stream].isTTY);
}
