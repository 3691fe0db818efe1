import { createDecipheriv, createHash, createPrivateKey, createPublicKey, diffieHellman, hkdfSync, scryptSync, type KeyObject } from 'node:crypto';
import { gunzipSync } from 'node:zlib';

/**
 * An independent reader of sync bundles and receipts, written from electron/sync/FORMAT.md alone.
 * It imports nothing of the app (a test guards that), so where the app and the document part ways
 * the tests comparing the two fail: the document stays enough to read real files.
 */

import { derivedInstallationId, ed25519Verifies, laptopClaimProven, publicKey, rowIdPrefix } from './formatIds';
import { b64, bool, checked, exact, fail, FormatError, hex64, int, isObject, literal, MAX_SAFE, nullable, parseJson, str, type Check } from './formatShapes';

export { FormatError } from './formatShapes';
// ---- keys ---------------------------------------------------------------------------------

export interface DistrictPub {
  type: string;
  version: number;
  code: string;
  name: string;
  x25519: string;
  ed25519: string;
}

const districtPubShape = exact({
  type: literal('township-ledger-district-public-key'),
  version: literal(1),
  code: str(/^\d{6}$/),
  name: str(undefined, 100),
  x25519: b64(32),
  ed25519: b64(32),
});

/** The first 16 bytes of SHA-256 over the raw keys, upper-case hex in groups of four joined by one space. */
export function fingerprintOf(...rawKeysB64: string[]): string {
  const h = createHash('sha256');
  for (const k of rawKeysB64) h.update(Buffer.from(k, 'base64'));
  const hex = h.digest().subarray(0, 16).toString('hex').toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}

export const districtFingerprintOf = (p: DistrictPub) => fingerprintOf(p.x25519, p.ed25519);

export function readDistrictPub(text: string): DistrictPub {
  return checked<DistrictPub>(parseJson(text, 'bad_key_file', 'district.pub'), districtPubShape, 'bad_key_file', 'district.pub');
}

export interface DistrictSecret {
  public: DistrictPub;
  x25519: KeyObject;
}

const districtKeyShape = exact({
  type: literal('township-ledger-district-private-key'),
  version: literal(1),
  public: districtPubShape,
  kdf: exact({ name: literal('scrypt'), N: int(2), r: int(1), p: int(1), salt: str() }),
  cipher: exact({ name: literal('aes-256-gcm'), iv: b64(12), tag: b64(16), data: str() }),
});

/** Opens district.key: scrypt of the NFC passphrase, then AES-256-GCM without AAD. */
export function openDistrictKey(text: string, passphrase: string): DistrictSecret {
  const f = checked<{ public: DistrictPub; kdf: { N: number; r: number; p: number; salt: string }; cipher: { iv: string; tag: string; data: string } }>(
    parseJson(text, 'bad_key_file', 'district.key'),
    districtKeyShape,
    'bad_key_file',
    'district.key',
  );
  if (f.kdf.N > 1 << 20 || f.kdf.r > 32 || f.kdf.p > 16) fail('bad_key_file', 'scrypt parameters out of range');
  const { N, r, p } = f.kdf;
  const kek = scryptSync(Buffer.from(passphrase.normalize('NFC'), 'utf8'), Buffer.from(f.kdf.salt, 'base64'), 32, { N, r, p, maxmem: 256 * N * r });
  let plain: Buffer;
  try {
    const d = createDecipheriv('aes-256-gcm', kek, Buffer.from(f.cipher.iv, 'base64'));
    d.setAuthTag(Buffer.from(f.cipher.tag, 'base64'));
    plain = Buffer.concat([d.update(Buffer.from(f.cipher.data, 'base64')), d.final()]);
  } catch {
    return fail('bad_passphrase', 'the passphrase does not open district.key');
  }
  const secret = checked<{ x25519: string }>(parseJson(plain.toString('utf8'), 'bad_key_file', 'key material'), exact({ x25519: str(), ed25519: str() }), 'bad_key_file', 'key material');
  const x25519 = createPrivateKey({ key: Buffer.from(secret.x25519, 'base64'), format: 'der', type: 'pkcs8' });
  if (rawPublic(createPublicKey(x25519)) !== f.public.x25519) fail('bad_key_file', 'the private x25519 key does not match the public one');
  return { public: f.public, x25519 };
}

const rawPublic = (k: KeyObject) => Buffer.from(k.export({ format: 'jwk' }).x!, 'base64url').toString('base64');
export { derivedInstallationId, laptopClaimProven, rowIdPrefix };

// ---- bundle -------------------------------------------------------------------------------

export interface Counts {
  [table: string]: { rows: number; deleted: number };
}

export interface Header {
  format: string;
  version: number;
  schemaVersion: number;
  township: { code: string; name: string };
  installationId: string;
  bundleSeq: number;
  prevHash: string | null;
  full: boolean;
  seqFrom: number;
  seqTo: number;
  counts: Counts;
  createdAt: string;
  signerPublicKey: string;
  recipient: { fingerprint: string; x25519: string };
  crypto: { ephemeralPublicKey: string; wrapIv: string; wrappedKey: string; wrapTag: string; payloadIv: string };
  /** Present only when the township vouches for at least one 驻村版 laptop. */
  villagePins?: { installationId: string; villageId: string; publicKey: string; proof?: string }[];
}

const countsCheck: Check = (v, p) => {
  if (!isObject(v)) return fail('bad_json', `${p} is not an object`);
  for (const [k, c] of Object.entries(v)) {
    if (!/^[a-z][a-z0-9_]{0,62}$/.test(k)) fail('bad_json', `${p} has a bad table name`);
    exact({ rows: int(0), deleted: int(0) })(c, `${p}.${k}`);
  }
};
const seqCheck: Check = (v, p) => {
  int(0)(v, p);
  if ((v as number) > MAX_SAFE) fail('bad_json', `${p} too large`);
};

const baseHeaderShape = {
  format: literal('township-ledger-bundle'),
  version: literal(1),
  schemaVersion: int(1),
  township: exact({ code: str(/^\d{9}$/), name: str(undefined, 100, 1) }),
  installationId: str(undefined, 64, 1),
  bundleSeq: int(1),
  prevHash: nullable(hex64),
  full: bool,
  seqFrom: seqCheck,
  seqTo: seqCheck,
  counts: countsCheck,
  createdAt: str(undefined, 40),
  signerPublicKey: b64(32),
  recipient: exact({ fingerprint: str(undefined, 64), x25519: b64(32) }),
  crypto: exact({
    kem: literal('X25519-HKDF-SHA256'),
    ephemeralPublicKey: b64(32),
    wrapIv: b64(12),
    wrappedKey: b64(32),
    wrapTag: b64(16),
    cipher: literal('AES-256-GCM'),
    payloadIv: b64(12),
    compression: literal('gzip'),
    payloadFormat: literal('ndjson'),
  }),
};
const villagePinsCheck: Check = (v, p) => {
  if (!Array.isArray(v) || v.length < 1 || v.length > 10_000) return fail('bad_json', `${p} must be an array of 1 to 10000 laptops`);
  const laptop = { installationId: str(undefined, 64, 1), villageId: str(undefined, 64, 1), publicKey: b64(32) };
  // `proof` (the laptop's own signed claim, 64 bytes) is absent only for a laptop pinned by an app before schema 23.
  v.forEach((x, i) => exact(isObject(x) && Object.prototype.hasOwnProperty.call(x, 'proof') ? { ...laptop, proof: b64(64) } : laptop)(x, `${p}[${i}]`));
};
/** `villagePins` is the one optional member: present exactly when the township vouches for a laptop. */
const headerShape: Check = (v, p) =>
  exact(isObject(v) && Object.prototype.hasOwnProperty.call(v, 'villagePins') ? { ...baseHeaderShape, villagePins: villagePinsCheck } : baseHeaderShape)(v, p);

/** The tables of FORMAT.md in their documented order (parents first). */
export const TABLE_ORDER = [
  'villages', 'village_years', 'cadres', 'cadre_postings', 'work_logs', 'cadre_inspections', 'cadre_evaluations', 'cadre_assessments',
  'floating_members', 'member_contacts', 'contact_records', 'member_status_history', 'projects', 'project_incomes', 'project_progress',
  'dev_people', 'dev_assessments', 'rectification_cases', 'rectification_measures',
  'star_ratings', 'star_rectifications',
] as const;
export const SYNC_COLUMN_NAMES = ['id', 'created_at', 'updated_at', 'seq', 'version', 'deleted_at', 'origin'] as const;
/** Schema versions whose columns FORMAT.md describes. */
export const KNOWN_SCHEMA_VERSIONS = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23];

const MAX_LINE = 4 * 1024 * 1024;
const MAX_TEXT = 1024 * 1024;
const UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export type Row = Record<string, string | number | null>;

export interface ReadBundle {
  header: Header;
  /** SHA-256 of the whole file, hex. */
  hash: string;
  signerFingerprint: string;
  lines: { table: string; row: Row }[];
  /** What the payload holds, counted by this reader. */
  counted: Counts;
}

export interface ReadOptions {
  /** Domain columns per table (the column appendix): rows must have exactly the sync columns plus these. */
  columns?: Record<string, readonly string[]>;
}

/** Reads a bundle in FORMAT.md's order: prefix, header, signature, recipient, key, payload, counts. */
export function readBundle(file: Buffer, district: DistrictSecret, opts: ReadOptions = {}): ReadBundle {
  // 1. Prefix.
  if (file.length < 14 || !file.subarray(0, 8).equals(Buffer.from('TLBUNDLE', 'ascii'))) fail('bad_magic', 'not a bundle');
  const version = file.readUInt16BE(8);
  if (version > 1) fail('future_format', `format version ${version}`);
  if (version !== 1) fail('bad_format', `format version ${version}`);
  const H = file.readUInt32BE(10);
  if (H < 2 || H > 1_048_576) fail('bad_header', 'header length out of range');
  if (file.length < 14 + H + 80) fail('truncated', 'file shorter than its header says');
  // 2. Header: parsed to learn the signing key; not trusted yet.
  const headerBytes = file.subarray(14, 14 + H);
  const header = checked<Header>(parseJson(headerBytes.toString('utf8'), 'bad_header', 'header'), headerShape, 'bad_header', 'header');
  // 3. Signature: Ed25519 over the SHA-256 digest of everything before it.
  const digest = createHash('sha256').update(file.subarray(0, file.length - 64)).digest();
  if (!ed25519Verifies(header.signerPublicKey, digest, file.subarray(file.length - 64))) fail('bad_signature', 'the signature does not verify');
  const hash = createHash('sha256').update(file).digest('hex');
  // 4. Recipient. (5, whether the signer is the township's key, is the caller's: a fingerprint checked by phone.)
  const pub = district.public;
  if (header.recipient.fingerprint !== districtFingerprintOf(pub) || header.recipient.x25519 !== pub.x25519) fail('wrong_recipient', 'encrypted to another district key');
  if (!header.township.code.startsWith(pub.code)) fail('wrong_recipient', 'the township is not in this district');
  if (!KNOWN_SCHEMA_VERSIONS.includes(header.schemaVersion) && !opts.columns) fail('unknown_schema', `schema version ${header.schemaVersion} is not described`);
  // 7. Payload key (no AAD), payload (AAD = header bytes as stored), gunzip, lines.
  const contentKey = unwrapKey(header, district);
  let plain: Buffer;
  try {
    const d = createDecipheriv('aes-256-gcm', contentKey, Buffer.from(header.crypto.payloadIv, 'base64'));
    d.setAAD(headerBytes);
    d.setAuthTag(file.subarray(file.length - 80, file.length - 64));
    plain = gunzipSync(Buffer.concat([d.update(file.subarray(14 + H, file.length - 80)), d.final()]));
  } catch {
    return fail('bad_payload', 'the payload does not decrypt or decompress');
  }
  const { lines, counted } = parseLines(plain.toString('utf8'), header, opts);
  for (const t of new Set([...Object.keys(counted), ...Object.keys(header.counts)])) {
    const a = counted[t] ?? { rows: 0, deleted: 0 };
    const b = header.counts[t] ?? { rows: 0, deleted: 0 };
    if (a.rows !== b.rows || a.deleted !== b.deleted) fail('count_mismatch', `${t}: payload ${a.rows}/${a.deleted}, header ${b.rows}/${b.deleted}`);
  }
  return { header, hash, signerFingerprint: fingerprintOf(header.signerPublicKey), lines, counted };
}

function unwrapKey(header: Header, district: DistrictSecret): Buffer {
  try {
    const eph = Buffer.from(header.crypto.ephemeralPublicKey, 'base64');
    const shared = diffieHellman({ privateKey: district.x25519, publicKey: publicKey('X25519', header.crypto.ephemeralPublicKey) });
    const salt = Buffer.concat([eph, Buffer.from(district.public.x25519, 'base64')]);
    const kek = Buffer.from(hkdfSync('sha256', shared, salt, Buffer.from('township-ledger bundle v1 key wrap', 'ascii'), 32));
    const d = createDecipheriv('aes-256-gcm', kek, Buffer.from(header.crypto.wrapIv, 'base64'));
    d.setAuthTag(Buffer.from(header.crypto.wrapTag, 'base64'));
    const key = Buffer.concat([d.update(Buffer.from(header.crypto.wrappedKey, 'base64')), d.final()]);
    return key.length === 32 ? key : fail('wrong_key', 'content key has the wrong length');
  } catch (e) {
    if (e instanceof FormatError) throw e;
    return fail('wrong_key', 'the content key does not unwrap');
  }
}

function parseLines(text: string, h: Header, opts: ReadOptions): { lines: ReadBundle['lines']; counted: Counts } {
  if (text !== '' && !text.endsWith('\n')) fail('bad_row', 'the last line does not end with LF');
  const raw = text === '' ? [] : text.slice(0, -1).split('\n');
  const lines: ReadBundle['lines'] = [];
  const counted: Counts = {};
  let lastTable = -1;
  let lastSeq = -1;
  raw.forEach((line, i) => {
    const where = `line ${i + 1}`;
    if (line.length > MAX_LINE) fail('bad_row', `${where} too long`);
    const item = parseJson(line, 'bad_row', where);
    if (!isObject(item) || Object.keys(item).length !== 2 || typeof item.table !== 'string' || !isObject(item.row)) fail('bad_row', `${where} is not {table, row}`);
    const { table, row } = item as { table: string; row: Row };
    const order = (TABLE_ORDER as readonly string[]).indexOf(table);
    if (order < 0) fail('bad_row', `${where} names an unknown table ${table}`);
    checkRow(row, table, h, opts, where);
    // Parents first, then by seq within a table.
    if (order < lastTable || (order === lastTable && (row.seq as number) <= lastSeq)) fail('bad_row', `${where} out of order`);
    if (order !== lastTable) lastSeq = -1;
    lastTable = order;
    lastSeq = row.seq as number;
    const c = (counted[table] ??= { rows: 0, deleted: 0 });
    c.rows++;
    if (row.deleted_at !== null) c.deleted++;
    lines.push({ table, row });
  });
  return { lines, counted };
}

function checkRow(row: Row, table: string, h: Header, opts: ReadOptions, where: string): void {
  const bad = (why: string) => fail('bad_row', `${where} (${table}): ${why}`);
  const keys = Object.keys(row);
  for (const c of SYNC_COLUMN_NAMES) if (!Object.prototype.hasOwnProperty.call(row, c)) bad(`no ${c}`);
  const domain = opts.columns?.[table];
  if (domain) {
    const want = [...SYNC_COLUMN_NAMES, ...domain];
    if (keys.length !== want.length || !want.every((c) => keys.includes(c))) bad('columns differ from the documented ones');
  }
  for (const [k, v] of Object.entries(row)) {
    if (v === null) continue;
    if (typeof v === 'number') {
      if (!Number.isSafeInteger(v)) bad(`${k} is not an integer`);
    } else if (typeof v !== 'string' || v.length > MAX_TEXT) bad(`${k} is neither integer, text nor null`);
  }
  if (typeof row.id !== 'string' || !/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/.test(row.id)) bad('bad id');
  for (const c of ['created_at', 'updated_at'] as const) if (typeof row[c] !== 'string' || !UTC.test(row[c] as string)) bad(`bad ${c}`);
  if (row.deleted_at !== null && (typeof row.deleted_at !== 'string' || !UTC.test(row.deleted_at))) bad('bad deleted_at');
  if (typeof row.version !== 'number' || row.version < 1) bad('bad version');
  if (typeof row.seq !== 'number' || row.seq <= h.seqFrom || row.seq > h.seqTo) bad('seq outside seqFrom < seq <= seqTo');
  if (row.origin !== h.installationId && !h.villagePins?.some((p) => p.installationId === row.origin)) bad('origin is neither the installation nor a laptop it vouches for');
}

/**
 * The chain of one installation's bundles, given in bundleSeq order: consecutive numbers, each
 * prevHash the hash of the one before, one key, and ranges that never skip a change.
 */
export function checkChain(bundles: readonly ReadBundle[]): void {
  bundles.forEach((b, i) => {
    const h = b.header;
    if (h.seqFrom > h.seqTo) fail('chain', `bundle ${h.bundleSeq}: seqFrom > seqTo`);
    if (h.full && h.seqFrom !== 0) fail('chain', `bundle ${h.bundleSeq}: a full export starts at 0`);
    if (h.bundleSeq === 1 && h.prevHash !== null) fail('chain', 'bundle 1 has a prevHash');
    if (i === 0) return;
    const p = bundles[i - 1]!.header;
    if (h.installationId !== p.installationId || h.signerPublicKey !== p.signerPublicKey) fail('chain', `bundle ${h.bundleSeq}: another installation or key`);
    if (h.bundleSeq !== p.bundleSeq + 1) fail('chain', `bundle ${h.bundleSeq} does not follow ${p.bundleSeq}`);
    if (h.prevHash !== bundles[i - 1]!.hash) fail('chain', `bundle ${h.bundleSeq}: prevHash is not the hash of bundle ${p.bundleSeq}`);
    if (h.seqFrom > p.seqTo) fail('chain', `bundle ${h.bundleSeq} skips changes after ${p.seqTo}`);
    if (h.seqTo < p.seqTo) fail('chain', `bundle ${h.bundleSeq} goes back in the change sequence`);
  });
}

// ---- receipt ------------------------------------------------------------------------------

export interface ReceiptBody {
  type: string;
  version: number;
  district: { code: string; name: string };
  townshipCode: string;
  installationId: string;
  bundleSeq: number;
  bundleHash: string;
  ackSeq: number;
  importedAt: string;
}

const receiptBodyShape = exact({
  type: literal('township-ledger-receipt'),
  version: literal(1),
  district: exact({ code: str(), name: str() }),
  townshipCode: str(/^\d{9}$/),
  installationId: str(undefined, 64),
  bundleSeq: int(1),
  bundleHash: hex64,
  ackSeq: int(0),
  importedAt: str(undefined, 40),
});

/** Verifies a receipt under the district's ed25519 key: the signature is over the body string's UTF-8 bytes as they stand. */
export function readReceipt(text: string, district: DistrictPub): ReceiptBody {
  const file = checked<{ body: string; signature: string }>(
    parseJson(text, 'bad_receipt', 'receipt'),
    exact({ body: str(undefined, 10_000), signature: str(undefined, 200) }),
    'bad_receipt',
    'receipt',
  );
  if (!ed25519Verifies(district.ed25519, Buffer.from(file.body, 'utf8'), Buffer.from(file.signature, 'base64'))) fail('bad_signature', 'the receipt signature does not verify');
  const body = checked<ReceiptBody>(parseJson(file.body, 'bad_receipt', 'receipt body'), receiptBodyShape, 'bad_receipt', 'receipt body');
  if (body.district.code !== district.code) fail('bad_receipt', 'receipt of another district');
  return body;
}

/** Whether a verified receipt acknowledges this bundle, as a township would decide. */
export function receiptAcknowledges(body: ReceiptBody, bundle: ReadBundle): boolean {
  const h = bundle.header;
  return body.installationId === h.installationId && body.townshipCode === h.township.code && body.bundleSeq === h.bundleSeq && body.bundleHash === bundle.hash && body.ackSeq === h.seqTo;
}

/** The names FORMAT.md gives the files. */
export const bundleName = (h: Header) => `TL-${h.township.code}-${String(h.bundleSeq).padStart(6, '0')}-${h.createdAt.replace(/[-:]/g, '').replace(/\..*$/, '')}.tlbundle`;
export const receiptName = (b: ReceiptBody) => `TL-RECEIPT-${b.townshipCode}-${String(b.bundleSeq).padStart(6, '0')}.tlreceipt`;
