import { createHash, verify } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { StoreError } from '../../db/errors';
import { publicEd25519 } from './keys';
import { parseShallowJson } from './shallowJson';

/**
 * The bundle file layout (FORMAT.md is the reader's documentation of the same):
 *
 *   offset  size  field
 *   0       8     magic "TLBUNDLE"
 *   8       2     format version, big-endian (1)
 *   10      4     header length H, big-endian (at most 1 MiB)
 *   14      H     header: UTF-8 JSON, readable without any key
 *   14+H    P     payload: AES-256-GCM ciphertext of gzip(NDJSON rows), AAD = the header bytes
 *   end-80  16    payload GCM tag
 *   end-64  64    Ed25519 signature by the installation key over SHA-256(bytes 0 .. end-64)
 *
 * P is what remains, so the file needs no length to be patched after streaming.
 */

export const MAGIC = Buffer.from('TLBUNDLE', 'ascii');
/**
 * An export in progress carries this magic instead, so a temporary file is never importable;
 * signature and hash are computed as if it already said TLBUNDLE, and the magic is patched
 * only after the bundle is verified and recorded.
 */
export const PENDING_MAGIC = Buffer.from('TLPARTIA', 'ascii');
export const FORMAT_VERSION = 1;
export const PREFIX_LEN = 14;
export const TAG_LEN = 16;
export const SIG_LEN = 64;
export const MAX_HEADER = 1 << 20;
export const BUNDLE_EXT = '.tlbundle';
/**
 * Far above any township's villages times the laptops each may have had, and few enough that a
 * header naming them all stays under MAX_HEADER: a pin takes at most 322 bytes of it with its
 * proof (schema 23; 224 before, when this was 4,000 and 4,000 proven pins came to 1,068,017).
 */
export const MAX_VILLAGE_PINS = 3_200;

/**
 * Base64 of exactly `len` bytes, in its one canonical spelling: the last character's unused bits
 * zero. Keys are compared as text (one key, one installation), and a second spelling of the same
 * key slipped past that comparison while every check that decodes it saw the same key.
 */
const b64 = (len: number) => {
  const data = Math.ceil((len * 4) / 3);
  return z
    .string()
    .regex(new RegExp(`^[A-Za-z0-9+/]{${data}}={${(4 - (data % 4)) % 4}}$`))
    .refine((s) => Buffer.from(s, 'base64').toString('base64') === s, { message: 'non-canonical base64' });
};
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const headerSchema = z.strictObject({
  format: z.literal('township-ledger-bundle'),
  version: z.literal(FORMAT_VERSION),
  schemaVersion: z.number().int().min(1),
  township: z.strictObject({ code: z.string().regex(/^\d{9}$/), name: z.string().min(1).max(100) }),
  installationId: z.string().min(1).max(64),
  bundleSeq: z.number().int().min(1),
  prevHash: hex64.nullable(),
  full: z.boolean(),
  seqFrom: count,
  seqTo: count,
  counts: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,62}$/), z.strictObject({ rows: count, deleted: count })),
  createdAt: z.string().max(40),
  signerPublicKey: b64(32),
  recipient: z.strictObject({ fingerprint: z.string().max(64), x25519: b64(32) }),
  crypto: z.strictObject({
    kem: z.literal('X25519-HKDF-SHA256'),
    ephemeralPublicKey: b64(32),
    wrapIv: b64(12),
    wrappedKey: b64(32),
    wrapTag: b64(16),
    cipher: z.literal('AES-256-GCM'),
    payloadIv: b64(12),
    compression: z.literal('gzip'),
    payloadFormat: z.literal('ndjson'),
  }),
  /**
   * The 驻村版 laptops this township vouches for, each pinned to one of its villages: present
   * only when the township has pinned at least one (FORMAT.md, "Rows entered in the village").
   */
  villagePins: z
    .array(
      z.strictObject({
        installationId: z.string().min(1).max(64),
        villageId: z.string().min(1).max(64),
        publicKey: b64(32),
        /** The laptop's own signature of its claim (boundIds.ts): absent only for a laptop pinned by an earlier version. */
        proof: b64(64).optional(),
      }),
    )
    .min(1)
    .max(MAX_VILLAGE_PINS)
    .optional(),
});
export type BundleHeader = z.infer<typeof headerSchema>;

export const VILLAGE_FORMAT = 'township-ledger-village-bundle';

/**
 * A 驻村版's bundle to its township: the same layout and members, its own `format` (so neither
 * kind is ever taken for the other), the village it speaks for, and the township change number
 * up to which the laptop has applied the township's receipts (FORMAT.md, "Village bundle").
 */
export const villageHeaderSchema = z.strictObject({
  // Without villagePins: a laptop vouches for no one, and with the member its rows could have
  // named any installation as their origin (the township's own, one made up), passing the
  // staging's origin check and later blocking the township's own export (foreign_rows).
  ...headerSchema.omit({ villagePins: true }).shape,
  format: z.literal(VILLAGE_FORMAT),
  village: z.strictObject({ id: z.string().min(1).max(64), code: z.string().regex(/^\d{12}$/).nullable(), name: z.string().min(1).max(50) }),
  townshipSeq: count,
  /**
   * The laptop's signature, with its own key, of its id, village, township and key (boundIds.ts).
   * Absent from a laptop of an app before schema 23: its township takes it only as the laptop it
   * pinned before (villagePins.ts).
   */
  laptopProof: b64(64).optional(),
});
export type VillageBundleHeader = z.infer<typeof villageHeaderSchema>;
/** Either kind: what staging, bounds and the chain read is common to both. */
export type AnyHeader = BundleHeader | VillageBundleHeader;

export interface Envelope<H extends AnyHeader = BundleHeader> {
  file: string;
  size: number;
  header: H;
  headerBytes: Buffer;
  payloadStart: number;
  /** Offset of the GCM tag; the payload ends just before it. */
  tagStart: number;
  tag: Buffer;
}

export const refuse = (code: string, message: string) => new StoreError(code, message);

/** The longest line (one row) a payload may hold, in UTF-16 units. */
export const MAX_LINE = 4 << 20;

/** Where a header breaks its schema: the member's path, or the members it should not have. */
function issuePlace(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return '结构';
  const at = issue.path.map(String);
  const extra = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...at, k].join('.')) : [];
  return extra.join('、') || at.join('.') || '结构';
}

function readAt(fd: number, pos: number, len: number): Buffer {
  const buf = Buffer.alloc(len);
  let got = 0;
  while (got < len) {
    const n = fs.readSync(fd, buf, got, len - got, pos + got);
    if (n === 0) break;
    got += n;
  }
  return got === len ? buf : buf.subarray(0, got);
}

const KINDS = {
  township: { schema: headerSchema, other: VILLAGE_FORMAT, wrong: '这是驻村版导出给乡镇的同步文件，应由乡镇（街道）导入' },
  village: { schema: villageHeaderSchema, other: 'township-ledger-bundle', wrong: '这是乡镇导出给区县的同步文件，不是驻村版的同步文件' },
} as const;

/** Reads and checks the structure and the header; nothing is decrypted or trusted yet. */
export function readEnvelope(file: string, opts?: { pending?: boolean }): Envelope;
export function readEnvelope(file: string, opts: { pending?: boolean; kind: 'village' }): Envelope<VillageBundleHeader>;
export function readEnvelope(file: string, opts: { pending?: boolean; kind?: 'township' | 'village' } = {}): Envelope<AnyHeader> {
  const kind = KINDS[opts.kind ?? 'township'];
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    throw refuse('bundle_unreadable', '无法读取同步文件（文件不存在或无权限）');
  }
  try {
    const size = fs.fstatSync(fd).size;
    const prefix = readAt(fd, 0, PREFIX_LEN);
    if (prefix.length < PREFIX_LEN || !prefix.subarray(0, 8).equals(opts.pending ? PENDING_MAGIC : MAGIC)) {
      throw refuse('bad_magic', '这不是台账同步文件（文件标识不符）');
    }
    const version = prefix.readUInt16BE(8);
    if (version > FORMAT_VERSION) throw refuse('future_format', `同步文件格式版本为 ${version}，高于本程序支持的版本 ${FORMAT_VERSION}，请升级程序后再导入`);
    if (version !== FORMAT_VERSION) throw refuse('bad_format', `不支持的同步文件格式版本 ${version}`);
    const hlen = prefix.readUInt32BE(10);
    if (hlen < 2 || hlen > MAX_HEADER) throw refuse('bad_header', '同步文件头部长度异常，文件可能已损坏');
    const tagStart = size - SIG_LEN - TAG_LEN;
    if (tagStart < PREFIX_LEN + hlen) throw refuse('truncated', '同步文件不完整（可能复制时被截断），请重新导出或复制');
    const headerBytes = readAt(fd, PREFIX_LEN, hlen);
    let json: unknown;
    try {
      json = parseShallowJson(headerBytes.toString('utf8'));
    } catch {
      throw refuse('bad_header', '同步文件头部无法解析，文件已损坏');
    }
    if ((json as { format?: unknown } | null)?.format === kind.other) throw refuse('wrong_kind', kind.wrong);
    const parsed = kind.schema.safeParse(json);
    if (!parsed.success) throw refuse('bad_header', `同步文件头部内容不合规（${issuePlace(parsed.error.issues[0])}），文件已损坏或被篡改`);
    return { file, size, header: parsed.data, headerBytes, payloadStart: PREFIX_LEN + hlen, tagStart, tag: readAt(fd, tagStart, TAG_LEN) };
  } finally {
    fs.closeSync(fd);
  }
}

/** SHA-256 of bytes [0, end), streamed, read as if the file began with the final magic. */
export async function hashRange(file: string, end: number): Promise<Buffer> {
  const h = createHash('sha256').update(MAGIC.subarray(0, Math.min(end, MAGIC.length)));
  if (end > MAGIC.length) for await (const chunk of fs.createReadStream(file, { start: MAGIC.length, end: end - 1, highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest();
}

/** Checks the installation signature over the whole file; returns the bundle's hash (SHA-256 of the file). */
export async function verifySignature(env: Envelope<AnyHeader>): Promise<string> {
  const signedEnd = env.size - SIG_LEN;
  const digest = await hashRange(env.file, signedEnd);
  const fd = fs.openSync(env.file, 'r');
  let sig: Buffer;
  try {
    sig = readAt(fd, signedEnd, SIG_LEN);
  } finally {
    fs.closeSync(fd);
  }
  let ok: boolean;
  try {
    ok = verify(null, digest, publicEd25519(env.header.signerPublicKey), sig);
  } catch {
    ok = false;
  }
  if (!ok) throw refuse('bad_signature', '同步文件签名校验失败：文件已损坏或被篡改，未导入任何数据');
  return bundleHash(env.file);
}

/** A bundle's identity in the chain: SHA-256 of the complete file, hex. */
export async function bundleHash(file: string): Promise<string> {
  return (await hashRange(file, fs.statSync(file).size)).toString('hex');
}
