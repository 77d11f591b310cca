/**
 * Reads every infrastructure file of a scan into resources: Terraform root
 * modules (with the local modules they call), plan and state files mapped
 * back to the .tf blocks, Kubernetes, Compose, CloudFormation and ARM
 * documents, and Dockerfile stages. Files that cannot be read become
 * errors and the scan goes on; Helm templates are noted, not parsed.
 */
import { posix } from 'node:path';
import type { FileError } from '../../core/report-types.js';
import { parseDockerfile } from './dockerfile/index.js';
import { detectKind, loadJsonDocument, loadYamlDocuments, type IacDocumentKind } from './documents/index.js';
import type { IacResource } from './resource.js';
import { dockerfileResources } from './resources/dockerfile.js';
import { resourcesOfDocument, terraformPlanResources, withoutInstanceKeys } from './resources/index.js';
import { resolveCrossReferences } from './terraform/cross-references.js';
import { terraformResources } from './terraform/resources.js';
import { IacParseError, type ParsedDocument, type TreeNode } from './tree.js';

export interface IacFileSet {
  files: readonly string[];
  readText(path: string): Promise<string>;
}

export interface IacCollection {
  resources: IacResource[];
  /** Source texts by path, for snippets and suppression comments. */
  texts: Map<string, string>;
  errors: FileError[];
  warnings: string[];
}

/** Tells whether the iac scanner wants a file, by its name alone. */
export function isIacCandidate(path: string): boolean {
  const name = (path.slice(path.lastIndexOf('/') + 1)).toLowerCase();
  if (name.endsWith('.tf') || name.endsWith('.tfvars') || name.endsWith('.tfvars.json')) return true;
  if (isDockerfileName(name)) return true;
  return name.endsWith('.yaml') || name.endsWith('.yml') || name.endsWith('.json') || name.endsWith('.template');
}

/** `Dockerfile`, `Dockerfile.prod`, `prod.Dockerfile`, `Containerfile`, `app.dockerfile`. */
export function isDockerfileName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower === 'dockerfile' ||
    lower === 'containerfile' ||
    lower.startsWith('dockerfile.') ||
    lower.startsWith('containerfile.') ||
    lower.endsWith('.dockerfile') ||
    lower.endsWith('.containerfile')
  );
}

function isTerraformName(name: string): boolean {
  return name.endsWith('.tf') || name.endsWith('.tfvars') || name.endsWith('.tfvars.json');
}

/**
 * Largest Terraform file parsed. Hand-written configuration is a few
 * kilobytes; the WebAssembly parser aborts on tens of megabytes, which
 * would lose every other file of the scan.
 */
const MAX_TERRAFORM_FILE_CHARS = 4 * 1024 * 1024;

/** Local module sources (`source = "./net"`) called from a folder. */
const MODULE_SOURCE = /^\s*source\s*=\s*"(\.{1,2}\/[^"\n]*)"/gm;

function calledFolders(path: string, text: string): string[] {
  const folder = posix.dirname(path);
  const called: string[] = [];
  for (const match of text.matchAll(MODULE_SOURCE)) {
    called.push(posix.normalize(posix.join(folder, match[1] as string)).replace(/\/$/, ''));
  }
  return called;
}

function errorOf(path: string, error: unknown): FileError {
  if (error instanceof IacParseError) {
    const prefix = `${error.path}${error.line === undefined ? '' : `:${error.line}`}: `;
    const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    return { path, message: error.line === undefined ? message : `line ${error.line}: ${message}` };
  }
  return { path, message: error instanceof Error ? error.message : String(error) };
}

export async function collectIacResources(input: IacFileSet): Promise<IacCollection> {
  const collection: IacCollection = { resources: [], texts: new Map(), errors: [], warnings: [] };
  const terraformFiles: Array<{ path: string; text: string }> = [];
  const plans: Array<{ doc: ParsedDocument; kind: 'terraform-plan' | 'terraform-state' }> = [];
  const chartRoots = new Set<string>();
  const files = [...input.files].sort();
  for (const path of files) {
    const name = posix.basename(path).toLowerCase();
    if (name === 'chart.yaml') chartRoots.add(posix.dirname(path));
  }
  const helmTemplates = new Map<string, number>();
  const terraformJson: string[] = [];
  const unloadedVariableFiles: string[] = [];

  for (const path of files) {
    const name = posix.basename(path).toLowerCase();
    let text: string;
    try {
      text = await input.readText(path);
    } catch (error) {
      collection.errors.push({ path, message: `cannot read file: ${(error as Error).message}` });
      continue;
    }
    if (name.endsWith('.tf.json')) {
      terraformJson.push(path);
      continue;
    }
    if (isTerraformName(name)) {
      if (text.length > MAX_TERRAFORM_FILE_CHARS) {
        collection.errors.push({ path, message: `over ${MAX_TERRAFORM_FILE_CHARS / 1024 / 1024} MB; Terraform files this large are not parsed` });
        continue;
      }
      if (!name.endsWith('.tf') && !isAutoLoaded(name)) unloadedVariableFiles.push(path);
      terraformFiles.push({ path, text });
      collection.texts.set(path, text);
      continue;
    }
    if (isDockerfileName(name)) {
      collection.texts.set(path, text);
      const file = parseDockerfile(path, text);
      for (const resource of dockerfileResources(file)) collection.resources.push(resource);
      continue;
    }
    const chart = chartOf(path, chartRoots);
    let kind: IacDocumentKind | undefined;
    try {
      kind = detectKind(path, text, { insideHelmChart: chart !== undefined });
    } catch (error) {
      collection.errors.push(errorOf(path, error));
      continue;
    }
    if (kind === undefined || kind === 'helm-values') continue;
    if (kind === 'helm-template') {
      const key = chart ?? posix.dirname(posix.dirname(path));
      helmTemplates.set(key, (helmTemplates.get(key) ?? 0) + 1);
      continue;
    }
    collection.texts.set(path, text);
    let documents: ParsedDocument[];
    try {
      documents = name.endsWith('.json') ? [loadJsonDocument(path, text)] : loadYamlDocuments(path, text);
    } catch (error) {
      collection.errors.push(errorOf(path, error));
      continue;
    }
    for (const doc of documents) {
      if (kind === 'terraform-plan' || kind === 'terraform-state') {
        plans.push({ doc, kind });
        continue;
      }
      const extraction = resourcesOfDocument(doc, kind);
      const origins = kind === 'kubernetes' || kind === 'kubernetes-list' ? helmSources(text) : [];
      for (const resource of extraction.resources) {
        const origin = originAt(origins, resource.span.startLine);
        collection.resources.push(origin === undefined ? resource : { ...resource, origin });
      }
      for (const warning of extraction.warnings) collection.warnings.push(warning);
    }
  }

  collection.resources = withoutOwnedObjects(collection.resources);
  const sourceResources = await terraformRoots(terraformFiles, collection);
  // A plan's resolved values are more exact than the .tf source they came from. Where a plan resource
  // maps to a .tf block, the block is judged through the plan only, so nothing is reported twice.
  const planned = new Set<string>();
  for (const { doc, kind } of plans) {
    const extraction = terraformPlanResources(doc, kind, sourceResources);
    for (const resource of extraction.resources) {
      if (resource.path !== doc.path) planned.add(`${resource.path}\0${withoutInstanceKeys(resource.address)}`);
    }
    for (const resource of extraction.resources) collection.resources.push(resource);
    for (const warning of extraction.warnings) collection.warnings.push(warning);
  }
  if (planned.size > 0) {
    collection.resources = collection.resources.filter(
      (resource) => resource.format !== 'terraform' || !planned.has(`${resource.path}\0${withoutInstanceKeys(resource.address)}`),
    );
  }
  if (terraformJson.length > 0) {
    collection.warnings.push(`${listOf(terraformJson)}: Terraform JSON syntax (.tf.json) is not read; these files were not scanned`);
  }
  if (unloadedVariableFiles.length > 0) {
    collection.warnings.push(
      `${listOf(unloadedVariableFiles)}: Terraform reads these variable files only when -var-file names them, so Rampart does not either; ` +
        'to judge those values, scan a plan made with them (terraform show -json)',
    );
  }
  for (const [chart, count] of helmTemplates) {
    collection.warnings.push(
      `${chart === '.' ? 'the Helm chart at the scan root' : `Helm chart ${chart}`}: ${count} template${count === 1 ? '' : 's'} not scanned; ` +
        'render the chart (helm template NAME CHART > rendered.yaml) and scan the output',
    );
  }
  return collection;
}

function field(node: TreeNode | undefined, key: string): TreeNode | undefined {
  return node?.kind === 'map' ? node.entries.find((entry) => entry.key === key)?.value : undefined;
}

function text(node: TreeNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

function objectKey(kind: string, namespace: string, name: string): string {
  return `${kind}\0${namespace}\0${name}`;
}

/**
 * Drops Kubernetes objects that a controller in the same scan owns, such as
 * the Pods and ReplicaSets of an exported Deployment: their pod spec is the
 * owner's, so judging both would report each problem two or three times.
 */
function withoutOwnedObjects(resources: IacResource[]): IacResource[] {
  const present = new Set<string>();
  for (const resource of resources) {
    if (resource.format !== 'kubernetes') continue;
    const metadata = field(resource.body, 'metadata');
    present.add(objectKey(resource.type, text(field(metadata, 'namespace')) ?? 'default', text(field(metadata, 'name')) ?? ''));
  }
  return resources.filter((resource) => {
    if (resource.format !== 'kubernetes') return true;
    const metadata = field(resource.body, 'metadata');
    const owners = field(metadata, 'ownerReferences');
    if (owners?.kind !== 'list') return true;
    const namespace = text(field(metadata, 'namespace')) ?? 'default';
    return !owners.items.some((owner) => {
      const controller = field(owner, 'controller');
      if (controller?.kind !== 'scalar' || controller.value !== true) return false;
      return present.has(objectKey(text(field(owner, 'kind')) ?? '', namespace, text(field(owner, 'name')) ?? ''));
    });
  });
}

/** Lists the `# Source: chart/templates/x.yaml` comments of `helm template` output, with their lines. */
function helmSources(text: string): Array<{ line: number; source: string }> {
  if (!text.includes('# Source: ')) return [];
  const sources: Array<{ line: number; source: string }> = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.startsWith('# Source: ')) sources.push({ line: index + 1, source: line.slice('# Source: '.length).trim() });
  });
  return sources;
}

/** Returns the template of the last `# Source:` comment above `line`. Helm writes one above every document. */
function originAt(sources: Array<{ line: number; source: string }>, line: number): string | undefined {
  let found: { line: number; source: string } | undefined;
  for (const source of sources) {
    if (source.line < line) found = source;
    else break;
  }
  return found?.source;
}

/** `terraform.tfvars`, `terraform.tfvars.json` and `*.auto.tfvars(.json)`: the variable files Terraform loads by itself. */
function isAutoLoaded(name: string): boolean {
  return name === 'terraform.tfvars' || name === 'terraform.tfvars.json' || name.endsWith('.auto.tfvars') || name.endsWith('.auto.tfvars.json');
}

/** Up to three paths, then how many more. */
function listOf(paths: string[]): string {
  const shown = paths.slice(0, 3).join(', ');
  return paths.length > 3 ? `${shown} and ${paths.length - 3} more` : shown;
}

function chartOf(path: string, chartRoots: ReadonlySet<string>): string | undefined {
  let folder = posix.dirname(path);
  for (;;) {
    if (chartRoots.has(folder)) return folder;
    if (folder === '.' || folder === '/' || folder === '') return undefined;
    folder = posix.dirname(folder);
  }
}

/**
 * Evaluates each folder of .tf files as a root module, except folders that
 * another folder of the scan calls as a local module: those are evaluated
 * through their callers, with the inputs the callers pass.
 */
async function terraformRoots(files: Array<{ path: string; text: string }>, collection: IacCollection): Promise<IacResource[]> {
  if (files.length === 0) return [];
  const folders = new Set<string>();
  const called = new Set<string>();
  for (const file of files) {
    if (!file.path.endsWith('.tf')) continue;
    const folder = posix.dirname(file.path);
    folders.add(folder);
    for (const target of calledFolders(file.path, file.text)) if (target !== folder) called.add(target);
  }
  const texts = new Map(files.map((file) => [file.path, file.text]));
  const resources: IacResource[] = [];
  // A module folder that two roots call is parsed for each; report its errors once.
  const reported = new Set<string>();
  const roots = [...folders].filter((folder) => !called.has(folder)).sort();
  // A cycle of folders calling each other has no root: evaluate them all.
  const chosen = roots.length > 0 ? roots : [...folders].sort();
  for (const root of chosen) {
    try {
      const result = await terraformResources(root, files, {
        readFile: (path) => texts.get(path),
        onFileError: (path, message) => {
          const key = `${path}\0${message}`;
          if (reported.has(key)) return;
          reported.add(key);
          collection.errors.push({ path, message });
        },
      });
      for (const resource of result.resources) resources.push(resource);
      for (const warning of result.warnings) collection.warnings.push(warning);
    } catch (error) {
      collection.errors.push(errorOf(root, error));
    }
  }
  const resolved = resolveCrossReferences(resources);
  for (const resource of resolved) collection.resources.push(resource);
  return resolved;
}
