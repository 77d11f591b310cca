/** The parts of a Docker image reference `[registry/][namespace/]name[:tag][@digest]`. */
export interface ReferenceParts {
  registry?: string;
  namespace?: string;
  name: string;
  tag?: string;
  digest?: string;
  /** Problems with the reference's syntax, for warnings. */
  problems: string[];
}

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST_ALGORITHM = /^[a-z0-9][a-z0-9+._-]*$/;
const DIGEST_HEX = /^[A-Fa-f0-9]{32,}$/;
const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;

/**
 * Splits an image reference as the Docker reference grammar does: the first
 * path component is a registry only when it contains `.` or `:` or is
 * `localhost`, and a `:` after the last `/` starts the tag.
 */
export function parseImageReference(reference: string): ReferenceParts {
  const problems: string[] = [];
  const parts: ReferenceParts = { name: '', problems };

  let rest = reference;
  const at = rest.indexOf('@');
  if (at !== -1) {
    parts.digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!isValidDigest(parts.digest)) problems.push(`invalid digest "${parts.digest}"`);
  }

  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    parts.tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(parts.tag)) problems.push(`invalid tag "${parts.tag}"`);
  }

  splitRepository(rest, parts);
  return parts;
}

/** Fills in registry, namespace and name from the reference without tag and digest. */
function splitRepository(repository: string, parts: ReferenceParts): void {
  const components = repository.split('/');
  const first = components[0] ?? '';
  if (components.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    parts.registry = first;
    components.shift();
  }
  parts.name = components[components.length - 1] ?? '';
  if (components.length > 1) parts.namespace = components.slice(0, -1).join('/');

  if (components.some((component) => component === '')) parts.problems.push('empty path component');
  if (components.some((component) => component !== component.toLowerCase())) {
    parts.problems.push('repository name must be lower-case');
  }
}

function isValidDigest(digest: string): boolean {
  return digest.startsWith('sha256:') ? SHA256_DIGEST.test(digest) : isOtherDigest(digest);
}

function isOtherDigest(digest: string): boolean {
  const colon = digest.indexOf(':');
  return colon > 0 && DIGEST_ALGORITHM.test(digest.slice(0, colon)) && DIGEST_HEX.test(digest.slice(colon + 1));
}
