/**
 * Throwaway key material for the labelled secret corpus, made by the real
 * tools (openssl, ssh-keygen, gpg) so that every block parses as a key.
 * Each call makes a fresh key in a temporary directory and deletes it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pick, type ValueGenerator } from './secrets-corpus-values.js';

const PASSPHRASE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function withTempDir<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-corpus-'));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function openssl(args: string[]): string {
  return withTempDir((dir) => run('openssl', args, dir));
}

function sshKey(type: string): { privateKey: string; publicKey: string } {
  return withTempDir((dir) => {
    const file = join(dir, 'key');
    const bits = type === 'rsa' ? ['-b', '2048'] : [];
    const comment = ['-C', 'deploy@build-01'];
    run('ssh-keygen', ['-q', '-t', type, ...bits, '-N', '', ...comment, '-f', file], dir);
    return {
      privateKey: readFileSync(file, 'utf8'),
      publicKey: readFileSync(`${file}.pub`, 'utf8'),
    };
  });
}

/** Generate an armoured OpenPGP key pair, running gpg in its own home directory. */
function pgpKey(): { privateKey: string; publicKey: string } {
  return withTempDir((dir) => {
    const base = ['--batch', '--homedir', dir, '--pinentry-mode', 'loopback', '--passphrase', ''];
    const user = 'Release Signing <release@example.invalid>';
    try {
      run('gpg', [...base, '--quick-gen-key', user, 'ed25519', 'sign', 'never'], dir);
      const privateKey = run('gpg', [...base, '--armor', '--export-secret-keys'], dir);
      const publicKey = run('gpg', [...base, '--armor', '--export'], dir);
      return { privateKey, publicKey };
    } finally {
      run('gpgconf', ['--homedir', dir, '--kill', 'gpg-agent'], dir);
    }
  });
}

/** Generate a PEM or OpenSSH private key of `kind`, ending with a newline. */
function privateKeyPem(kind: string): string {
  const passphrase = `pass:${pick(PASSPHRASE_ALPHABET, 20)}`;
  const rsa = ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'];
  switch (kind) {
    case 'rsa-pkcs8':
      return openssl(rsa);
    case 'rsa-traditional':
      return openssl(['genrsa', '-traditional', '2048']);
    case 'ec':
      return openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout']);
    case 'ec-pkcs8':
      return openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384']);
    case 'ed25519-pkcs8':
      return openssl(['genpkey', '-algorithm', 'ED25519']);
    case 'encrypted-pkcs8':
      return openssl([...rsa, '-aes-256-cbc', '-pass', passphrase]);
    case 'encrypted-legacy':
      return openssl(['genrsa', '-traditional', '-aes256', '-passout', passphrase, '2048']);
    case 'openssh-ed25519':
      return sshKey('ed25519').privateKey;
    case 'openssh-rsa':
      return sshKey('rsa').privateKey;
    case 'openssh-ecdsa':
      return sshKey('ecdsa').privateKey;
    case 'pgp':
      return pgpKey().privateKey;
    default:
      throw new Error(`unknown private key kind "${kind}" in a corpus template`);
  }
}

/**
 * Lay out a PEM block in a template's `style`: `lines` (default) keeps its
 * lines, `escaped` joins them with a literal backslash-n as in JSON and
 * .env values, and `b64` base64-encodes the whole block as in Kubernetes
 * Secret `data`.
 */
function layout(pem: string, style: string): string {
  const trimmed = pem.trimEnd();
  if (style === 'escaped') return trimmed.split('\n').join('\\n') + '\\n';
  if (style === 'b64') return Buffer.from(trimmed + '\n').toString('base64');
  return trimmed;
}

function publicKeyPem(kind: string): string {
  const options = kind === 'ec' ? 'ec_paramgen_curve:P-256' : 'rsa_keygen_bits:2048';
  const key = openssl(['genpkey', '-algorithm', kind === 'ec' ? 'EC' : 'RSA', '-pkeyopt', options]);
  return execFileSync('openssl', ['pkey', '-pubout'], { input: key, encoding: 'utf8' });
}

function certificate(commonName: string): string {
  return withTempDir((dir) => {
    const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
    const subject = ['-subj', `/CN=${commonName}`, '-days', '365', '-keyout', join(dir, 'k.pem')];
    return run('openssl', [...args, ...subject], dir);
  });
}

export const KEY_GENERATORS: Record<string, ValueGenerator> = {
  'private-key': {
    family: 'private-key',
    make: (args) => layout(privateKeyPem(args[0] ?? 'rsa-pkcs8'), args[1] ?? 'lines'),
  },
  /** The `private_key` value of a GCP service-account JSON file. */
  'gcp-sa-key': { family: 'cloud', make: () => layout(privateKeyPem('rsa-pkcs8'), 'escaped') },
  'public-key': {
    family: null,
    make: (args) => layout(publicKeyPem(args[0] ?? 'rsa'), args[1] ?? 'lines'),
  },
  certificate: {
    family: null,
    make: (args) => layout(certificate(args[0] ?? 'shop.example.com'), args[1] ?? 'lines'),
  },
  'ssh-public': { family: null, make: (args) => sshKey(args[0] ?? 'rsa').publicKey.trimEnd() },
  'pgp-public': { family: null, make: () => pgpKey().publicKey.trimEnd() },
};
