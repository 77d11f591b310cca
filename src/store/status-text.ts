/** Plain-text rendering of the advisory database status for `rampart db status`. */
import type { DbStatus } from './db-status.js';

const NUMBER = new Intl.NumberFormat('en-US');

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** Format an age in seconds as everyday words: "just now", "3 days ago". */
export function describeAge(seconds: number): string {
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${plural(Math.floor(seconds / 60), 'minute')} ago`;
  if (seconds < 86_400) return `${plural(Math.floor(seconds / 3600), 'hour')} ago`;
  return `${plural(Math.floor(seconds / 86_400), 'day')} ago`;
}

/** Format a byte count in KiB, MiB or GiB with one decimal. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => (column === 1 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

/** Render `status` as the lines printed by `rampart db status`. */
export function renderStatus(status: DbStatus): string {
  const lines = [
    `Advisory database: ${status.path}`,
    `Size: ${formatBytes(status.sizeBytes)}, schema version ${status.schemaVersion}`,
    `Records: ${NUMBER.format(status.totalRecords)} (${NUMBER.format(status.withdrawnRecords)} withdrawn)`,
    '',
  ];
  if (status.sources.length === 0) {
    lines.push('No sources yet: run "rampart db update" or "rampart db import PATH".');
  } else {
    const rows = status.sources.map((source) => [
      source.name,
      NUMBER.format(source.recordCount),
      `updated ${describeAge(source.ageSeconds)} (${source.updatedAt})`,
    ]);
    lines.push(...table([['Source', 'Records', 'Updated'], ...rows]));
  }

  const ecosystems = Object.entries(status.ecosystems).filter(([, count]) => count > 0);
  if (ecosystems.length > 0) {
    lines.push('');
    lines.push(...table([['Ecosystem', 'Records'], ...ecosystems.map(([name, count]) => [name, NUMBER.format(count)])]));
  }
  return `${lines.join('\n')}\n`;
}
