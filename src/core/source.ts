/**
 * A unit of text handed to per-file scanners: a whole file from the work
 * tree, or the lines that a commit or the git index added to a file.
 */
export interface SourceText {
  /** Relative to the scan target, `/`-separated. */
  path: string;
  text: string;
  /**
   * For partial texts (added lines of a diff): the line number in the real
   * file of each line of `text`, 1-based. Absent for whole files.
   */
  lineMap?: number[];
  /** Present when the text comes from a commit. */
  commit?: import('./finding.js').CommitInfo;
}

/** Map a 1-based line of `source.text` to the line in the real file. */
export function realLine(source: SourceText, line: number): number {
  if (!source.lineMap) return line;
  return source.lineMap[line - 1] ?? line;
}
