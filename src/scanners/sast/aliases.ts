/**
 * The names a file gives to imported modules and their members, so that a
 * pattern written with the module's own name (`child_process.exec($C)`,
 * `subprocess.run(...)`) matches code that imported it under another:
 * `const cp = require('child_process')`, `import { exec as run } from
 * 'node:child_process'`, `import subprocess as sp`, `from subprocess
 * import run as r`. The `node:` prefix of Node's built-in modules is
 * dropped, so both spellings resolve alike.
 */
import type { SastLanguage } from './languages.js';
import type { SyntaxNode } from './pattern/syntax-tree.js';

/** Local name to the dotted path it stands for: `run` to `child_process.exec`. */
export type Aliases = ReadonlyMap<string, string>;

function moduleName(raw: string): string {
  const name = raw.startsWith('node:') ? raw.slice('node:'.length) : raw;
  // A module path such as `fs/promises` becomes a dotted name a pattern can write.
  return name.replace(/\//g, '.');
}

function stringValue(node: SyntaxNode | undefined, text: string): string | undefined {
  if (node === undefined || !/string$/.test(node.type)) return undefined;
  const raw = text.slice(node.start, node.end);
  return raw.length >= 2 ? raw.slice(1, -1) : undefined;
}

function field(node: SyntaxNode, name: string): SyntaxNode | undefined {
  return node.children.find((child) => child.field === name);
}

/** Collects the file's import aliases; names bound twice keep the first. */
export function collectAliases(language: SastLanguage, root: SyntaxNode, text: string): Aliases {
  const aliases = new Map<string, string>();
  const add = (local: string, target: string): void => {
    if (local !== '' && !aliases.has(local)) aliases.set(local, target);
  };
  const source = (node: SyntaxNode): string => text.slice(node.start, node.end);
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as SyntaxNode;
    if (language === 'python') pythonImport(node, source, add);
    else javascriptImport(node, text, source, add);
    for (const child of node.children) stack.push(child);
  }
  return aliases;
}

function javascriptImport(node: SyntaxNode, text: string, source: (node: SyntaxNode) => string, add: (local: string, target: string) => void): void {
  if (node.type === 'import_statement') {
    const from = stringValue(field(node, 'source'), text);
    const clause = node.children.find((child) => child.type === 'import_clause');
    if (from === undefined || clause === undefined) return;
    const module = moduleName(from);
    for (const part of clause.children) {
      if (part.type === 'identifier') add(source(part), module);
      if (part.type === 'namespace_import') {
        const name = part.children.find((child) => child.type === 'identifier');
        if (name !== undefined) add(source(name), module);
      }
      if (part.type === 'named_imports') {
        for (const specifier of part.children) {
          const name = field(specifier, 'name');
          const alias = field(specifier, 'alias') ?? name;
          if (name !== undefined && alias !== undefined) add(source(alias), `${module}.${source(name)}`);
        }
      }
    }
    return;
  }
  if (node.type !== 'variable_declarator') return;
  const value = field(node, 'value');
  const target = field(node, 'name');
  if (value === undefined || target === undefined) return;
  const module = requiredModule(value, text, source);
  if (module === undefined) return;
  if (target.type === 'identifier') add(source(target), module);
  if (target.type === 'object_pattern') {
    for (const part of target.children) {
      if (part.type === 'shorthand_property_identifier_pattern') add(source(part), `${module}.${source(part)}`);
      if (part.type === 'pair_pattern') {
        const key = field(part, 'key');
        const local = field(part, 'value');
        if (key !== undefined && local?.type === 'identifier') add(source(local), `${module}.${source(key)}`);
      }
    }
  }
}

/** Returns the module a `require('m')` call loads, as a dotted name, or undefined for any other node. */
export function requiredModuleName(node: SyntaxNode, text: string): string | undefined {
  if (node.type !== 'call_expression') return undefined;
  const callee = field(node, 'function');
  const args = field(node, 'arguments');
  if (callee?.type !== 'identifier' || text.slice(callee.start, callee.end) !== 'require' || args?.children.length !== 1) return undefined;
  const name = stringValue(args.children[0], text);
  return name === undefined ? undefined : moduleName(name);
}

/** `require('m')` or `require('m').member`: the dotted path it gives. */
function requiredModule(value: SyntaxNode, text: string, source: (node: SyntaxNode) => string): string | undefined {
  if (value.type === 'call_expression') return requiredModuleName(value, text);
  if (value.type === 'member_expression') {
    const object = field(value, 'object');
    const property = field(value, 'property');
    const base = object === undefined ? undefined : requiredModule(object, text, source);
    return base === undefined || property === undefined ? undefined : `${base}.${source(property)}`;
  }
  return undefined;
}

function pythonImport(node: SyntaxNode, source: (node: SyntaxNode) => string, add: (local: string, target: string) => void): void {
  if (node.type === 'import_statement') {
    for (const part of node.children) {
      if (part.type === 'dotted_name') {
        // `import os.path` binds `os`, which already names the package.
        const first = source(part).split('.')[0] as string;
        add(first, first);
      }
      if (part.type === 'aliased_import') {
        const name = field(part, 'name');
        const alias = field(part, 'alias');
        if (name !== undefined && alias !== undefined) add(source(alias), source(name));
      }
    }
    return;
  }
  if (node.type !== 'import_from_statement') return;
  const moduleNode = field(node, 'module_name');
  if (moduleNode === undefined || moduleNode.type !== 'dotted_name') return;
  const module = source(moduleNode);
  for (const part of node.children) {
    if (part === moduleNode) continue;
    if (part.type === 'dotted_name') add(source(part), `${module}.${source(part)}`);
    if (part.type === 'aliased_import') {
      const name = field(part, 'name');
      const alias = field(part, 'alias');
      if (name !== undefined && alias !== undefined) add(source(alias), `${module}.${source(name)}`);
    }
  }
}

/**
 * The dotted path `node` names after resolving its first name through the
 * aliases: `cp.exec` with `cp` from `require('child_process')` is
 * `child_process.exec`. A member access on `require('m')` starts from the
 * module itself, so `require('node-serialize').unserialize` is
 * `node-serialize.unserialize`: this is how a pattern names a member of a
 * module whose name is not an identifier. Undefined for anything that is
 * not a plain name or a chain of member accesses on one.
 */
export function canonicalPath(node: SyntaxNode, text: string, aliases: Aliases): string | undefined {
  const parts: string[] = [];
  let current: SyntaxNode | undefined = node;
  while (current !== undefined) {
    if (current.type === 'identifier' && current.children.length === 0) {
      const name = text.slice(current.start, current.end);
      parts.unshift(aliases.get(name) ?? name);
      return parts.join('.');
    }
    if (parts.length > 0) {
      const module = requiredModuleName(current, text);
      if (module !== undefined) return [module, ...parts].join('.');
    }
    if (current.type !== 'member_expression' && current.type !== 'attribute') return undefined;
    const object: SyntaxNode | undefined = field(current, 'object');
    const property: SyntaxNode | undefined = field(current, 'property') ?? field(current, 'attribute');
    if (object === undefined || property === undefined) return undefined;
    parts.unshift(text.slice(property.start, property.end));
    current = object;
  }
  return undefined;
}
