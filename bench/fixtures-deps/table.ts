/** Output helpers shared by the dependency benchmarks. */
import { loadavg } from 'node:os';

/** Format rows as a Markdown table. Columns from index `leftColumns` on are right-aligned. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], leftColumns = 1): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const pad = (cell: string, column: number): string =>
    column < leftColumns ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0);
  const render = (cells: readonly string[]): string => `| ${cells.map(pad).join(' | ')} |`;
  const separator = widths.map((width, column) => (column < leftColumns ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`));
  return [render(header), `|${separator.join('|')}|`, ...rows.map(render)].join('\n');
}

export function formatMib(kib: number | undefined): string {
  return kib === undefined ? 'n/a' : `${(kib / 1024).toFixed(0)} MiB`;
}

/** Format the 1, 5 and 15 minute load averages, which show other work on the machine. */
export function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
}

/** Parse `--runs`: a whole number of 1 or more. */
export function parseRuns(value: string | undefined): number {
  const runs = Number(value);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs ${value}: expected a whole number of 1 or more`);
  return runs;
}
