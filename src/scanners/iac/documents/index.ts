export { detectKind, type DetectOptions, type IacDocumentKind } from './detect.js';
export { loadJsonDocument } from './json.js';
export { MAX_ALIAS_NODES, MAX_NESTING_DEPTH } from './limits.js';
export { loadYamlDocuments } from './yaml.js';
