import { createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, scryptSync, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { StoreError } from '../../db/errors';
import { parseShallowJson } from './shallowJson';

/**
 * Keys of the sync, with Node's built-in crypto only.
 * - The district has an X25519 key (townships encrypt to it) and an Ed25519 key (it signs
 *   receipts). Its private keys live in a file protected by a passphrase (scrypt + AES-256-GCM).
 * - Every installation has its own Ed25519 key; townships sign bundles with it.
 * Public keys travel as raw 32-byte values in base64, the form FORMAT.md documents.
 */

const raw = (k: KeyObject): Buffer => Buffer.from(k.export({ format: 'jwk' }).x!, 'base64url');
const fromRaw = (type: 'x25519' | 'ed25519', b64: string): KeyObject =>
  createPublicKey({ key: { kty: 'OKP', crv: type === 'x25519' ? 'X25519' : 'Ed25519', x: Buffer.from(b64, 'base64').toString('base64url') }, format: 'jwk' });

export const publicX25519 = (b64: string) => fromRaw('x25519', b64);
export const publicEd25519 = (b64: string) => fromRaw('ed25519', b64);

/** "AB12 CD34 …": the first 16 bytes of SHA-256 over the raw public keys, read out by phone. */
export function fingerprint(...rawKeysB64: string[]): string {
  const h = createHash('sha256');
  for (const k of rawKeysB64) h.update(Buffer.from(k, 'base64'));
  return h.digest('hex').slice(0, 32).toUpperCase().replace(/(.{4})(?!$)/g, '$1 ');
}

// ---- district key pair ----------------------------------------------------------------------

export const districtPublicFile = z.strictObject({
  type: z.literal('township-ledger-district-public-key'),
  version: z.literal(1),
  code: z.string().regex(/^\d{6}$/),
  name: z.string().max(100),
  x25519: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  ed25519: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
});
export type DistrictPublicKey = z.infer<typeof districtPublicFile>;

const districtSecretFile = z.strictObject({
  type: z.literal('township-ledger-district-private-key'),
  version: z.literal(1),
  public: districtPublicFile,
  kdf: z.strictObject({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.string() }),
  cipher: z.strictObject({ name: z.literal('aes-256-gcm'), iv: z.string(), tag: z.string(), data: z.string() }),
});

export interface DistrictKeys {
  public: DistrictPublicKey;
  x25519: KeyObject;
  ed25519: KeyObject;
}

export const districtFingerprint = (p: DistrictPublicKey) => fingerprint(p.x25519, p.ed25519);

const SCRYPT = { N: 1 << 15, r: 8, p: 1 };

function kek(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem: 256 * params.N * params.r });
}

/** A new district key pair: the public file to hand out and the passphrase-protected private file. */
export function createDistrictKeys(code: string, name: string, passphrase: string): { publicFile: string; secretFile: string } {
  if (passphrase.length < 8) throw new StoreError('weak_passphrase', '口令至少需要8个字符');
  const x = generateKeyPairSync('x25519');
  const e = generateKeyPairSync('ed25519');
  const pub: DistrictPublicKey = {
    type: 'township-ledger-district-public-key',
    version: 1,
    code,
    name,
    x25519: raw(x.publicKey).toString('base64'),
    ed25519: raw(e.publicKey).toString('base64'),
  };
  const secret = JSON.stringify({
    x25519: x.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    ed25519: e.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  });
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', kek(passphrase, salt, SCRYPT), iv);
  const data = Buffer.concat([c.update(secret, 'utf8'), c.final()]);
  const file = {
    type: 'township-ledger-district-private-key',
    version: 1,
    public: pub,
    kdf: { name: 'scrypt', ...SCRYPT, salt: salt.toString('base64') },
    cipher: { name: 'aes-256-gcm', iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), data: data.toString('base64') },
  };
  return { publicFile: JSON.stringify(pub, null, 2) + '\n', secretFile: JSON.stringify(file, null, 2) + '\n' };
}

function parseJson(text: string, what: string): unknown {
  try {
    return parseShallowJson(text);
  } catch {
    throw new StoreError('bad_key_file', `${what}不是有效的密钥文件`);
  }
}

export function readDistrictPublic(text: string): DistrictPublicKey {
  const r = districtPublicFile.safeParse(parseJson(text, '区县公钥文件'));
  if (!r.success) throw new StoreError('bad_key_file', '区县公钥文件格式不正确（应为 district.pub）');
  publicX25519(r.data.x25519);
  publicEd25519(r.data.ed25519);
  return r.data;
}

export function openDistrictKeys(text: string, passphrase: string): DistrictKeys {
  const r = districtSecretFile.safeParse(parseJson(text, '区县私钥文件'));
  if (!r.success) throw new StoreError('bad_key_file', '区县私钥文件格式不正确（应为 district.key）');
  const f = r.data;
  if (f.kdf.N > 1 << 20 || f.kdf.r > 32 || f.kdf.p > 16) throw new StoreError('bad_key_file', '区县私钥文件参数异常');
  let secret: { x25519: string; ed25519: string };
  try {
    const d = createDecipheriv('aes-256-gcm', kek(passphrase, Buffer.from(f.kdf.salt, 'base64'), f.kdf), Buffer.from(f.cipher.iv, 'base64'));
    d.setAuthTag(Buffer.from(f.cipher.tag, 'base64'));
    secret = JSON.parse(Buffer.concat([d.update(Buffer.from(f.cipher.data, 'base64')), d.final()]).toString('utf8'));
  } catch {
    throw new StoreError('bad_passphrase', '口令不正确，无法打开区县私钥文件');
  }
  const key = (b64: string) => createPrivateKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'pkcs8' });
  return { public: f.public, x25519: key(secret.x25519), ed25519: key(secret.ed25519) };
}

// ---- installation signing key ----------------------------------------------------------------

export interface SigningKey {
  publicKey: string;
  privateKey: string;
}

export function createSigningKey(): SigningKey {
  const k = generateKeyPairSync('ed25519');
  return { publicKey: raw(k.publicKey).toString('base64'), privateKey: k.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64') };
}

// ---- township encryption key -------------------------------------------------------------------

/**
 * A township's own X25519 key pair: village laptops (驻村版) will encrypt their bundles to it. Kept
 * like the installation signing key, in the installation's own database.
 */
export function createBoxKey(): SigningKey {
  const k = generateKeyPairSync('x25519');
  return { publicKey: raw(k.publicKey).toString('base64'), privateKey: k.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64') };
}
