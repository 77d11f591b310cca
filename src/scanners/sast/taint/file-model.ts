/**
 * The facts about one file that taint tracking uses, built once and shared
 * by every taint rule. They are each node's parent, the assignments, calls
 * and return statements, and the functions by name with their parameters.
 * For JavaScript and TypeScript they also list the calls into other
 * project files and the functions the file exports.
 */
import type { SastLanguage } from '../languages.js';
import type { SyntaxNode } from '../pattern/syntax-tree.js';
import { collectModuleLinks, requiredSpecifier, type ImportedName, type Reexport } from './modules.js';

export interface Shape {
  functions: ReadonlySet<string>;
  assignments: ReadonlySet<string>;
  identifiers: ReadonlySet<string>;
  calls: ReadonlySet<string>;
  /** Field names whose identifier is a name, not a variable read (`obj.prop`, `f(key=...)`). */
  nameFields: ReadonlySet<string>;
  nameTypes: ReadonlySet<string>;
  memberTypes: ReadonlySet<string>;
  /** Methods that store their arguments in their object (`list.push(x)`), so the object becomes tainted. */
  storingMethods: ReadonlySet<string>;
}

const JS_SHAPE: Shape = {
  functions: new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'function']),
  assignments: new Set(['variable_declarator', 'assignment_expression', 'augmented_assignment_expression']),
  identifiers: new Set(['identifier', 'shorthand_property_identifier', 'shorthand_property_identifier_pattern']),
  calls: new Set(['call_expression', 'new_expression']),
  nameFields: new Set(['property']),
  nameTypes: new Set(['property_identifier', 'statement_identifier']),
  memberTypes: new Set(['member_expression', 'subscript_expression']),
  storingMethods: new Set(['push', 'unshift', 'splice', 'set', 'add', 'append']),
};

const PYTHON_SHAPE: Shape = {
  functions: new Set(['function_definition', 'lambda']),
  assignments: new Set(['assignment', 'augmented_assignment']),
  identifiers: new Set(['identifier']),
  calls: new Set(['call']),
  nameFields: new Set(['attribute', 'name']),
  nameTypes: new Set([]),
  memberTypes: new Set(['attribute', 'subscript']),
  storingMethods: new Set(['append', 'extend', 'insert', 'add', 'update', 'setdefault', 'appendleft']),
};

/** A call to a function of another project file. */
export interface ImportedCall {
  node: SyntaxNode;
  /** The module as written in the import, and the name it exports (`default` for the module itself). */
  specifier: string;
  exportName: string;
  /** The callee as written, for path messages. */
  callee: string;
}

/** A function another file can call. */
export interface ExportedFunction {
  names: string[];
  node: SyntaxNode;
  /** Parameter names by position; an empty string where the parameter is a pattern. */
  parameters: string[];
  parameterNodes: SyntaxNode[];
}

export interface FileModel {
  language: SastLanguage;
  root: SyntaxNode;
  text: string;
  shape: Shape;
  parents: Map<SyntaxNode, SyntaxNode>;
  assignments: SyntaxNode[];
  calls: SyntaxNode[];
  returnStatements: SyntaxNode[];
  /** Functions by name, including `const f = () => ...`. */
  functions: Map<string, SyntaxNode>;
  /** The distinct functions of `functions` and `exported`; a function's position is its id in parameter labels. */
  localFunctions: SyntaxNode[];
  localFunctionIds: Map<SyntaxNode, number>;
  /** Calls by name of each local function. */
  callSites: Map<SyntaxNode, SyntaxNode[]>;
  /** The local function each such call calls. */
  localCallee: Map<SyntaxNode, SyntaxNode>;
  /** Arrow functions whose body is an expression: the body is the returned value. */
  expressionBodies: Map<SyntaxNode, SyntaxNode>;
  importedCalls: ImportedCall[];
  importedCallIndex: Map<SyntaxNode, number>;
  exported: ExportedFunction[];
  /** Position in `exported` of each exported function node. */
  exportedIds: Map<SyntaxNode, number>;
  /** Names the file exports from other modules. */
  reexports: Reexport[];
  scopeCache: Map<SyntaxNode, SyntaxNode>;
}

function field(node: SyntaxNode, name: string): SyntaxNode | undefined {
  return node.children.find((child) => child.field === name);
}

/** Builds the taint model of one parsed file. */
export function buildFileModel(language: SastLanguage, root: SyntaxNode, text: string): FileModel {
  const shape = language === 'python' ? PYTHON_SHAPE : JS_SHAPE;
  const model: FileModel = {
    language,
    root,
    text,
    shape,
    parents: new Map(),
    assignments: [],
    calls: [],
    returnStatements: [],
    functions: new Map(),
    localFunctions: [],
    localFunctionIds: new Map(),
    callSites: new Map(),
    localCallee: new Map(),
    expressionBodies: new Map(),
    importedCalls: [],
    importedCallIndex: new Map(),
    exported: [],
    exportedIds: new Map(),
    reexports: [],
    scopeCache: new Map(),
  };
  const source = (node: SyntaxNode): string => text.slice(node.start, node.end);
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as SyntaxNode;
    if (shape.assignments.has(node.type)) {
      model.assignments.push(node);
      const name = field(node, 'name') ?? field(node, 'left');
      const value = field(node, 'value') ?? field(node, 'right');
      if (name?.type === 'identifier' && value !== undefined && shape.functions.has(value.type) && !model.functions.has(source(name))) {
        model.functions.set(source(name), value);
      }
    }
    if (shape.calls.has(node.type)) model.calls.push(node);
    if (node.type === 'return_statement') model.returnStatements.push(node);
    if (shape.functions.has(node.type)) {
      const name = field(node, 'name');
      if (name !== undefined && !model.functions.has(source(name))) model.functions.set(source(name), node);
      const body = field(node, 'body');
      if (body !== undefined && body.type !== 'statement_block' && body.type !== 'block') model.expressionBodies.set(node, body);
    }
    for (const child of node.children) {
      model.parents.set(child, node);
      stack.push(child);
    }
  }
  if (language !== 'python') linkModules(model);
  linkLocalCalls(model);
  return model;
}

function linkLocalCalls(model: FileModel): void {
  // Exported functions without a local name (`exports.find = function (id) {...}`) get labels too.
  for (const fn of new Set([...model.functions.values(), ...model.exported.map((exported) => exported.node)])) {
    model.localFunctionIds.set(fn, model.localFunctions.length);
    model.localFunctions.push(fn);
  }
  for (const call of model.calls) {
    if (model.importedCallIndex.has(call)) continue;
    const callee = field(call, 'function');
    if (callee === undefined || !model.shape.identifiers.has(callee.type)) continue;
    const fn = model.functions.get(model.text.slice(callee.start, callee.end));
    if (fn === undefined) continue;
    model.localCallee.set(call, fn);
    const sites = model.callSites.get(fn) ?? [];
    sites.push(call);
    model.callSites.set(fn, sites);
  }
}

function isThisMember(node: SyntaxNode | undefined): boolean {
  return node?.type === 'member_expression' && field(node, 'object')?.type === 'this';
}

/**
 * Records class fields whose type is an imported class: TypeScript
 * parameter properties (`constructor(private readonly repo: UserRepo)`)
 * and field initialisers (`private repo = new UserRepo()`), keyed as
 * `this.repo`. Field names are taken file-wide, not per class.
 */
function collectFieldTypes(model: FileModel, imports: ReadonlyMap<string, ImportedName>, into: Map<string, string>): void {
  const source = (node: SyntaxNode): string => model.text.slice(node.start, node.end);
  const stack: SyntaxNode[] = [model.root];
  while (stack.length > 0) {
    const node = stack.pop() as SyntaxNode;
    for (const child of node.children) stack.push(child);
    if (node.type === 'required_parameter' || node.type === 'optional_parameter') {
      const isProperty = node.children.some((child) => child.type === 'accessibility_modifier' || child.type === 'readonly');
      const name = field(node, 'pattern');
      const type = field(node, 'type')?.children.find((child) => child.type === 'type_identifier');
      if (isProperty && name?.type === 'identifier' && type !== undefined && imports.has(source(type))) into.set(`this.${source(name)}`, source(type));
    } else if (node.type === 'public_field_definition' || node.type === 'field_definition') {
      const name = field(node, 'name') ?? field(node, 'property');
      const value = field(node, 'value');
      const constructor = value?.type === 'new_expression' ? field(value, 'constructor') : undefined;
      if (name !== undefined && constructor?.type === 'identifier' && imports.has(source(constructor))) into.set(`this.${source(name)}`, source(constructor));
    }
  }
}

function linkModules(model: FileModel): void {
  const links = collectModuleLinks(model.root, model.text, model.functions);
  model.reexports = links.reexports;
  const source = (node: SyntaxNode): string => model.text.slice(node.start, node.end);
  {
    // `const dao = new AllocationsDAO(db)`: calls on `dao` go to the imported class's methods.
    const instances = new Map<string, string>();
    for (const assignment of model.assignments) {
      const name = field(assignment, 'name') ?? field(assignment, 'left');
      const value = field(assignment, 'value') ?? field(assignment, 'right');
      const constructor = value?.type === 'new_expression' ? field(value, 'constructor') : undefined;
      const imported = constructor?.type === 'identifier' ? links.imports.get(source(constructor)) : undefined;
      if (name?.type === 'identifier' && imported !== undefined) instances.set(source(name), source(constructor as SyntaxNode));
      // `this.dao = new Dao(db)`: calls on `this.dao` go to Dao's methods.
      const object = name?.type === 'member_expression' ? field(name, 'object') : undefined;
      const property = name?.type === 'member_expression' ? field(name, 'property') : undefined;
      if (object?.type === 'this' && property !== undefined && imported !== undefined) instances.set(`this.${source(property)}`, source(constructor as SyntaxNode));
    }
    collectFieldTypes(model, links.imports, instances);
    for (const call of model.calls) {
      const callee = field(call, 'function') ?? field(call, 'constructor');
      if (callee === undefined) continue;
      let target: { imported: ImportedName; exportName: string } | undefined;
      if (callee.type === 'identifier') {
        const imported = shadowed(model, call, source(callee)) ? undefined : links.imports.get(source(callee));
        if (imported !== undefined) target = { imported, exportName: imported.name === '*' ? 'default' : imported.name };
      } else if (callee.type === 'member_expression') {
        const object = field(callee, 'object');
        const property = field(callee, 'property');
        const imported = object?.type === 'identifier' ? links.imports.get(source(object)) : undefined;
        const instanceOf = object?.type === 'identifier' || isThisMember(object) ? instances.get(source(object as SyntaxNode)) : undefined;
        const classImport = instanceOf === undefined ? undefined : links.imports.get(instanceOf);
        const required = object === undefined ? undefined : requiredSpecifier(object, model.text);
        if (imported !== undefined && property !== undefined && (imported.name === '*' || imported.name === 'default')) {
          target = { imported, exportName: source(property) };
        } else if (required !== undefined && property !== undefined) {
          // `require('./h').run(x)` written inline.
          target = { imported: { specifier: required, name: '*' }, exportName: source(property) };
        } else if (classImport !== undefined && property !== undefined) {
          const className = classImport.name === '*' ? 'default' : classImport.name;
          target = { imported: classImport, exportName: `${className}.${source(property)}` };
        }
      }
      if (target === undefined) continue;
      model.importedCallIndex.set(call, model.importedCalls.length);
      model.importedCalls.push({ node: call, specifier: target.imported.specifier, exportName: target.exportName, callee: source(callee) });
    }
  }
  for (const [name, node] of links.exports) {
    const id = model.exportedIds.get(node);
    let entry = id === undefined ? undefined : model.exported[id];
    if (entry === undefined) {
      const parameterNodes = parameterList(node, model.shape);
      entry = { names: [], node, parameterNodes, parameters: parameterNodes.map((parameter) => parameterName(parameter, model)) };
      model.exportedIds.set(node, model.exported.length);
      model.exported.push(entry);
    }
    entry.names.push(name);
  }
}

/** Decides whether `name` at `node` is a parameter of an enclosing function, which hides an import of that name. */
function shadowed(model: FileModel, node: SyntaxNode, name: string): boolean {
  for (let scope = scopeOf(model, node); scope !== model.root; scope = scopeOf(model, scope)) {
    if (parameterList(scope, model.shape).some((parameter) => parameterName(parameter, model) === name)) return true;
  }
  return false;
}

/** The parameter nodes of a function, in order. */
export function parameterList(fn: SyntaxNode, shape: Shape): SyntaxNode[] {
  const list = field(fn, 'parameters') ?? field(fn, 'parameter');
  if (list === undefined) return [];
  if (shape.identifiers.has(list.type)) return [list];
  return list.children.filter((child) => child.type !== 'comment');
}

/** Returns the name a parameter binds (`a`, `a = 1`, `a: string`), or an empty string for a destructuring pattern. */
export function parameterName(parameter: SyntaxNode, model: Pick<FileModel, 'text' | 'shape'>): string {
  if (model.shape.identifiers.has(parameter.type)) return model.text.slice(parameter.start, parameter.end);
  const inner = parameter.children.find((child) => model.shape.identifiers.has(child.type) && (child.field === undefined || child.field === 'name' || child.field === 'pattern' || child.field === 'left'));
  return inner === undefined ? '' : model.text.slice(inner.start, inner.end);
}

/** The innermost function around `node`, or the file's root. */
export function scopeOf(model: FileModel, node: SyntaxNode): SyntaxNode {
  const cached = model.scopeCache.get(node);
  if (cached !== undefined) return cached;
  let current = model.parents.get(node);
  while (current !== undefined && !model.shape.functions.has(current.type)) current = model.parents.get(current);
  const scope = current ?? model.root;
  model.scopeCache.set(node, scope);
  return scope;
}
