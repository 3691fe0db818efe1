import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pinOf, pinsOfTownship } from '../../db/syncPins';
import { ackedSeq, listOut } from '../../db/syncOut';
import { ownChangesSince } from '../../db/villageSync';
import type { VillageBundlePreview, VillageSyncStatus } from '../api/contract';
import { villageOrigin } from '../services/villageSetup';
import { fingerprint } from './keys';
import { signingKey } from './state';
import type { Handlers } from '../api/dispatch';
import { AppError } from '../api/errors';
import type { Core } from '../core';
import { offerDownload } from '../transfers';
import { claimSource, folder, keepIncoming, tableChanges, type BundleSource } from './service';
import { exportVillageBundle } from './villageExport';
import { applyVillageStaged, recordVillageRefusal, stageVillageBundle, type VillageStaged } from './villageImport';
import { laptop, revokeVillageLaptop, villageLaptops } from './villagePins';
import { importVillageReceipt, writeVillageReceipt } from './villageReceipt';

/**
 * The 驻村版 hop's channels (contracts/villageSync.ts): the laptop's export and receipt import,
 * the township's preview → apply of a laptop's bundle (which writes the receipt to carry back), and
 * its list and revocation of village laptops. The screens call these; the CLI calls the same
 * functions directly (villageCli.ts).
 */

const stages = new WeakMap<Core, { id: string; staged: VillageStaged; fileName: string }>();
const text = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

/** Township: verifies and stages a laptop's bundle (kept in incoming/); a refusal is recorded and thrown. */
async function preview(core: Core, input: BundleSource): Promise<VillageBundlePreview> {
  const src = claimSource(core, input);
  let dest: string;
  try {
    dest = keepIncoming(core, src);
  } finally {
    if (src.upload) fs.rmSync(src.upload, { force: true });
  }
  let staged: VillageStaged;
  try {
    staged = await stageVillageBundle(core, dest);
  } catch (err) {
    recordVillageRefusal(core, dest, err, src.fileName);
    throw err;
  }
  const id = randomBytes(16).toString('hex');
  stages.set(core, { id, staged, fileName: src.fileName });
  const h = staged.header;
  return {
    stageId: id,
    fileName: src.fileName,
    village: { code: h.village.code, name: h.village.name },
    bundleSeq: h.bundleSeq,
    createdAt: h.createdAt,
    duplicate: staged.duplicate,
    needsConfirmation: staged.pin.kind !== 'known',
    signerFingerprint: staged.signerFingerprint,
    previousLaptops: pinsOfTownship(core.db, h.village.id)
      .filter((p) => p.installation_id !== h.installationId || p.public_key !== h.signerPublicKey)
      .map(laptop),
    notes: staged.notes,
    tables: tableChanges(staged.tables),
  };
}

/** Township: applies the previewed bundle in one transaction and writes the receipt for the laptop. */
function apply(core: Core, stageId: string, confirmPin: boolean) {
  const s = stages.get(core);
  if (!s || s.id !== stageId) throw new AppError('stale', '预览已失效，请重新选择同步文件');
  if (s.staged.pin.kind !== 'known' && !confirmPin) {
    throw new AppError('confirm_pin', `首次收到${s.staged.header.village.name}这台驻村版电脑的文件：请与驻村工作队电话核对密钥指纹 ${s.staged.signerFingerprint} 后勾选确认`, [
      { path: ['confirmPin'], message: '请先核对并确认密钥指纹' },
    ]);
  }
  stages.delete(core);
  let summary: ReturnType<typeof applyVillageStaged>;
  try {
    summary = applyVillageStaged(core, s.staged, { confirmPin, fileName: s.fileName });
  } catch (err) {
    recordVillageRefusal(core, s.staged.file, err, s.fileName);
    throw err;
  }
  const receipt = writeVillageReceipt(core, s.staged.header, s.staged.hash, folder(core, 'receipts'));
  return { result: summary.result, tables: tableChanges(summary.tables), receipt: { fileName: path.basename(receipt), downloadId: offerDownload(receipt) } };
}

/** 驻村版: where its sync stands; null elsewhere. */
function status(core: Core): VillageSyncStatus | null {
  const inst = core.installation();
  const origin = inst?.role === 'village' ? villageOrigin(core) : null;
  if (!inst || !origin) return null;
  const out = listOut(core.db);
  return {
    township: { code: origin.township.code, name: origin.township.name, fingerprint: origin.township.fingerprint },
    village: { code: origin.village.code, name: origin.village.name },
    signerFingerprint: fingerprint(signingKey(core).publicKey),
    pendingChanges: ownChangesSince(core.db, inst.installationId, ackedSeq(core.db)),
    lastExportAt: out[0]?.created_at ?? null,
    bundles: out.slice(0, 50).map((b) => ({
      bundleSeq: b.bundle_seq,
      fileName: b.file_name,
      createdAt: b.created_at,
      full: false,
      rows: Object.values(JSON.parse(b.counts) as Record<string, { rows: number }>).reduce((a, c) => a + c.rows, 0),
      ackedAt: b.acked_at,
    })),
  };
}

export const villageSyncHandlers = {
  'sync.villageStatus': (core) => status(core),
  'sync.villageExport': async (core) => {
    const r = await exportVillageBundle(core, { dir: folder(core, 'exports') });
    const rows = Object.values(r.header.counts).reduce((a, c) => a + c.rows, 0);
    return { bundleSeq: r.header.bundleSeq, fileName: path.basename(r.file), savedPath: r.file, rows, downloadId: offerDownload(r.file) };
  },
  'sync.villageReceipt': (core, { file }) => {
    const r = importVillageReceipt(core, text(file.base64));
    return { ...r, tables: tableChanges(r.tables) };
  },
  'sync.villagePreview': (core, { file, uploadId }) => preview(core, { file, uploadId }),
  'sync.villageApply': (core, { stageId, confirmPin }) => apply(core, stageId, confirmPin),
  'sync.villageLaptops': (core) => villageLaptops(core),
  'sync.revokeVillageLaptop': (core, { installationId, reason }) => {
    if (!pinOf(core.db, installationId)) throw new AppError('not_found', '没有登记过这台驻村版电脑', [{ path: ['installationId'], message: '没有登记过这台电脑' }]);
    return revokeVillageLaptop(core, installationId, reason);
  },
} satisfies Partial<Handlers>;
