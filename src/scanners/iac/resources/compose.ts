/**
 * Turns a Compose file into resources: its services and its top-level
 * networks, volumes, secrets and configs.
 */
import { entryOf, type MapEntry, type ParsedDocument } from '../tree.js';
import { describeNode, emptyMap, entrySpan, warningAt, type ResourceExtraction } from './nodes.js';

/** Top-level sections and the resource type each entry gets. */
const SECTIONS: ReadonlyArray<readonly [string, string]> = [
  ['services', 'service'],
  ['networks', 'network'],
  ['volumes', 'volume'],
  ['secrets', 'secret'],
  ['configs', 'config'],
];

/**
 * Extracts one resource per entry of `services` (type `service`, address
 * `services.<name>`) and of the top-level `networks`, `volumes`, `secrets`
 * and `configs` (types `network`, `volume`, `secret`, `config`, addresses
 * `networks.<name>` and so on). The body is the entry's map, or an empty map
 * for an entry written without a value (`volumes: {data: }`). The span runs
 * from the entry's key to the end of its value. A service written without a
 * value is kept with an empty body, since Compose merges override files into
 * it. Sections or entries of the wrong shape are skipped with a warning.
 */
export function composeResources(doc: ParsedDocument): ResourceExtraction {
  const result: ResourceExtraction = { resources: [], warnings: [] };
  if (doc.root.kind !== 'map') {
    result.warnings.push(warningAt(doc.path, doc.root.span, `expected a Compose map, found ${describeNode(doc.root)}`));
    return result;
  }
  for (const [section, type] of SECTIONS) {
    const entry = entryOf(doc.root, section);
    if (entry !== undefined) addSection(doc, entry, type, result);
  }
  return result;
}

function addSection(doc: ParsedDocument, section: MapEntry, type: string, result: ResourceExtraction): void {
  const node = section.value;
  if (node.kind === 'scalar' && node.value === null) return;
  if (node.kind !== 'map') {
    result.warnings.push(warningAt(doc.path, node.span, `Compose ${section.key} must be a map, found ${describeNode(node)}`));
    return;
  }
  for (const entry of node.entries) {
    const value = entry.value;
    const empty = value.kind === 'scalar' && value.value === null;
    if (value.kind !== 'map' && !empty) {
      const message = `skipped ${section.key}.${entry.key}: expected a map, found ${describeNode(value)}`;
      result.warnings.push(warningAt(doc.path, entry.keySpan, message));
      continue;
    }
    result.resources.push({
      format: 'compose',
      type,
      address: `${section.key}.${entry.key}`,
      path: doc.path,
      span: entrySpan(entry),
      body: empty ? emptyMap(value.span) : value,
    });
  }
}
