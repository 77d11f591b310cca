/**
 * The parts of a POM (https://maven.apache.org/pom.html) that decide which
 * artifacts a project uses, read from the element tree as written, before
 * inheritance or property interpolation.
 */
import { LineIndex } from '../../../core/line-index.js';
import { decodeXmlText, elementOffset, type XmlElement, type XmlValue } from './maven-xml.js';

export interface PomDependency {
  groupId?: string;
  artifactId?: string;
  version?: string;
  scope?: string;
  type?: string;
  optional?: string;
  systemPath?: string;
  /** 1-based line of the `<dependency>` start tag. */
  line?: number;
}

export interface PomParent {
  groupId?: string;
  artifactId?: string;
  version?: string;
  /** Undefined when the element is absent (Maven then uses `../pom.xml`), empty for `<relativePath/>`. */
  relativePath?: string;
}

export interface PomModel {
  groupId?: string;
  artifactId?: string;
  version?: string;
  parent?: PomParent;
  properties: Map<string, string>;
  managedDependencies: PomDependency[];
  dependencies: PomDependency[];
  /** Ids of profiles that declare dependencies, which are not read because activation is unknown offline. */
  profilesWithDependencies: string[];
}

function child(element: XmlValue | undefined, name: string): XmlValue | undefined {
  if (typeof element !== 'object' || element === null || Array.isArray(element)) return undefined;
  return Object.prototype.hasOwnProperty.call(element, name) ? element[name] : undefined;
}

function text(element: XmlValue | undefined, name: string): string | undefined {
  const value = child(element, name);
  return typeof value === 'string' ? decodeXmlText(value) : undefined;
}

function elements(value: XmlValue | undefined): XmlElement[] {
  let list: XmlValue[] = [];
  if (Array.isArray(value)) list = value;
  else if (value !== undefined) list = [value];
  return list.filter((item): item is XmlElement => typeof item === 'object' && item !== null && !Array.isArray(item));
}

const DEPENDENCY_FIELDS = ['groupId', 'artifactId', 'version', 'scope', 'type', 'optional', 'systemPath'] as const;

function readDependencies(container: XmlValue | undefined, lines: LineIndex): PomDependency[] {
  return elements(child(child(container, 'dependencies'), 'dependency')).map((element) => {
    const dependency: PomDependency = {};
    for (const field of DEPENDENCY_FIELDS) {
      const value = text(element, field);
      if (value !== undefined) dependency[field] = value;
    }
    const offset = elementOffset(element);
    if (offset !== undefined) dependency.line = lines.lineOf(offset);
    return dependency;
  });
}

function readProperties(project: XmlValue): Map<string, string> {
  const properties = new Map<string, string>();
  const element = child(project, 'properties');
  if (typeof element !== 'object' || Array.isArray(element)) return properties;
  for (const [name, value] of Object.entries(element)) {
    if (typeof value === 'string') properties.set(name, decodeXmlText(value));
  }
  return properties;
}

function readParent(project: XmlValue): PomParent | undefined {
  const element = child(project, 'parent');
  if (element === undefined) return undefined;
  const parent: PomParent = {};
  for (const field of ['groupId', 'artifactId', 'version', 'relativePath'] as const) {
    const value = text(element, field);
    if (value !== undefined) parent[field] = value;
  }
  return parent;
}

/** Reads the model from a parsed POM, or returns undefined when the root element is not `<project>`. */
export function readPomModel(document: XmlElement, source: string): PomModel | undefined {
  const project = child(document, 'project');
  if (project === undefined || typeof project !== 'object' || Array.isArray(project)) return undefined;
  const lines = new LineIndex(source);
  const model: PomModel = {
    properties: readProperties(project),
    managedDependencies: readDependencies(child(project, 'dependencyManagement'), lines),
    dependencies: readDependencies(project, lines),
    profilesWithDependencies: [],
  };
  for (const field of ['groupId', 'artifactId', 'version'] as const) {
    const value = text(project, field);
    if (value !== undefined) model[field] = value;
  }
  const parent = readParent(project);
  if (parent !== undefined) model.parent = parent;
  for (const profile of elements(child(child(project, 'profiles'), 'profile'))) {
    if (child(profile, 'dependencies') !== undefined || child(profile, 'dependencyManagement') !== undefined) {
      model.profilesWithDependencies.push(text(profile, 'id') ?? '(no id)');
    }
  }
  return model;
}
