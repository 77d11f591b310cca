/**
 * Yarn descriptors (`name@range`) and locators (`name@reference`), and
 * the allocation of unique package keys.
 */

export interface Descriptor {
  name: string;
  /** Everything after the name's `@`: a range, or a reference with its protocol. */
  range: string;
}

/** Splits `name@range`, where the name may be scoped (`@s/a@^1.0.0`); undefined when there is no name. */
export function parseDescriptor(text: string): Descriptor | undefined {
  const at = text.indexOf('@', text.startsWith('@') ? 1 : 0);
  if (at <= 0) return undefined;
  return { name: text.slice(0, at), range: text.slice(at + 1) };
}

/** Returns the protocol of a Berry reference (`npm`, `workspace`, `patch`, `https`...), or '' when none. */
export function protocolOf(reference: string): string {
  const colon = reference.indexOf(':');
  return colon === -1 ? '' : reference.slice(0, colon);
}

/**
 * Hands out package keys: `name@version` when free, otherwise the same
 * with the entry's own identifier appended, so that two artifacts with one
 * name and version (a registry copy and a git build, say) stay apart.
 */
export class PackageKeys {
  private readonly used = new Set<string>();

  allocate(name: string, version: string, identifier: string): string {
    const base = `${name}@${version}`;
    let key = this.used.has(base) ? `${base} (${identifier})` : base;
    for (let suffix = 2; this.used.has(key); suffix++) {
      key = `${base} (${identifier}) #${suffix}`;
    }
    this.used.add(key);
    return key;
  }
}
