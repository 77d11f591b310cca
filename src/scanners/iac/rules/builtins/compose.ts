/** Builtin checks of the compose rules (see index.ts); names start with `compose-`. Each judges one `service` resource. */
import type { Builtin, Outcome } from '../evaluate.js';
import type { Span, TreeNode } from '../../tree.js';
import { field, isSecretName, secretValueKind, text } from './dockerfile.js';

const PASS: Outcome = { result: 'pass' };

function items(node: TreeNode | undefined): TreeNode[] {
  return node?.kind === 'list' ? node.items : [];
}

/** Returns a scalar as text: strings as written, numbers and booleans printed. */
function scalarText(node: TreeNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

interface Mount {
  /** The host path or volume name, as written. */
  source: string;
  span: Span;
}

/**
 * Returns the host side of each `volumes` entry: the part before the first
 * `:` of the short syntax (a Windows drive letter such as `C:` stays with
 * the path), or `source` of a long-syntax bind mount. Anonymous volumes are
 * left out, and a `${VAR}` source is kept as written.
 */
function hostMounts(service: TreeNode): Mount[] {
  const mounts: Mount[] = [];
  for (const item of items(field(service, 'volumes'))) {
    if (item.kind === 'map') {
      const type = text(field(item, 'type')) ?? 'volume';
      const source = text(field(item, 'source'));
      if (type === 'bind' && source !== undefined) mounts.push({ source, span: item.span });
      continue;
    }
    const value = text(item);
    if (value === undefined) continue;
    const drive = /^[A-Za-z]:[\\/]/.test(value) ? 2 : 0;
    const colon = value.indexOf(':', drive);
    if (colon === -1) continue;
    mounts.push({ source: value.slice(0, colon), span: item.span });
  }
  return mounts;
}

/** Folds `//`, trailing slashes and `/./` in a host path, so `//var/run/docker.sock/` reads as `/var/run/docker.sock`. */
function normalizeHostPath(path: string): string {
  const folded = path.replace(/\\/g, '/').replace(/\/{2,}/g, '/').replace(/\/(\.\/)+/g, '/');
  return folded.length > 1 ? folded.replace(/\/+$/, '') : folded;
}

const RUNTIME_SOCKETS = new Set([
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/docker',
  '/run/docker',
  '/run/containerd/containerd.sock',
  '/var/run/containerd/containerd.sock',
  '/run/podman/podman.sock',
  '/var/run/podman/podman.sock',
  '/var/run/crio/crio.sock',
  '/run/crio/crio.sock',
]);

/** `compose-runtime-socket-mount`: the service mounts no container runtime socket (Docker, containerd, Podman, CRI-O). */
const runtimeSocket: Builtin = (service) => {
  for (const mount of hostMounts(service)) {
    const path = normalizeHostPath(mount.source);
    if (RUNTIME_SOCKETS.has(path)) return { result: 'fail', span: mount.span, seen: `the host's ${path} is mounted` };
  }
  return PASS;
};

/** Host directories whose contents control the host or hold its credentials. */
const SENSITIVE_DIRECTORIES = new Set([
  '/', '/etc', '/root', '/boot', '/proc', '/sys', '/dev', '/usr', '/lib', '/lib64', '/bin', '/sbin',
  '/var/lib/docker', '/var/lib/kubelet', '/var/lib/containerd', '/etc/kubernetes', '/etc/docker', '/etc/ssh',
  '/etc/shadow', '/etc/sudoers', '/etc/sudoers.d', '/etc/cron.d', '/etc/systemd', '/root/.ssh', '/home',
  '/var/run', '/run',
]);

/** `compose-sensitive-host-mount`: the service mounts none of the host directories that control the host. */
const sensitiveMount: Builtin = (service) => {
  for (const mount of hostMounts(service)) {
    const path = normalizeHostPath(mount.source);
    if (SENSITIVE_DIRECTORIES.has(path)) return { result: 'fail', span: mount.span, seen: `the host's ${path} is mounted` };
  }
  return PASS;
};

/** Container ports of data stores that are commonly run without authentication or with a default password. */
const DATABASE_PORTS: ReadonlyMap<number, string> = new Map([
  [1433, 'SQL Server'], [1521, 'Oracle'], [2379, 'etcd'], [3306, 'MySQL'], [5432, 'PostgreSQL'], [5984, 'CouchDB'],
  [6379, 'Redis'], [7474, 'Neo4j'], [7687, 'Neo4j'], [8086, 'InfluxDB'], [9042, 'Cassandra'], [9200, 'Elasticsearch'],
  [9300, 'Elasticsearch'], [11211, 'Memcached'], [26257, 'CockroachDB'], [27017, 'MongoDB'], [28015, 'RethinkDB'],
]);

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|\[?::1\]?|localhost)$/i;

interface Published {
  hostIp: string | undefined;
  target: string;
  span: Span;
}

/**
 * Reads one `ports` entry: `"5432"`, `"5432:5432"`, `"127.0.0.1:5432:5432"`,
 * `"[::1]:5432:5432/tcp"`, a number, or the long syntax with `target`,
 * `published` and `host_ip`.
 */
function publishedPort(item: TreeNode): Published | undefined {
  if (item.kind === 'map') {
    const target = scalarText(field(item, 'target'));
    if (target === undefined) return undefined;
    return { hostIp: scalarText(field(item, 'host_ip')), target, span: item.span };
  }
  const value = scalarText(item);
  if (value === undefined) return undefined;
  // A variable such as `${DB_PORT:-5432}` may contain a colon, so it is read as one opaque word.
  const withoutProtocol = value.replace(/\$\{[^}]*\}/g, '$VAR').replace(/\/(tcp|udp|sctp)$/i, '');
  const bracket = /^\[([^\]]*)\]:(.*)$/.exec(withoutProtocol);
  const hostIp = bracket !== null ? bracket[1] : undefined;
  const rest = bracket !== null ? (bracket[2] as string) : withoutProtocol;
  const parts = rest.split(':');
  const target = parts[parts.length - 1] as string;
  if (bracket !== null) return { hostIp, target, span: item.span };
  return { hostIp: parts.length === 3 ? parts[0] : undefined, target, span: item.span };
}

function portsIn(range: string): number[] {
  const [low, high] = range.split('-').map(Number);
  if (low === undefined || !Number.isInteger(low)) return [];
  const top = high !== undefined && Number.isInteger(high) ? Math.min(high, low + 1000) : low;
  const ports: number[] = [];
  for (let port = low; port <= top; port++) ports.push(port);
  return ports;
}

/** `compose-database-port-public`: database ports are published on the loopback address only. */
const databasePort: Builtin = (service) => {
  for (const item of items(field(service, 'ports'))) {
    const published = publishedPort(item);
    if (published === undefined) continue;
    if (published.hostIp !== undefined && (LOOPBACK.test(published.hostIp) || published.hostIp.includes('$'))) continue;
    const port = portsIn(published.target).find((candidate) => DATABASE_PORTS.has(candidate));
    if (port !== undefined) {
      const where = published.hostIp === undefined || published.hostIp === '' ? 'every host address' : published.hostIp;
      return { result: 'fail', span: published.span, seen: `${DATABASE_PORTS.get(port)} port ${port} is published on ${where}` };
    }
  }
  return PASS;
};

/** `compose-secret-environment`: no `environment` entry with a credential's name has a literal value. The message never shows it. */
const secretEnvironment: Builtin = (service) => {
  const environment = field(service, 'environment');
  const pairs: Array<{ key: string; value: string | undefined; span: Span }> = [];
  if (environment?.kind === 'map') {
    for (const entry of environment.entries) pairs.push({ key: entry.key, value: scalarText(entry.value), span: entry.value.span });
  }
  for (const item of items(environment)) {
    const value = text(item);
    if (value === undefined) continue;
    const equals = value.indexOf('=');
    pairs.push({ key: equals === -1 ? value : value.slice(0, equals), value: equals === -1 ? undefined : value.slice(equals + 1), span: item.span });
  }
  for (const pair of pairs) {
    if (isSecretName(pair.key) && secretValueKind(pair.value) === 'literal') {
      return { result: 'fail', span: pair.span, seen: `${pair.key} is set to a literal value` };
    }
  }
  return PASS;
};

/** Replaces each `${VAR:-default}` and `${VAR-default}` with its default, as Compose does when VAR is unset. */
function withDefaults(value: string): string {
  return value.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}$]*)\}/g, (_match, fallback: string) => fallback);
}

/**
 * `compose-image-tag`: a pulled image names a tag other than `latest`, or a
 * digest. A service that also has `build` names the image it builds, so it
 * is not judged. A variable without a default in the tag is unknown.
 */
const imageTag: Builtin = (service) => {
  const imageNode = field(service, 'image');
  const image = scalarText(imageNode);
  if (image === undefined || imageNode === undefined || field(service, 'build') !== undefined) return PASS;
  if (image.includes('@')) return PASS;
  const resolved = withDefaults(image);
  const last = resolved.slice(resolved.lastIndexOf('/') + 1);
  if (last.includes('$')) return { result: 'unknown', span: imageNode.span, seen: `the tag of ${image} is set by a variable` };
  const colon = last.indexOf(':');
  const tag = colon === -1 ? undefined : last.slice(colon + 1);
  if (tag === undefined) return { result: 'fail', span: imageNode.span, seen: `image ${image} has no tag, so it means latest` };
  if (tag.toLowerCase() === 'latest') return { result: 'fail', span: imageNode.span, seen: `image ${image} uses the latest tag` };
  return PASS;
};

/** Device paths that give raw access to host memory or disks. */
const RAW_DEVICE = /^\/dev\/(mem|kmem|port|sd[a-z]*\d*|hd[a-z]\d*|vd[a-z]\d*|xvd[a-z]\d*|nvme\d+(n\d+(p\d+)?)?|mmcblk\d+(p\d+)?|dm-\d+|mapper(\/.*)?|disk\/.*|loop\d*|md\d+|fuse|kmsg)$/;

/** `compose-raw-device`: the service maps no host disk, memory or kernel device. */
const rawDevice: Builtin = (service) => {
  for (const item of items(field(service, 'devices'))) {
    const value = text(item) ?? text(field(item, 'source'));
    if (value === undefined) continue;
    const host = value.split(':')[0] as string;
    if (host === '/dev' || RAW_DEVICE.test(host)) return { result: 'fail', span: item.span, seen: `the host device ${host} is mapped` };
  }
  return PASS;
};

export const COMPOSE_BUILTINS: Record<string, Builtin> = {
  'compose-runtime-socket-mount': runtimeSocket,
  'compose-sensitive-host-mount': sensitiveMount,
  'compose-database-port-public': databasePort,
  'compose-secret-environment': secretEnvironment,
  'compose-image-tag': imageTag,
  'compose-raw-device': rawDevice,
};
