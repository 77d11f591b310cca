import { jsonTopLevelKeys, yamlTopLevelKeys, type TopLevelKeys } from './top-level-keys.js';

/** The kind of an infrastructure file, as far as its name and top-level keys show. */
export type IacDocumentKind =
  | 'kubernetes'
  | 'kubernetes-list'
  | 'cloudformation'
  | 'arm'
  | 'compose'
  | 'helm-values'
  | 'helm-template'
  | 'terraform-plan'
  | 'terraform-state';

export interface DetectOptions {
  /**
   * Whether a folder above the file contains Chart.yaml. When it is not
   * given, a YAML file in a `templates/` folder with Go template actions
   * is taken for a Helm template anyway.
   */
  insideHelmChart?: boolean;
}

/**
 * Detects the kind of an infrastructure file from its path and a line or
 * token scan of its top-level keys, without building a tree. Returns
 * 'helm-template' for a YAML file in a `templates/` folder that contains a
 * Go template action (`{{`): such a file is not YAML and must be rendered
 * before it can be scanned. Returns undefined for anything else.
 */
export function detectKind(path: string, text: string, options: DetectOptions = {}): IacDocumentKind | undefined {
  const segments = path.split('/');
  const name = (segments[segments.length - 1] ?? '').toLowerCase();
  const yamlName = name.endsWith('.yaml') || name.endsWith('.yml');
  const inTemplates = options.insideHelmChart !== false && segments.slice(0, -1).includes('templates');
  if (inTemplates && (yamlName || name.endsWith('.tpl')) && hasGoTemplateAction(text)) return 'helm-template';
  if (yamlName && isComposeName(name)) return 'compose';
  if (yamlName && options.insideHelmChart === true && name.startsWith('values')) return 'helm-values';
  if (looksLikeJson(text)) return detectJsonKind(jsonTopLevelKeys(text), text);
  for (const keys of yamlTopLevelKeys(text)) {
    const kind = detectYamlKind(keys, text);
    if (kind !== undefined) return kind;
  }
  return undefined;
}

/**
 * Looks for a `{{` that opens a Go template action. CloudFormation dynamic
 * references (`{{resolve:ssm:name}}`) and GitHub Actions expressions
 * (`${{ github.sha }}`) also contain `{{` and do not count.
 */
function hasGoTemplateAction(text: string): boolean {
  for (let at = text.indexOf('{{'); at !== -1; at = text.indexOf('{{', at + 2)) {
    if (text.charAt(at - 1) !== '$' && !text.startsWith('resolve:', at + 2)) return true;
  }
  return false;
}

/** `docker-compose.yml`, `docker-compose.prod.yaml`, `compose.yaml`, `compose-dev.yml`. */
function isComposeName(name: string): boolean {
  if (name.startsWith('docker-compose')) return true;
  if (!name.startsWith('compose')) return false;
  const next = name.charAt('compose'.length);
  return next === '.' || next === '-' || next === '_';
}

/** Checks whether the first character after blanks, a byte order mark and JSONC comments opens an object or array. */
function looksLikeJson(text: string): boolean {
  let at = 0;
  while (at < text.length) {
    const char = text.charAt(at);
    if (char === '\uFEFF' || char === ' ' || char === '\t' || char === '\r' || char === '\n') {
      at++;
    } else if (text.startsWith('//', at)) {
      const end = text.indexOf('\n', at);
      at = end === -1 ? text.length : end + 1;
    } else if (text.startsWith('/*', at)) {
      const end = text.indexOf('*/', at + 2);
      at = end === -1 ? text.length : end + 2;
    } else {
      return char === '{' || char === '[';
    }
  }
  return false;
}

function detectJsonKind(keys: TopLevelKeys, text: string): IacDocumentKind | undefined {
  if (keys.has('format_version') && (keys.has('planned_values') || keys.has('resource_changes'))) {
    return 'terraform-plan';
  }
  if (keys.has('format_version') && keys.get('values') === '{' && text.includes('"root_module"')) {
    return 'terraform-state';
  }
  if (keys.has('version') && keys.get('resources') === '[' && text.includes('"instances"')) {
    return 'terraform-state';
  }
  if ((keys.get('$schema') ?? '').toLowerCase().includes('deploymenttemplate.json')) return 'arm';
  return detectCommonKind(keys, text);
}

function detectYamlKind(keys: TopLevelKeys, text: string): IacDocumentKind | undefined {
  const kind = detectCommonKind(keys, text);
  if (kind !== undefined) return kind;
  const services = keys.get('services');
  if (services === '' || services === '{') return 'compose';
  return undefined;
}

/** Kinds written the same way in YAML and JSON. */
function detectCommonKind(keys: TopLevelKeys, text: string): IacDocumentKind | undefined {
  if (keys.has('AWSTemplateFormatVersion')) return 'cloudformation';
  if (keys.has('Resources') && text.includes('AWS::')) return 'cloudformation';
  const kind = keys.get('kind');
  if (!keys.has('apiVersion') || kind === undefined || kind === '' || kind === '{' || kind === '[') return undefined;
  if (kind.endsWith('List') && keys.has('items')) return 'kubernetes-list';
  return 'kubernetes';
}
