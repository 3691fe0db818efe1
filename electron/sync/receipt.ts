import { createHash, sign, verify } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { freeName, writeFileDurably } from '../../db/durable';
import type { Core } from '../core';
import { refuse, type BundleHeader } from './format';
import { publicEd25519, type DistrictKeys } from './keys';
import { districtPublic } from './state';
import { markAcked, outOfBundle } from '../../db/syncOut';
import { writeTx } from '../../db/tx';
import { parseShallowJson } from './shallowJson';

/**
 * The acknowledgment over the sneakernet: after an import the district writes a receipt signed
 * with its Ed25519 key; the township imports it, and its next export starts after the
 * acknowledged changes. Without a receipt the township keeps resending, which is harmless.
 */

const bodySchema = z.strictObject({
  type: z.literal('township-ledger-receipt'),
  version: z.literal(1),
  district: z.strictObject({ code: z.string(), name: z.string() }),
  townshipCode: z.string().regex(/^\d{9}$/),
  installationId: z.string().max(64),
  bundleSeq: z.number().int().min(1),
  bundleHash: z.string().regex(/^[0-9a-f]{64}$/),
  ackSeq: z.number().int().min(0),
  importedAt: z.string().max(40),
});
const fileSchema = z.strictObject({ body: z.string().max(10_000), signature: z.string().max(200) });
export type ReceiptBody = z.infer<typeof bodySchema>;

export function writeReceipt(core: Core, keys: DistrictKeys, h: BundleHeader, bundleHash: string, dir: string): string {
  const body: ReceiptBody = {
    type: 'township-ledger-receipt',
    version: 1,
    district: { code: keys.public.code, name: keys.public.name },
    townshipCode: h.township.code,
    installationId: h.installationId,
    bundleSeq: h.bundleSeq,
    bundleHash,
    ackSeq: h.seqTo,
    importedAt: core.now().toISOString(),
  };
  const text = JSON.stringify(body);
  const signature = sign(null, Buffer.from(text, 'utf8'), keys.ed25519).toString('base64');
  fs.mkdirSync(dir, { recursive: true });
  // Never over a receipt already there: two PCs of one township (same code) both number their
  // bundles from 1, and the second receipt written into the same folder replaced the first.
  const file = path.join(dir, freeName(dir, `TL-RECEIPT-${h.township.code}-${String(h.bundleSeq).padStart(6, '0')}.tlreceipt`));
  writeFileDurably(file, JSON.stringify({ body: text, signature }, null, 2) + '\n');
  return file;
}

/** Township side: verifies the district's signature and marks that bundle (and all before it) confirmed. */
export function importReceipt(core: Core, text: string): { bundleSeq: number; ackSeq: number; already: boolean } {
  const inst = core.installation();
  if (inst?.role !== 'township') throw refuse('invalid', '只有乡镇（街道）导入回执');
  const district = districtPublic(core);
  if (!district) throw refuse('no_district_key', '尚未导入区县公钥，无法核验回执');
  let parsed: z.infer<typeof fileSchema>;
  let body: ReceiptBody;
  try {
    parsed = fileSchema.parse(parseShallowJson(text));
    body = bodySchema.parse(parseShallowJson(parsed.body));
  } catch {
    throw refuse('bad_receipt', '这不是有效的回执文件，或文件已损坏');
  }
  const ok = (() => {
    try {
      return verify(null, Buffer.from(parsed.body, 'utf8'), publicEd25519(district.ed25519), Buffer.from(parsed.signature, 'base64'));
    } catch {
      return false;
    }
  })();
  if (!ok) throw refuse('bad_signature', '回执签名校验失败：不是本区县签发的回执，或文件被篡改');
  if (body.installationId !== inst.installationId) throw refuse('not_ours', '这张回执是发给其他乡镇（或另一台电脑）的');
  const out = outOfBundle(core.db, body.bundleSeq);
  if (!out || out.hash !== body.bundleHash) throw refuse('unknown_bundle', `本机没有导出过与回执相符的第 ${body.bundleSeq} 号同步文件`);
  if (out.acked_at) return { bundleSeq: body.bundleSeq, ackSeq: out.seq_to, already: true };
  const receiptHash = createHash('sha256').update(text).digest('hex');
  writeTx(core.db, () => markAcked(core.db, body.bundleSeq, body.importedAt, receiptHash));
  return { bundleSeq: body.bundleSeq, ackSeq: out.seq_to, already: false };
}
