/**
 * go.sum reading. Each line is `module version h1:<base64>`, and the `h1:` hash
 * is a SHA-256 digest over the module's file tree (the dirhash "Hash1"
 * scheme), not over a downloaded archive. Lines for `version/go.mod` hash
 * only the module's go.mod file and are not kept.
 */

/** Maps `module@version` (version with its leading `v`) to the lower-case hex of the `h1:` digest. */
export function readGoSumHashes(text: string): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const rawLine of text.split('\n')) {
    const fields = rawLine.trim().split(/\s+/);
    if (fields.length !== 3) continue;
    const [module, version, hash] = fields as [string, string, string];
    if (version.endsWith('/go.mod') || !hash.startsWith('h1:')) continue;
    const digest = Buffer.from(hash.slice(3), 'base64');
    if (digest.length !== 32) continue;
    hashes.set(`${module}@${version}`, digest.toString('hex'));
  }
  return hashes;
}
