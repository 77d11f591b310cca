/**
 * The links between a JavaScript or TypeScript file and the other files of
 * the project: which local names it imports from a relative module, and
 * which of its functions it exports. Cross-file taint follows calls along
 * these links. Packages (`express`, `node:fs`) are not project files and
 * are left to the rules' patterns.
 */
import { posix } from 'node:path';
import type { SyntaxNode } from '../pattern/syntax-tree.js';

/** A name the file imports: the module as written and the exported name, `*` for the whole module. */
export interface ImportedName {
  specifier: string;
  name: string;
}

/** A name the file exports from another module: `export { run } from './h'`, or `*` for all of them. */
export interface Reexport {
  name: string;
  specifier: string;
  importedName: string;
}

export interface ModuleLinks {
  /** Local name to what it imports. */
  imports: Map<string, ImportedName>;
  /** Exported name (`default` for a default export) to the local function it exports. */
  exports: Map<string, SyntaxNode>;
  reexports: Reexport[];
}

const FUNCTION_TYPES = new Set(['function_declaration', 'function_expression', 'arrow_function', 'generator_function_declaration', 'function']);
const CLASS_TYPES = new Set(['class_declaration', 'class', 'abstract_class_declaration']);

/**
 * Lists the methods of a class (`find(id) { ... }`) or of a constructor
 * function (`this.find = (id) => { ... }`), by name.
 */
function members(target: SyntaxNode, text: string): Array<[string, SyntaxNode]> {
  const found: Array<[string, SyntaxNode]> = [];
  if (CLASS_TYPES.has(target.type)) {
    const body = field(target, 'body');
    for (const member of body?.children ?? []) {
      const name = field(member, 'name');
      if (member.type === 'method_definition' && name !== undefined) found.push([text.slice(name.start, name.end), member]);
    }
    return found;
  }
  const body = field(target, 'body');
  const stack: SyntaxNode[] = body === undefined ? [] : [body];
  while (stack.length > 0) {
    const node = stack.pop() as SyntaxNode;
    if (node.type === 'assignment_expression') {
      const left = field(node, 'left');
      const right = field(node, 'right');
      const object = left?.type === 'member_expression' ? field(left, 'object') : undefined;
      const property = left?.type === 'member_expression' ? field(left, 'property') : undefined;
      if (object?.type === 'this' && property !== undefined && right !== undefined && FUNCTION_TYPES.has(right.type)) {
        found.push([text.slice(property.start, property.end), right]);
      }
    }
    // Nested functions have their own `this`.
    for (const child of node.children) if (!FUNCTION_TYPES.has(child.type) || child.type === 'arrow_function') stack.push(child);
  }
  return found;
}

function field(node: SyntaxNode, name: string): SyntaxNode | undefined {
  return node.children.find((child) => child.field === name);
}

function stringValue(node: SyntaxNode | undefined, text: string): string | undefined {
  if (node === undefined || node.type !== 'string') return undefined;
  const raw = text.slice(node.start, node.end);
  return raw.length >= 2 ? raw.slice(1, -1) : undefined;
}

function isRelative(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}

/** Returns the module of `require('./m')` when `node` is such a call with a relative path. */
export function requiredSpecifier(node: SyntaxNode, text: string): string | undefined {
  if (node.type !== 'call_expression') return undefined;
  const callee = field(node, 'function');
  const args = field(node, 'arguments');
  if (callee === undefined || text.slice(callee.start, callee.end) !== 'require' || args?.children.length !== 1) return undefined;
  const specifier = stringValue(args.children[0], text);
  return specifier !== undefined && isRelative(specifier) ? specifier : undefined;
}

/** `module.exports` or `exports`, possibly followed by `.name`: the exported name, `default` for the module itself. */
function commonJsExport(node: SyntaxNode, text: string): string | undefined {
  const source = text.slice(node.start, node.end);
  if (source === 'module.exports' || source === 'exports') return 'default';
  if (node.type !== 'member_expression') return undefined;
  const object = field(node, 'object');
  const property = field(node, 'property');
  if (object === undefined || property === undefined) return undefined;
  const base = text.slice(object.start, object.end);
  return base === 'module.exports' || base === 'exports' ? text.slice(property.start, property.end) : undefined;
}

/**
 * Collects the file's imports from relative modules and its exported
 * functions. `functions` maps the file's function names (declarations and
 * `const f = () => ...`) to their nodes, so `export { f }` and
 * `module.exports = { f }` find them.
 */
export function collectModuleLinks(root: SyntaxNode, text: string, functions: ReadonlyMap<string, SyntaxNode>): ModuleLinks {
  const imports = new Map<string, ImportedName>();
  const exports = new Map<string, SyntaxNode>();
  const reexports: Reexport[] = [];
  const source = (node: SyntaxNode): string => text.slice(node.start, node.end);
  const classes = new Map<string, SyntaxNode>();
  const exportValue = (name: string, value: SyntaxNode | undefined): void => {
    if (value === undefined) return;
    let target: SyntaxNode | undefined;
    if (FUNCTION_TYPES.has(value.type) || CLASS_TYPES.has(value.type)) target = value;
    else if (value.type === 'identifier') {
      target = functions.get(source(value)) ?? classes.get(source(value));
      // `import { run } from './h'` followed by `export { run }`.
      const imported = target === undefined ? imports.get(source(value)) : undefined;
      if (imported !== undefined) reexports.push({ name, specifier: imported.specifier, importedName: imported.name === '*' ? 'default' : imported.name });
    } else {
      // `module.exports = require('./h')` and `exports.run = require('./h').run`.
      const whole = requiredSpecifier(value, text);
      const object = value.type === 'member_expression' ? field(value, 'object') : undefined;
      const property = value.type === 'member_expression' ? field(value, 'property') : undefined;
      const member = object === undefined ? undefined : requiredSpecifier(object, text);
      if (whole !== undefined) reexports.push({ name: name === 'default' ? '*' : name, specifier: whole, importedName: name === 'default' ? '*' : 'default' });
      if (member !== undefined && property !== undefined) reexports.push({ name, specifier: member, importedName: source(property) });
    }
    if (target === undefined) return;
    if (!CLASS_TYPES.has(target.type)) exports.set(name, target);
    // Methods are exported as `Name.method`, for calls on an instance (`new Name(db).method(x)`).
    for (const [method, node] of members(target, text)) exports.set(`${name}.${method}`, node);
  };
  const exportObject = (object: SyntaxNode): void => {
    for (const entry of object.children) {
      if (entry.type === 'shorthand_property_identifier') exportValue(source(entry), { ...entry, type: 'identifier' });
      if (entry.type === 'pair') {
        const key = field(entry, 'key');
        if (key !== undefined) exportValue(source(key).replace(/^['"]|['"]$/g, ''), field(entry, 'value'));
      }
      if (entry.type === 'method_definition') {
        const name = field(entry, 'name');
        if (name !== undefined) exports.set(source(name), entry);
      }
    }
  };

  // Imports first, so that exporting an imported name is recognised as a re-export.
  const nodes: SyntaxNode[] = [];
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as SyntaxNode;
    for (const child of node.children) stack.push(child);
    nodes.push(node);
  }
  for (const node of nodes) {
    collectImport(node, text, imports);
    const className = CLASS_TYPES.has(node.type) ? field(node, 'name') : undefined;
    if (className !== undefined && !classes.has(source(className))) classes.set(source(className), node);
  }
  for (const node of nodes) {
    if (node.type === 'export_statement') {
      const declaration = field(node, 'declaration');
      const value = field(node, 'value');
      const isDefault = node.children.some((child) => child.type === 'default');
      if (declaration !== undefined && (FUNCTION_TYPES.has(declaration.type) || CLASS_TYPES.has(declaration.type))) {
        const name = field(declaration, 'name');
        if (name !== undefined) exportValue(source(name), declaration);
        if (isDefault) exportValue('default', declaration);
      } else if (declaration !== undefined && (declaration.type === 'lexical_declaration' || declaration.type === 'variable_declaration')) {
        for (const declarator of declaration.children) {
          const name = declarator.type === 'variable_declarator' ? field(declarator, 'name') : undefined;
          if (name?.type === 'identifier') exportValue(source(name), field(declarator, 'value'));
        }
      } else if (isDefault && value !== undefined) {
        exportValue('default', value);
      }
      const clause = node.children.find((child) => child.type === 'export_clause');
      const from = stringValue(field(node, 'source'), text);
      if (from !== undefined && isRelative(from)) {
        // `export { run as go } from './h'` and `export * from './h'`.
        for (const specifierNode of clause?.children ?? []) {
          const name = field(specifierNode, 'name');
          const alias = field(specifierNode, 'alias') ?? name;
          if (name !== undefined && alias !== undefined) reexports.push({ name: source(alias), specifier: from, importedName: source(name) });
        }
        if (clause === undefined && node.children.some((child) => child.type === '*')) reexports.push({ name: '*', specifier: from, importedName: '*' });
        continue;
      }
      if (isDefault && value?.type === 'object') exportObject(value);
      for (const specifierNode of clause?.children ?? []) {
        const name = field(specifierNode, 'name');
        const alias = field(specifierNode, 'alias') ?? name;
        if (name !== undefined && alias !== undefined) exportValue(source(alias), { ...name, type: 'identifier' });
      }
    } else if (node.type === 'assignment_expression') {
      const left = field(node, 'left');
      const right = field(node, 'right');
      if (left === undefined || right === undefined) continue;
      const name = commonJsExport(left, text);
      if (name === undefined) continue;
      if (name === 'default' && right.type === 'object') exportObject(right);
      else exportValue(name, right);
    }
  }
  return { imports, exports, reexports };
}

/** Records what `node` imports from a relative module, if it is an import or a `require` declaration. */
function collectImport(node: SyntaxNode, text: string, imports: Map<string, ImportedName>): void {
  if (node.type === 'import_statement') collectEsImport(node, text, imports);
  else if (node.type === 'variable_declarator') collectRequire(node, text, imports);
}

/** Records the names an `import` statement binds from a relative module. */
function collectEsImport(node: SyntaxNode, text: string, imports: Map<string, ImportedName>): void {
  const source = (part: SyntaxNode): string => text.slice(part.start, part.end);
  const clause = node.children.find((child) => child.type === 'import_clause' || child.type === 'import_require_clause');
  if (clause === undefined) return;
  // TypeScript's `import h = require('./h')` keeps the module inside the clause.
  const specifier = stringValue(field(clause.type === 'import_require_clause' ? clause : node, 'source'), text);
  if (specifier === undefined || !isRelative(specifier)) return;
  if (clause.type === 'import_require_clause') {
    const name = clause.children.find((child) => child.type === 'identifier');
    if (name !== undefined) imports.set(source(name), { specifier, name: '*' });
    return;
  }

  for (const part of clause.children) {
    if (part.type === 'identifier') imports.set(source(part), { specifier, name: 'default' });
    if (part.type === 'namespace_import') {
      const name = part.children.find((child) => child.type === 'identifier');
      if (name !== undefined) imports.set(source(name), { specifier, name: '*' });
    }
    if (part.type === 'named_imports') {
      for (const specifierNode of part.children) {
        const name = field(specifierNode, 'name');
        const alias = field(specifierNode, 'alias') ?? name;
        if (name !== undefined && alias !== undefined) imports.set(source(alias), { specifier, name: source(name) });
      }
    }
  }
}

/** Records the names a declaration binds from `require('./m')` or `require('./m').f`. */
function collectRequire(node: SyntaxNode, text: string, imports: Map<string, ImportedName>): void {
  const source = (part: SyntaxNode): string => text.slice(part.start, part.end);
  const value = field(node, 'value');
  const target = field(node, 'name');
  if (value === undefined || target === undefined) return;
  const direct = requiredSpecifier(value, text);
  const member = value.type === 'member_expression' ? field(value, 'object') : undefined;
  const viaMember = member === undefined ? undefined : requiredSpecifier(member, text);
  const property = value.type === 'member_expression' ? field(value, 'property') : undefined;
  if (direct !== undefined && target.type === 'identifier') imports.set(source(target), { specifier: direct, name: '*' });
  if (viaMember !== undefined && property !== undefined && target.type === 'identifier') imports.set(source(target), { specifier: viaMember, name: source(property) });
  if (direct === undefined || target.type !== 'object_pattern') return;

  for (const part of target.children) {
    if (part.type === 'shorthand_property_identifier_pattern') imports.set(source(part), { specifier: direct, name: source(part) });
    if (part.type === 'pair_pattern') {
      const key = field(part, 'key');
      const local = field(part, 'value');
      if (key !== undefined && local?.type === 'identifier') imports.set(source(local), { specifier: direct, name: source(key) });
    }
  }
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/**
 * Resolves a relative module specifier written in `fromPath` to one of the
 * project's files, the way Node and TypeScript look it up. Candidates are
 * the exact path, the path with a source extension, a folder's index file,
 * and `./m.ts` for `./m.js` as TypeScript writes it.
 */
export function resolveSpecifier(fromPath: string, specifier: string, files: ReadonlySet<string>): string | undefined {
  const base = posix.normalize(posix.join(posix.dirname(fromPath), specifier)).replace(/\/+$/, '');
  if (base.startsWith('../')) return undefined;
  const folder = base === '.' ? '' : `${base}/`;
  const candidates = [base, ...EXTENSIONS.map((extension) => base + extension), ...EXTENSIONS.map((extension) => `${folder}index${extension}`)];
  const compiled = /\.(c|m)?jsx?$/.exec(base);
  if (compiled !== null) {
    const stem = base.slice(0, compiled.index);
    candidates.push(`${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${stem}.cts`);
  }
  return candidates.find((candidate) => files.has(candidate));
}
