/**
 * The variables and locals of one module instance. Variables take the value
 * passed in (module arguments, or variable files for the root module), then
 * their default; a variable with neither stays unknown. Locals are
 * evaluated on first use, with reference cycles and overly long chains
 * reported and left unknown.
 */
import type { TreeNode } from '../tree.js';
import { evaluateNode, type ExpansionBudget, type ModuleScope, type Scope } from './evaluate.js';
import type { ModuleFolder } from './module-loader.js';
import { unknown, type Value } from './values.js';

/** Maximum locals being evaluated at once (`a` uses `b` uses `c`...); longer chains stay unknown. */
const MAX_LOCAL_CHAIN = 100;

export interface ModuleInstanceOptions {
  /** Values passed to the module's variables, already evaluated in the caller. */
  inputs: ReadonlyMap<string, Value>;
  modulePath: string;
  readFile?: (path: string) => string | undefined;
  warn: (message: string) => void;
  budget?: ExpansionBudget;
}

export class ModuleInstance implements ModuleScope {
  readonly modulePath: string;
  readonly readFile: ((path: string) => string | undefined) | undefined;
  readonly budget: ExpansionBudget | undefined;
  private readonly defaults = new Map<string, TreeNode | undefined>();
  private readonly localNodes = new Map<string, { node: TreeNode; path: string }>();
  private readonly localValues = new Map<string, Value>();
  private readonly evaluating: string[] = [];
  private readonly scope: Scope = { module: this, bindings: new Map() };

  constructor(
    folder: ModuleFolder,
    private readonly options: ModuleInstanceOptions,
  ) {
    this.modulePath = options.modulePath;
    this.readFile = options.readFile;
    this.budget = options.budget;
    for (const file of folder.files) {
      for (const block of file.blocks) {
        const name = block.labels[0];
        if (block.type === 'variable' && name !== undefined) {
          this.defaults.set(name, block.attributes.entries.find((entry) => entry.key === 'default')?.value);
        }
        if (block.type === 'locals') {
          for (const entry of block.attributes.entries) this.addLocal(entry.key, entry.value, file.path);
        }
      }
    }
  }

  /** The scope of expressions outside any `count`, `for_each` or dynamic block. */
  get moduleScope(): Scope {
    return this.scope;
  }

  variable(name: string): Value | undefined {
    if (!this.defaults.has(name)) return undefined;
    const input = this.options.inputs.get(name);
    if (input !== undefined) return input;
    const fallback = this.defaults.get(name);
    // Defaults cannot refer to anything, so no scope is needed beyond an empty one.
    return fallback === undefined ? unknown(`var.${name}`) : evaluateNode(fallback, EMPTY_SCOPE);
  }

  local(name: string): Value | undefined {
    const cached = this.localValues.get(name);
    if (cached !== undefined) return cached;
    const declaration = this.localNodes.get(name);
    if (declaration === undefined) return undefined;
    if (this.evaluating.includes(name)) {
      const chain = [...this.evaluating.slice(this.evaluating.indexOf(name)), name].map((item) => `local.${item}`);
      this.options.warn(`${declaration.path}: ${chain.join(' -> ')} is a reference cycle; these locals are left unknown`);
      return unknown(`local.${name}`);
    }
    if (this.evaluating.length >= MAX_LOCAL_CHAIN) {
      this.options.warn(`${declaration.path}: local.${name} is reached through more than ${MAX_LOCAL_CHAIN} other locals; it is left unknown`);
      return unknown(`local.${name}`);
    }
    this.evaluating.push(name);
    try {
      const value = evaluateNode(declaration.node, this.scope);
      this.localValues.set(name, value);
      return value;
    } finally {
      this.evaluating.pop();
    }
  }

  private addLocal(name: string, node: TreeNode, path: string): void {
    const earlier = this.localNodes.get(name);
    if (earlier !== undefined) {
      this.options.warn(`${path}:${node.span.startLine}: local.${name} is already defined in ${earlier.path}; the first definition is used`);
      return;
    }
    this.localNodes.set(name, { node, path });
  }
}

const EMPTY_MODULE: ModuleScope = { variable: () => undefined, local: () => undefined, modulePath: '.' };

/** A scope in which every reference is unknown: for defaults and variable files, which may not refer to anything. */
export const EMPTY_SCOPE: Scope = { module: EMPTY_MODULE, bindings: new Map() };
