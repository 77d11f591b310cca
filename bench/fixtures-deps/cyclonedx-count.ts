/** Counting the packages of a CycloneDX JSON BOM, so that two tools' BOMs of one project can be compared. */
import { readFileSync } from 'node:fs';

/** The property that marks npm development dependencies. Both tools write it. */
const DEVELOPMENT_PROPERTY = 'cdx:npm:package:development';

interface Component {
  type?: string;
  purl?: string;
  properties?: { name: string; value?: string }[];
  components?: Component[];
}

interface Bom {
  components?: Component[];
  dependencies?: { ref: string; dependsOn?: string[] }[];
}

export interface BomCounts {
  /** Library components, nested ones included. */
  libraries: number;
  /** Distinct purls without qualifiers and subpath. */
  purls: Set<string>;
  /** Library components with the npm taxonomy property `cdx:npm:package:development` set to true. */
  development: number;
  /** dependsOn links in the dependency graph. */
  edges: number;
}

/** Strip `?qualifiers` and `#subpath` from a purl, because tools fill them in differently. */
function barePurl(purl: string): string {
  const cut = purl.search(/[?#]/);
  return cut === -1 ? purl : purl.slice(0, cut);
}

/** Count the library components of the BOM in `file`, walking nested components without recursion. */
export function countBom(file: string): BomCounts {
  const bom = JSON.parse(readFileSync(file, 'utf8')) as Bom;
  const counts: BomCounts = { libraries: 0, purls: new Set(), development: 0, edges: 0 };
  const stack = [...(bom.components ?? [])];
  for (let component = stack.pop(); component !== undefined; component = stack.pop()) {
    stack.push(...(component.components ?? []));
    if (component.type !== 'library') continue;
    counts.libraries++;
    if (component.properties?.some((p) => p.name === DEVELOPMENT_PROPERTY && p.value === 'true')) counts.development++;
    if (component.purl) counts.purls.add(barePurl(component.purl));
  }
  counts.edges = (bom.dependencies ?? []).reduce((sum, entry) => sum + (entry.dependsOn?.length ?? 0), 0);
  return counts;
}

/** List the purls of `a` that `b` lacks, sorted. */
export function missingFrom(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((purl) => !b.has(purl)).sort();
}
