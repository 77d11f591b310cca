/**
 * Turns a Terraform root module, and the local modules it calls, into the
 * resources that iac rules judge. Addresses follow Terraform's own:
 * `aws_s3_bucket.logs`, `data.aws_iam_policy_document.read`,
 * `module.net.aws_vpc.main[0]`, `aws_iam_user.admins["ana"]`, and `[*]`
 * for a block whose `count` or `for_each` is unknown (see instances.ts).
 * Provider configurations are resources too, of type `provider.aws`.
 */
import { posix } from 'node:path';
import type { IacResource } from '../resource.js';
import type { TerraformBlock } from './hcl-parser.js';
import { buildBody } from './body.js';
import { evaluateNode, type ExpansionBudget, type Scope } from './evaluate.js';
import { instancesOf } from './instances.js';
import { ModuleInstance, EMPTY_SCOPE } from './module-instance.js';
import { ModuleLibrary, normaliseFolder, type ModuleFolder } from './module-loader.js';
import type { Value } from './values.js';

export interface TerraformResourceOptions {
  /** Reads a file of the scan for `file()`; the path is relative to the scan root. Without it `file()` stays unknown. */
  readFile?: (relativePath: string) => string | undefined;
  /** Maximum nesting of module calls below the root module; deeper calls are skipped with a warning. Default 16. */
  maxModuleDepth?: number;
  /** Receives syntax errors and files that could not be parsed; without it they are warnings. */
  onFileError?: (path: string, message: string) => void;
}

export interface TerraformResources {
  resources: IacResource[];
  warnings: string[];
}

/** Maximum resources produced for one root module; the rest are dropped with a warning. */
export const MAX_RESOURCES = 20_000;

const DEFAULT_MAX_MODULE_DEPTH = 16;

/** Module instances evaluated for one root module, over every level of nesting. */
const MAX_MODULE_INSTANCES = 2_000;

/** Blocks that `dynamic` may generate for one root module, over every level of nesting. */
const MAX_DYNAMIC_BLOCKS = 50_000;

/** Module block arguments that configure the call instead of setting a variable. */
const MODULE_META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

/**
 * Evaluates the root module in folder `root` (relative to the scan root,
 * `.` or `''` for the scan root itself). `files` are the scan's Terraform
 * files (`.tf`, `.tfvars`, `.tfvars.json`) of every folder, from which the
 * root module and the local modules it calls are read. Variable files
 * apply to the root module only, as `terraform plan` applies them.
 */
export async function terraformResources(
  root: string,
  files: ReadonlyArray<{ path: string; text: string }>,
  options: TerraformResourceOptions = {},
): Promise<TerraformResources> {
  const warnings = new Set<string>();
  const evaluation = new Evaluation(root, files, options, (message) => warnings.add(message));
  await evaluation.run();
  return { resources: evaluation.resources, warnings: [...warnings] };
}

interface ModuleCall {
  folder: ModuleFolder;
  inputs: ReadonlyMap<string, Value>;
  /** `""` for the root module, else `module.a.module.b[0].`. */
  prefix: string;
  /** Folders of the calling modules, the root first, to detect cycles. */
  chain: string[];
}

class Evaluation {
  readonly resources: IacResource[] = [];
  private readonly root: string;
  private readonly library: ModuleLibrary;
  private readonly maxDepth: number;
  private truncated = false;
  private moduleInstances = 0;
  private readonly budget: ExpansionBudget = { blocks: MAX_DYNAMIC_BLOCKS, exhausted: false };

  constructor(
    root: string,
    files: ReadonlyArray<{ path: string; text: string }>,
    private readonly options: TerraformResourceOptions,
    private readonly warn: (message: string) => void,
  ) {
    this.root = normaliseFolder(root);
    this.library = new ModuleLibrary(files, warn, options.onFileError);
    this.maxDepth = options.maxModuleDepth ?? DEFAULT_MAX_MODULE_DEPTH;
  }

  async run(): Promise<void> {
    const folder = await this.library.folder(this.root);
    if (folder === undefined) {
      this.warn(`${this.root}: no .tf files found for the root module`);
      return;
    }
    await this.evaluateModule({ folder, inputs: this.variableFileInputs(folder), prefix: '', chain: [this.root] });
  }

  /** Values from the root module's variable files; later files override earlier ones. */
  private variableFileInputs(folder: ModuleFolder): Map<string, Value> {
    const inputs = new Map<string, Value>();
    for (const file of folder.variableFiles) {
      for (const entry of file.attributes.entries) inputs.set(entry.key, evaluateNode(entry.value, EMPTY_SCOPE));
    }
    return inputs;
  }

  private async evaluateModule(call: ModuleCall): Promise<void> {
    const instance = new ModuleInstance(call.folder, {
      inputs: call.inputs,
      modulePath: relativeFolder(this.root, call.folder.folder),
      readFile: (path) => this.readScanFile(path),
      warn: this.warn,
      budget: this.budget,
    });
    for (const file of call.folder.files) {
      for (const block of file.blocks) {
        if (block.type === 'resource' || block.type === 'data') this.addResources(block, file.path, instance, call.prefix);
        if (block.type === 'provider') this.addProvider(block, file.path, instance, call.prefix);
        if (block.type === 'module') await this.callModule(block, file.path, instance, call);
      }
    }
  }

  private addResources(block: TerraformBlock, path: string, instance: ModuleInstance, prefix: string): void {
    const [type, name] = block.labels;
    if (type === undefined || name === undefined) return;
    const qualifiedType = block.type === 'data' ? `data.${type}` : type;
    const where = `${path}:${block.span.startLine}`;
    for (const { suffix, bindings } of instancesOf(block, instance.moduleScope, where, this.warn)) {
      if (this.resources.length >= MAX_RESOURCES) {
        if (!this.truncated) this.warn(`more than ${MAX_RESOURCES} resources in root module ${this.root}; the rest are not scanned`);
        this.truncated = true;
        return;
      }
      const scope: Scope = { module: instance, bindings };
      this.resources.push({
        format: 'terraform',
        type: qualifiedType,
        address: `${prefix}${qualifiedType}.${name}${suffix}`,
        path,
        scope: `${this.root}|${prefix}`,
        span: block.span,
        body: buildBody(block, scope, path, this.warn),
      });
    }
  }

  /**
   * A provider configuration becomes a resource of type `provider.<name>`
   * (`provider.aws`), addressed `provider.aws` or `provider.aws.<alias>`,
   * so rules can judge it like any block (static credentials, endpoints).
   */
  private addProvider(block: TerraformBlock, path: string, instance: ModuleInstance, prefix: string): void {
    const [name] = block.labels;
    if (name === undefined || this.resources.length >= MAX_RESOURCES) return;
    const scope: Scope = { module: instance, bindings: new Map() };
    const body = buildBody(block, scope, path, this.warn);
    const alias = body.entries.find((entry) => entry.key === 'alias')?.value;
    const suffix = alias?.kind === 'scalar' && typeof alias.value === 'string' ? `.${alias.value}` : '';
    this.resources.push({
      format: 'terraform',
      type: `provider.${name}`,
      address: `${prefix}provider.${name}${suffix}`,
      path,
      scope: `${this.root}|${prefix}`,
      span: block.span,
      body,
    });
  }

  private async callModule(block: TerraformBlock, path: string, caller: ModuleInstance, call: ModuleCall): Promise<void> {
    const name = block.labels[0];
    if (name === undefined) return;
    const where = `${path}:${block.span.startLine}`;
    const folder = await this.moduleFolder(block, name, where, call);
    if (folder === undefined) return;
    for (const { suffix, bindings } of instancesOf(block, caller.moduleScope, where, this.warn)) {
      // Module calls with count nest and multiply; stop at a total that no real configuration reaches.
      if (++this.moduleInstances > MAX_MODULE_INSTANCES || this.resources.length >= MAX_RESOURCES) {
        this.warn(`${where}: more than ${MAX_MODULE_INSTANCES} module instances or ${MAX_RESOURCES} resources in root module ${this.root}; the rest are not scanned`);
        return;
      }
      const scope: Scope = { module: caller, bindings };
      const inputs = new Map<string, Value>();
      for (const entry of block.attributes.entries) {
        if (!MODULE_META_ARGUMENTS.has(entry.key)) inputs.set(entry.key, evaluateNode(entry.value, scope));
      }
      const prefix = `${call.prefix}module.${name}${suffix}.`;
      await this.evaluateModule({ folder, inputs, prefix, chain: [...call.chain, folder.folder] });
    }
  }

  /** Finds the folder of a local module call, or warns why it is skipped. */
  private async moduleFolder(block: TerraformBlock, name: string, where: string, call: ModuleCall): Promise<ModuleFolder | undefined> {
    const sourceNode = block.attributes.entries.find((entry) => entry.key === 'source')?.value;
    const source = sourceNode?.kind === 'scalar' ? sourceNode.value : undefined;
    if (typeof source !== 'string') {
      this.warn(`${where}: module "${name}" has no literal "source"; its resources are not scanned`);
      return undefined;
    }
    if (!source.startsWith('./') && !source.startsWith('../')) {
      this.warn(`${where}: module "${name}" comes from "${source}", which is not a local path; its resources are not scanned`);
      return undefined;
    }
    const target = normaliseFolder(posix.join(call.folder.folder, source));
    if (call.chain.includes(target)) {
      this.warn(`${where}: module "${name}" calls ${target}, which is already being evaluated (a module cycle); the call is skipped`);
      return undefined;
    }
    if (call.chain.length > this.maxDepth) {
      this.warn(`${where}: module "${name}" is nested more than ${this.maxDepth} modules deep; its resources are not scanned`);
      return undefined;
    }
    const folder = target === '..' || target.startsWith('../') ? undefined : await this.library.folder(target);
    if (folder === undefined) this.warn(`${where}: module "${name}" source "${source}": no .tf files found in ${target}`);
    return folder;
  }

  /** Reads a file named relative to the root module, rejecting paths that leave the scan. */
  private readScanFile(path: string): string | undefined {
    const target = posix.normalize(posix.join(this.root, path));
    if (target === '..' || target.startsWith('../') || posix.isAbsolute(target)) return undefined;
    return this.options.readFile?.(target);
  }
}

/** `path.module`: the module folder relative to the root module folder. */
function relativeFolder(root: string, folder: string): string {
  const relative = posix.relative(root === '.' ? '' : root, folder === '.' ? '' : folder);
  return relative === '' ? '.' : relative;
}
