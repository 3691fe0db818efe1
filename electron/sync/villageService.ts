import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ackedSeq, listOut } from '../../db/syncOut';
import { historyPage } from '../../db/syncHistory';
import { SYNC_TABLES } from '../../db/tables';
import { unconfirmedLaptopRows } from '../../db/villageScreens';
import type { TableChange } from '../api/contract';
import type { VillageBundlePreviewed, VillageImportItem, VillageSyncStatus } from '../api/contracts/villageSync';
import type { Handlers } from '../api/dispatch';
import { AppError, fromUnknown } from '../api/errors';
import type { Core } from '../core';
import { localDay } from '../domain/dates';
import { villageOrigin } from '../services/villageSetup';
import { offerDownload, takeReceived } from '../transfers';
import { readEnvelope, type VillageBundleHeader } from './format';
import { fingerprint } from './keys';
import { signingKey } from './state';
import type { Preview } from './import';
import { exportVillageBundle } from './villageExport';
import type { ConflictChoice } from './villageConflicts';
import { applyVillageStaged, recordVillageRefusal, stageVillageBundle, type VillageStaged } from './villageImport';
import { revokeVillageLaptop, villageLaptops } from './villagePins';
import { importVillageReceipt, writeVillageReceipt } from './villageReceipt';
import { receiptChanges, receiptSnapshot } from './villageReceiptWords';

/**
 * The screens' side of the village ↔ township hop (electron/sync/village*.ts hold the protocol):
 * files kept beside the database (exports/, incoming/, receipts/) and offered for download, one
 * staged laptop bundle per store between preview and apply, and the words a first secretary
 * reads for what a receipt changed.
 */

const folder = (core: Core, name: string) => path.join(path.dirname(path.resolve(core.file)), name);
const labelOf = (table: string) => SYNC_TABLES.find((t) => t.name === table)?.label ?? table;
const tableChanges = (p: Preview['tables']): TableChange[] => Object.entries(p).map(([table, c]) => ({ table, label: labelOf(table), ...c }));
const rowsOf = (counts: Record<string, { rows: number }>) => Object.values(counts).reduce((a, c) => a + c.rows, 0);

function laptopStatus(core: Core): VillageSyncStatus['laptop'] {
  const inst = core.installation()!;
  const origin = villageOrigin(core);
  const out = listOut(core.db);
  const pending = unconfirmedLaptopRows(core.db, inst.installationId, ackedSeq(core.db));
  const receipts = out.map((b) => b.acked_at).filter((a): a is string => a !== null).sort();
  return {
    village: origin?.village.name ?? inst.unitName,
    township: origin ? `${origin.township.name}（${origin.township.code}）` : '',
    signerFingerprint: fingerprint(signingKey(core).publicKey),
    pending,
    lastExportAt: out[0]?.created_at ?? null,
    lastReceiptAt: receipts.at(-1) ?? null,
    bundles: out.slice(0, 50).map((b) => ({ bundleSeq: b.bundle_seq, fileName: b.file_name, createdAt: b.created_at, rows: rowsOf(JSON.parse(b.counts)), ackedAt: b.acked_at })),
  };
}

/** The township only ever imports laptop bundles, so its import history is theirs. */
function villageImports(core: Core): VillageImportItem[] {
  return historyPage(core.db, 1, 50).map((r) => ({
    key: `${r.result}-${r.id}`,
    result: r.result,
    village: r.township_name,
    bundleSeq: r.bundle_seq,
    fileName: r.file_name,
    importedAt: r.at,
    importedBy: r.operator,
    rows: Object.values(JSON.parse(r.counts) as Record<string, Record<string, number>>).reduce((a, c) => a + (c.new ?? 0) + (c.changed ?? 0) + (c.deleted ?? 0), 0),
    reason: r.reason,
  }));
}

export function villageSyncStatus(core: Core): VillageSyncStatus {
  const role = core.installation()?.role;
  if (!role) return { role: 'township', laptop: null, township: null };
  if (role === 'village') return { role, laptop: laptopStatus(core), township: null };
  if (role === 'township') return { role, laptop: null, township: { laptops: villageLaptops(core), imports: villageImports(core) } };
  return { role, laptop: null, township: null };
}

const stages = new WeakMap<Core, { id: string; staged: VillageStaged; fileName: string }>();

type Source = { file?: { fileName: string; base64: string }; uploadId?: string };

/** Keeps the received bundle in incoming/ (a streamed upload is moved there, never read into memory). */
function keepIncoming(core: Core, src: Source): { dest: string; fileName: string } {
  let upload: { file: string; fileName: string } | null = null;
  if (src.uploadId !== undefined) {
    upload = takeReceived(core, src.uploadId);
    if (!upload) throw new AppError('upload_gone', '上传的同步文件已失效（已使用、已过期或不是本程序收到的），请重新选择文件', [{ path: ['uploadId'], message: '上传编号无效' }]);
  }
  const fileName = upload?.fileName ?? src.file!.fileName;
  const dir = folder(core, 'incoming');
  fs.mkdirSync(dir, { recursive: true });
  const safe = path.basename(fileName).replace(/[^\w.\-\u4e00-\u9fa5]/g, '_') || 'village.tlbundle';
  const dest = path.join(dir, `${localDay(core.now())}-${randomBytes(4).toString('hex')}-${safe}`);
  if (!upload) fs.writeFileSync(dest, Buffer.from(src.file!.base64, 'base64'));
  else {
    try {
      fs.renameSync(upload.file, dest);
    } catch {
      fs.copyFileSync(upload.file, dest);
      fs.rmSync(upload.file, { force: true });
    }
  }
  return { dest, fileName };
}

/** What the header of a refused file says, when it can be read at all (nothing in it was trusted). */
function refusedPreview(dest: string, fileName: string, reason: string): VillageBundlePreviewed {
  let h: VillageBundleHeader | null;
  try {
    h = readEnvelope(dest, { kind: 'village' }).header;
  } catch {
    h = null;
  }
  return {
    stageId: null,
    fileName,
    village: h?.village ?? null,
    township: h?.township ?? null,
    bundleSeq: h?.bundleSeq ?? null,
    createdAt: h?.createdAt ?? null,
    signerFingerprint: null,
    pin: null,
    previousFingerprints: [],
    duplicate: false,
    notes: [],
    tables: [],
    conflicts: [],
    refusal: reason,
  };
}

async function preview(core: Core, src: Source): Promise<VillageBundlePreviewed> {
  if (core.installation()?.role !== 'township') throw new AppError('invalid', '只有乡镇（街道）导入驻村版的同步文件');
  const { dest, fileName } = keepIncoming(core, src);
  let staged: VillageStaged;
  try {
    staged = await stageVillageBundle(core, dest);
  } catch (err) {
    const r = recordVillageRefusal(core, dest, err, fileName);
    return refusedPreview(dest, fileName, r.message || fromUnknown(err).message);
  }
  const id = randomBytes(16).toString('hex');
  stages.set(core, { id, staged, fileName });
  const h = staged.header;
  const previous = staged.pin.kind === 'new_installation' ? staged.pin.previous : [];
  return {
    stageId: id,
    fileName,
    village: h.village,
    township: h.township,
    bundleSeq: h.bundleSeq,
    createdAt: h.createdAt,
    signerFingerprint: staged.signerFingerprint,
    pin: staged.pin.kind,
    previousFingerprints: previous.map((p) => ({ fingerprint: p.fingerprint, revoked: p.revoked_at !== null })),
    duplicate: staged.duplicate,
    notes: staged.notes,
    tables: tableChanges(staged.tables),
    conflicts: staged.conflicts,
    refusal: null,
  };
}

function apply(core: Core, stageId: string, confirmPin: boolean, choices: readonly ConflictChoice[]) {
  const s = stages.get(core);
  if (!s || s.id !== stageId) throw new AppError('stale', '预览已失效，请重新选择驻村版同步文件');
  const needsPin = s.staged.pin.kind !== 'known' && !s.staged.duplicate;
  if (needsPin && !confirmPin) {
    throw new AppError('confirm_pin', `首次收到${s.staged.header.village.name}这台驻村版电脑的文件：请与驻村工作队电话核对指纹 ${s.staged.signerFingerprint} 后勾选确认`, [
      { path: ['confirmPin'], message: '请先核对并确认驻村版电脑的指纹' },
    ]);
  }
  // A missing choice is the clerk's to make in the open preview, not a refusal of the file.
  const open = s.staged.conflicts.filter((c) => !choices.some((x) => x.table === c.table && x.id === c.id));
  if (open.length) {
    throw new AppError('choose_conflicts', `有 ${open.length} 条记录乡镇和驻村版都改过，请逐条选择保留“乡镇”还是“驻村版”的内容后再导入，未导入任何数据`, [
      { path: ['choices'], message: `请为${open[0]!.what}等冲突选择保留哪一方` },
    ]);
  }
  stages.delete(core);
  let summary: ReturnType<typeof applyVillageStaged>;
  try {
    summary = applyVillageStaged(core, s.staged, { confirmPin, fileName: s.fileName, choices });
  } catch (err) {
    recordVillageRefusal(core, s.staged.file, err, s.fileName);
    throw err;
  }
  // A duplicate gets its receipt again: the first one may have been lost on the way back.
  const receipt = writeVillageReceipt(core, s.staged.header, s.staged.hash, folder(core, 'receipts'));
  return {
    result: summary.result,
    village: summary.village.name,
    bundleSeq: summary.bundleSeq,
    tables: tableChanges(summary.tables),
    receipt: { fileName: path.basename(receipt), downloadId: offerDownload(receipt) },
  };
}

export const villageSyncHandlers = {
  'sync.villageStatus': (core) => villageSyncStatus(core),
  'sync.villageExport': async (core) => {
    const r = await exportVillageBundle(core, { dir: folder(core, 'exports') });
    const counts = r.header.counts as Record<string, { rows: number }>;
    return {
      bundleSeq: r.header.bundleSeq,
      fileName: path.basename(r.file),
      savedPath: r.file,
      rows: rowsOf(counts),
      tables: Object.entries(counts)
        .filter(([, c]) => c.rows > 0)
        .map(([table, c]) => ({ table, label: labelOf(table), rows: c.rows })),
      downloadId: offerDownload(r.file),
    };
  },
  'sync.villageReceipt': (core, { file }) => {
    const before = receiptSnapshot(core);
    const r = importVillageReceipt(core, Buffer.from(file.base64, 'base64').toString('utf8'));
    return { bundleSeq: r.bundleSeq, already: r.already, changes: receiptChanges(core, before, r), tables: tableChanges(r.tables) };
  },
  'sync.villagePreview': (core, { file, uploadId }) => preview(core, { file, uploadId }),
  'sync.villageApply': (core, { stageId, confirmPin, choices }) => apply(core, stageId, confirmPin, choices),
  'sync.villageRevoke': (core, { installationId, reason }) => revokeVillageLaptop(core, installationId, reason),
} satisfies Partial<Handlers>;
