import { createCipheriv, createHash, createPrivateKey, sign } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { schemaVersion } from '../../db/migrate';
import { SYNC_TABLES } from '../../db/tables';
import type { Core } from '../../electron/core';
import { FORMAT_VERSION, MAGIC, type BundleHeader } from '../../electron/sync/format';
import { districtFingerprint } from '../../electron/sync/keys';
import { sealKey } from '../../electron/sync/seal';
import { districtPublic, signingKey } from '../../electron/sync/state';

/**
 * Builds bundles with hostile content that still carry a valid signature by the township's real
 * installation key and are encrypted to the district's real key, so the checks that refuse them are
 * the content checks, not the signature. Mirrors the layout in electron/sync/FORMAT.md.
 */

export interface CraftOptions {
  /** NDJSON payload (before gzip); default: every synced row of the township, as an export writes it. */
  payload?: string | Buffer;
  /** Raw bytes encrypted as the payload instead of gzip(payload) (e.g. not gzip at all). */
  rawPayload?: Buffer;
  /** Edits the header object before it is serialized. */
  header?: (h: BundleHeader) => unknown;
  /** Replaces the serialized header text entirely. */
  headerText?: string;
  magic?: Buffer;
  prefixVersion?: number;
  bundleSeq?: number;
}

/** Every synced row of the township as export NDJSON lines (parents first, by seq). */
export function townshipLines(town: Core): string[] {
  const lines: string[] = [];
  for (const t of SYNC_TABLES) {
    for (const row of town.db.prepare(`SELECT * FROM ${t.name} ORDER BY seq`).all()) lines.push(JSON.stringify({ table: t.name, row }));
  }
  return lines;
}

/** Counts per table of the lines that parse as `{table, row}`; others are left out (as a liar would). */
function countsOf(payload: string): BundleHeader['counts'] {
  const counts: BundleHeader['counts'] = {};
  for (const line of payload.split('\n')) {
    type Item = { table?: unknown; row?: { deleted_at?: unknown } } | null;
    let item: Item;
    try {
      item = JSON.parse(line) as Item;
    } catch {
      continue;
    }
    if (typeof item?.table !== 'string' || !/^[a-z][a-z0-9_]{0,62}$/.test(item.table)) continue;
    const c = (counts[item.table] ??= { rows: 0, deleted: 0 });
    c.rows++;
    if (item.row && typeof item.row === 'object' && item.row.deleted_at != null) c.deleted++;
  }
  return counts;
}

export function craftBundle(town: Core, opts: CraftOptions = {}): Buffer {
  const inst = town.installation()!;
  const key = signingKey(town);
  const district = districtPublic(town)!;
  const payload = Buffer.isBuffer(opts.payload) ? opts.payload : Buffer.from(opts.payload ?? townshipLines(town).join('\n') + '\n', 'utf8');
  const { contentKey, crypto } = sealKey(district.x25519);
  const seqTo = (town.db.prepare('SELECT seq FROM sync_clock').get() as { seq: number }).seq;
  const header: BundleHeader = {
    format: 'township-ledger-bundle',
    version: FORMAT_VERSION,
    schemaVersion: schemaVersion(town.db),
    township: { code: inst.unitCode, name: inst.unitName },
    installationId: inst.installationId,
    bundleSeq: opts.bundleSeq ?? 1,
    prevHash: null,
    full: true,
    seqFrom: 0,
    seqTo,
    counts: countsOf(payload.toString('utf8')),
    createdAt: town.now().toISOString(),
    signerPublicKey: key.publicKey,
    recipient: { fingerprint: districtFingerprint(district), x25519: district.x25519 },
    crypto,
  };
  const headerBytes = Buffer.from(opts.headerText ?? JSON.stringify(opts.header ? opts.header(header) : header), 'utf8');
  const prefix = Buffer.alloc(14);
  (opts.magic ?? MAGIC).copy(prefix, 0, 0, 8);
  prefix.writeUInt16BE(opts.prefixVersion ?? FORMAT_VERSION, 8);
  prefix.writeUInt32BE(headerBytes.length, 10);
  const cipher = createCipheriv('aes-256-gcm', contentKey, Buffer.from(crypto.payloadIv, 'base64'));
  cipher.setAAD(headerBytes);
  const body = Buffer.concat([prefix, headerBytes, cipher.update(opts.rawPayload ?? gzipSync(payload)), cipher.final()]);
  const signed = Buffer.concat([body, cipher.getAuthTag()]);
  // The signature covers the file as if it began with the final magic (see format.ts hashRange).
  const digest = createHash('sha256').update(MAGIC).update(signed.subarray(MAGIC.length)).digest();
  const sig = sign(null, digest, createPrivateKey({ key: Buffer.from(key.privateKey, 'base64'), format: 'der', type: 'pkcs8' }));
  return Buffer.concat([signed, sig]);
}
