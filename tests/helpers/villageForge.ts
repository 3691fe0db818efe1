import { createCipheriv, createDecipheriv, createHash, createPrivateKey, sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Core } from '../../electron/core';
import { signLaptopClaim } from '../../electron/sync/boundIds';
import { MAGIC, readEnvelope } from '../../electron/sync/format';
import { openKey } from '../../electron/sync/seal';
import { signingKey, townshipBoxKey } from '../../electron/sync/state';
import { tempDir } from './tmp';

type Edit = (header: Record<string, unknown>, lines: string[]) => { header: unknown; lines: string[] };

/**
 * A laptop's real bundle with its header and payload edited, encrypted to the township again and
 * signed with the laptop's own key: what the holder of a 驻村版 could send, every check of the
 * envelope passing.
 */
export function resealVillageBundle(town: Core, lap: Core, file: string, edit: Edit): string {
  const env = readEnvelope(file, { kind: 'village' });
  const box = townshipBoxKey(town);
  const key = openKey(env.header, createPrivateKey({ key: Buffer.from(box.privateKey, 'base64'), format: 'der', type: 'pkcs8' }), box.publicKey);
  const iv = Buffer.from(env.header.crypto.payloadIv, 'base64');
  const bytes = fs.readFileSync(file);
  const d = createDecipheriv('aes-256-gcm', key, iv);
  d.setAAD(env.headerBytes);
  d.setAuthTag(env.tag);
  const plain = gunzipSync(Buffer.concat([d.update(bytes.subarray(env.payloadStart, env.tagStart)), d.final()])).toString('utf8');
  const before = JSON.parse(env.headerBytes.toString('utf8')) as Record<string, unknown>;
  const edited = edit(before, plain.split('\n').filter(Boolean));
  const header = edited.header as Record<string, unknown>;
  const lines = edited.lines;
  // The laptop holds its own key, so it signs its claim again for whatever the edit names,
  // unless the edit set a proof of its own.
  if (header.laptopProof === before.laptopProof) header.laptopProof = reclaim(lap, header);
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.from(bytes.subarray(0, 14));
  prefix.writeUInt32BE(headerBytes.length, 10);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(headerBytes);
  const signed = Buffer.concat([prefix, headerBytes, c.update(gzipSync(lines.join('\n') + '\n')), c.final(), c.getAuthTag()]);
  // The signature covers the file as if it began with the final magic (electron/sync/format.ts).
  const digest = createHash('sha256').update(MAGIC).update(signed.subarray(MAGIC.length)).digest();
  const sig = sign(null, digest, createPrivateKey({ key: Buffer.from(signingKey(lap).privateKey, 'base64'), format: 'der', type: 'pkcs8' }));
  const out = path.join(tempDir(), `resealed-${Math.random().toString(36).slice(2)}.tlbundle`);
  fs.writeFileSync(out, Buffer.concat([signed, sig]));
  return out;
}

function reclaim(lap: Core, h: Record<string, unknown>): string {
  const key = signingKey(lap);
  const claim = { installationId: h.installationId as string, villageId: (h.village as { id: string }).id, townshipCode: (h.township as { code: string }).code, publicKey: key.publicKey };
  return signLaptopClaim(claim, key.privateKey);
}
