/** Result rows of the throughput benchmark, their ratios, and the printed table. */

export const MIB = 1024 * 1024;

export interface ResultRow {
  tool: string;
  /** Files the tool read, as the tool itself counts them. */
  files: number;
  /** Bytes the tool scanned, as the tool itself counts them. */
  bytes: number;
  /** Median wall time of the timed runs. */
  seconds: number;
  /** Peak RSS in KiB over the timed runs. */
  maxRssKiB?: number;
  note?: string;
}

export function throughput(row: ResultRow): number {
  return row.bytes / MIB / row.seconds;
}

export interface Ratios {
  /** Rampart's MiB/s divided by secretlint's; the target is at least 50. */
  rampartOverSecretlintThroughput?: number;
  /** Rampart's wall time divided by rg's with the rule patterns; the target is at most 3. */
  rampartOverRipgrepTime?: number;
  /** The same against rg with the patterns in ASCII mode. */
  rampartOverRipgrepAsciiTime?: number;
  /** The same against rg with only the keywords, the cheapest search with the rules' words. */
  rampartOverRipgrepKeywordsTime?: number;
}

export interface CompareRows {
  rampart: ResultRow;
  secretlint?: ResultRow;
  ripgrep?: ResultRow;
  ripgrepAscii?: ResultRow;
  ripgrepKeywords?: ResultRow;
}

export function computeRatios(rows: CompareRows): Ratios {
  const { rampart } = rows;
  const ratios: Ratios = {};
  if (rows.secretlint) {
    ratios.rampartOverSecretlintThroughput = throughput(rampart) / throughput(rows.secretlint);
  }
  if (rows.ripgrep) ratios.rampartOverRipgrepTime = rampart.seconds / rows.ripgrep.seconds;
  if (rows.ripgrepAscii) {
    ratios.rampartOverRipgrepAsciiTime = rampart.seconds / rows.ripgrepAscii.seconds;
  }
  if (rows.ripgrepKeywords) {
    ratios.rampartOverRipgrepKeywordsTime = rampart.seconds / rows.ripgrepKeywords.seconds;
  }
  return ratios;
}

/** Describe `row` on one line, for progress output while the benchmark runs. */
export function describeRow(row: ResultRow): string {
  const seconds = row.seconds.toFixed(2);
  const size = `${row.files} files, ${(row.bytes / MIB).toFixed(1)} MiB`;
  const rate = `${throughput(row).toFixed(1)} MiB/s`;
  return `${row.tool}: ${seconds} s, ${rate} (${size}), peak RSS ${formatRss(row.maxRssKiB)}`;
}

function formatRss(kib: number | undefined): string {
  return kib === undefined ? 'n/a' : `${(kib / 1024).toFixed(0)} MiB`;
}

function padCell(cell: string, column: number, width: number): string {
  return column === 0 ? cell.padEnd(width) : cell.padStart(width);
}

/** Format `rows` as a Markdown table with right-aligned numbers (readable in a terminal too). */
export function formatTable(rows: readonly ResultRow[]): string {
  const header = ['tool', 'files', 'MiB', 'seconds', 'MiB/s', 'peak RSS'];
  const lines = rows.map((row) => [
    row.tool,
    String(row.files),
    (row.bytes / MIB).toFixed(1),
    row.seconds.toFixed(2),
    throughput(row).toFixed(1),
    formatRss(row.maxRssKiB),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column]?.length ?? 0)),
  );

  const render = (cells: string[]): string =>
    `| ${cells.map((cell, column) => padCell(cell, column, widths[column] ?? 0)).join(' | ')} |`;
  const separator = widths.map((width, column) =>
    column === 0 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`,
  );
  return [render(header), `|${separator.join('|')}|`, ...lines.map(render)].join('\n');
}

function verdict(met: boolean): string {
  return met ? 'meets' : 'misses';
}

/** Describe each ratio, and the targets where there is one, one line each. */
export function formatRatios(ratios: Ratios): string[] {
  const lines: string[] = [];
  const secretlint = ratios.rampartOverSecretlintThroughput;
  if (secretlint !== undefined) {
    lines.push(
      `Rampart / secretlint throughput: ${secretlint.toFixed(1)}x ` +
        `(${verdict(secretlint >= 50)} the target of at least 50x)`,
    );
  }
  const ripgrep = ratios.rampartOverRipgrepTime;
  if (ripgrep !== undefined) {
    lines.push(
      `Rampart time / rg time, rule patterns: ${ripgrep.toFixed(2)}x ` +
        `(${verdict(ripgrep <= 3)} the target of at most 3x)`,
    );
  }
  const ascii = ratios.rampartOverRipgrepAsciiTime;
  if (ascii !== undefined) {
    lines.push(`Rampart time / rg time, patterns (?-u): ${ascii.toFixed(2)}x`);
  }
  const keywords = ratios.rampartOverRipgrepKeywordsTime;
  if (keywords !== undefined) {
    lines.push(`Rampart time / rg time, keywords only: ${keywords.toFixed(2)}x`);
  }
  return lines;
}
