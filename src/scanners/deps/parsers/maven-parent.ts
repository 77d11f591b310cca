/**
 * Loading the chain of parent POMs that live in the same repository. Maven
 * looks for the parent at `<relativePath>` (default `../pom.xml`) and uses
 * it only when its coordinates match `<parent>`. Otherwise it downloads the
 * parent from a repository, which Rampart never does.
 */
import { posix } from 'node:path';
import type { ParseContext } from '../types.js';
import { readPomModel, type PomModel, type PomParent } from './maven-model.js';
import { parsePomXml, PomXmlError } from './maven-xml.js';

/** Maximum number of parent POMs followed, far above the depth of ordinary multi-module builds. */
const MAX_PARENTS = 16;

export interface LoadedPom {
  path: string;
  model: PomModel;
}

function coordinates(parent: PomParent): string {
  return `${parent.groupId ?? '?'}:${parent.artifactId ?? '?'}:${parent.version ?? '?'}`;
}

/** Relative path of the parent POM, or undefined when `<relativePath/>` is empty or leaves the scan root. */
function parentPath(childPath: string, relativePath: string | undefined): string | undefined {
  const relative = relativePath ?? '../pom.xml';
  if (relative.trim() === '') return undefined;
  const folder = posix.dirname(childPath);
  let target = posix.normalize(folder === '.' ? relative : `${folder}/${relative}`);
  if (!target.endsWith('.xml')) target = `${target.replace(/\/$/, '')}/pom.xml`;
  if (target.startsWith('../') || target === '..' || target.startsWith('/')) return undefined;
  return target;
}

function loadParent(context: ParseContext, path: string, expected: PomParent, warnings: string[]): PomModel | undefined {
  const text = context.readFile(path);
  if (text === undefined) return undefined;
  let model: PomModel | undefined;
  try {
    model = readPomModel(parsePomXml(text), text);
  } catch (error) {
    if (!(error instanceof PomXmlError)) throw error;
    warnings.push(`parent POM ${path} cannot be read (${error.message})`);
    return undefined;
  }
  const groupId = model?.groupId ?? model?.parent?.groupId;
  if (model === undefined || model.artifactId !== expected.artifactId || groupId !== expected.groupId) {
    return undefined;
  }
  return model;
}

/**
 * Returns the in-repository ancestors of `child`, nearest first. Stops with
 * a warning at a parent outside the repository, a cycle, or the depth cap.
 */
export function loadParentChain(context: ParseContext, childPath: string, child: PomModel, warnings: string[]): LoadedPom[] {
  const chain: LoadedPom[] = [];
  const visited = new Set([childPath]);
  let current: LoadedPom = { path: childPath, model: child };
  while (current.model.parent !== undefined) {
    const parent = current.model.parent;
    if (chain.length >= MAX_PARENTS) {
      warnings.push(`parent chain is longer than ${MAX_PARENTS} POMs; ancestors beyond ${current.path} are ignored`);
      break;
    }
    const path = parentPath(current.path, parent.relativePath);
    if (path !== undefined && visited.has(path)) {
      warnings.push(`parent POM ${path} is its own ancestor; the cycle is ignored`);
      break;
    }
    const model = path === undefined ? undefined : loadParent(context, path, parent, warnings);
    if (model === undefined || path === undefined) {
      warnings.push(`parent ${coordinates(parent)} of ${current.path} is not in the repository; properties and managed versions it defines are unknown`);
      break;
    }
    visited.add(path);
    current = { path, model };
    chain.push(current);
  }
  return chain;
}
