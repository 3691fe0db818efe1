import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getSetting, setSetting } from '../../db/settings';
import { SYNC_TABLES } from '../../db/tables';
import type { BundlePreview, Completeness, ImportHistoryItem, PinnedInstallation, SyncStatus, TableChange } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import { AppError } from '../api/errors';
import type { Core } from '../core';
import { localDay } from '../domain/dates';
import { offerDownload, takeReceived } from '../transfers';
import { exportBundle } from './export';
import { applyStaged, recordRefusal, stageBundle, type Preview, type Staged } from './import';
import { StoreError } from '../../db/errors';
import { completenessGrid, districtTownships } from '../services/townships';
import { createDistrictKeys, districtFingerprint, fingerprint, openDistrictKeys, type DistrictKeys } from './keys';
import { importReceipt, writeReceipt } from './receipt';
import { confirmDistrictKey, districtKeyConfirmed, districtPublic, nextExportFull, setDistrictPublic, signingKey } from './state';
import { ackedSeq, changesSince, listOut } from '../../db/syncOut';
import { historyPage, historyTotal } from '../../db/syncHistory';
import { listPins, pinOf, revokePin, type PinRow } from '../../db/syncPins';
import { appendAudit } from '../../db/sync';
import { writeTx } from '../../db/tx';

/** The sync screens' services: township export and receipts, district keys, preview and import. */

export const folder = (core: Core, name: string) => path.join(path.dirname(path.resolve(core.file)), name);
const text = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
const labelOf = (table: string) => SYNC_TABLES.find((t) => t.name === table)?.label ?? table;

function districtSecret(core: Core): string {
  const s = getSetting<string>(core.db, 'sync.districtSecret');
  if (!s) throw new AppError('no_district_key', '尚未设置区县密钥：请先生成或导入区县私钥文件');
  return s;
}

/** The installation; sync screens before setup get the same refusal as every write. */
function setUp(core: Core) {
  const inst = core.installation();
  if (!inst) throw new StoreError('not_setup', '尚未完成初始设置，请先设置本单位信息。');
  return inst;
}

export function syncStatus(core: Core): SyncStatus {
  const inst = setUp(core);
  const signer = fingerprint(signingKey(core).publicKey);
  if (inst.role === 'district') {
    const secret = getSetting<string>(core.db, 'sync.districtSecret');
    const pub = secret ? (JSON.parse(secret) as { public: Parameters<typeof districtFingerprint>[0] }).public : null;
    return {
      role: 'district',
      district: pub && { code: pub.code, name: pub.name, fingerprint: districtFingerprint(pub) },
      signerFingerprint: signer,
      districtKeyConfirmed: false,
      nextExportFull: false,
      pendingChanges: 0,
      lastExportAt: null,
      bundles: [],
    };
  }
  const d = districtPublic(core);
  const acked = ackedSeq(core.db);
  const pending = changesSince(core.db, acked);
  const out = listOut(core.db);
  return {
    role: 'township',
    district: d && { code: d.code, name: d.name, fingerprint: districtFingerprint(d) },
    signerFingerprint: signer,
    districtKeyConfirmed: districtKeyConfirmed(core),
    nextExportFull: nextExportFull(core.db),
    pendingChanges: pending,
    lastExportAt: out[0]?.created_at ?? null,
    bundles: out.slice(0, 50).map((b) => ({
      bundleSeq: b.bundle_seq,
      fileName: b.file_name,
      createdAt: b.created_at,
      full: b.full === 1,
      rows: Object.values(JSON.parse(b.counts) as Record<string, { rows: number }>).reduce((a, c) => a + c.rows, 0),
      ackedAt: b.acked_at,
    })),
  };
}

export const tableChanges = (p: Preview['tables']): TableChange[] =>
  Object.entries(p).map(([table, c]) => ({ table, label: labelOf(table), ...c }));

const stages = new WeakMap<Core, { id: string; staged: Staged; keys: DistrictKeys; fileName: string }>();
/** The export in progress per store; one at a time, since bundles are numbered in sequence. */
const progress = new WeakMap<Core, { done: number; total: number }>();

export type BundleSource = { file?: { fileName: string; base64: string }; uploadId?: string };

/** The file the host received under an id (one-time, this core's only), or the inline file. */
export function claimSource(core: Core, src: BundleSource): { fileName: string; upload: string | null; base64: string } {
  if (src.uploadId === undefined) return { fileName: src.file!.fileName, upload: null, base64: src.file!.base64 };
  const u = takeReceived(core, src.uploadId);
  if (!u) throw new AppError('upload_gone', '上传的同步文件已失效（已使用、已过期或不是本程序收到的），请重新选择同步文件', [{ path: ['uploadId'], message: '上传编号无效' }]);
  return { fileName: u.fileName, upload: u.file, base64: '' };
}

/** Keeps the received copy in incoming/ (the upload is moved there, never copied through memory). */
export function keepIncoming(core: Core, src: { fileName: string; upload: string | null; base64: string }): string {
  const dir = folder(core, 'incoming');
  fs.mkdirSync(dir, { recursive: true });
  const safe = path.basename(src.fileName).replace(/[^\w.\-\u4e00-\u9fa5]/g, '_') || 'bundle.tlbundle';
  const dest = path.join(dir, `${localDay(core.now())}-${randomBytes(4).toString('hex')}-${safe}`);
  if (src.upload === null) fs.writeFileSync(dest, Buffer.from(src.base64, 'base64'));
  else {
    try {
      fs.renameSync(src.upload, dest);
    } catch {
      fs.copyFileSync(src.upload, dest);
    }
  }
  return dest;
}

async function preview(core: Core, input: BundleSource, passphrase: string): Promise<BundlePreview> {
  const file = claimSource(core, input);
  let dest: string;
  let keys: DistrictKeys;
  try {
    keys = openDistrictKeys(districtSecret(core), passphrase);
    dest = keepIncoming(core, file);
  } finally {
    // One-time: a refused preview (wrong passphrase...) needs the file chosen again.
    if (file.upload) fs.rmSync(file.upload, { force: true });
  }
  let staged: Staged;
  try {
    staged = await stageBundle(core, dest, keys);
  } catch (err) {
    recordRefusal(core, dest, err, file.fileName);
    throw err;
  }
  const id = randomBytes(16).toString('hex');
  stages.set(core, { id, staged, keys, fileName: file.fileName });
  const h = staged.header;
  return {
    stageId: id,
    fileName: file.fileName,
    township: h.township,
    bundleSeq: h.bundleSeq,
    createdAt: h.createdAt,
    full: h.full,
    duplicate: staged.duplicate,
    firstKey: staged.pin.kind === 'first',
    signerFingerprint: staged.signerFingerprint,
    previousInstallations: staged.pin.kind === 'new_installation' ? staged.pin.previous.map(pinned) : [],
    truth: staged.truth,
    divergence: (({ truth: _t, ...d }) => d)(staged.preview.divergence),
    notes: staged.notes,
    tables: tableChanges(staged.preview.tables),
    villages: staged.preview.villages.map(({ villageId: _v, ...rest }) => rest),
  };
}

function apply(core: Core, stageId: string, confirm: { confirmKey: boolean; confirmNewInstallation: boolean }) {
  const s = stages.get(core);
  if (!s || s.id !== stageId) throw new AppError('stale', '预览已失效，请重新选择同步文件');
  if (s.staged.pin.kind === 'first' && !confirm.confirmKey) {
    throw new AppError('confirm_key', `首次收到${s.staged.header.township.name}的文件：请电话核对签名密钥指纹 ${s.staged.signerFingerprint} 后勾选确认`, [
      { path: ['confirmKey'], message: '请先核对并确认密钥指纹' },
    ]);
  }
  if (s.staged.pin.kind === 'new_installation' && !confirm.confirmNewInstallation) {
    throw new AppError('confirm_new_installation', `${s.staged.header.township.name}换了一台新电脑（新指纹 ${s.staged.signerFingerprint}）：请与乡镇电话核对新旧指纹后勾选确认`, [
      { path: ['confirmNewInstallation'], message: '请先核对并确认新电脑的密钥指纹' },
    ]);
  }
  stages.delete(core);
  let summary: ReturnType<typeof applyStaged>;
  try {
    summary = applyStaged(core, s.staged, { confirmNewInstallation: confirm.confirmNewInstallation, fileName: s.fileName });
  } catch (err) {
    recordRefusal(core, s.staged.file, err, s.fileName);
    throw err;
  }
  const receipt = writeReceipt(core, s.keys, s.staged.header, s.staged.hash, folder(core, 'receipts'));
  return {
    result: summary.result,
    tables: tableChanges(summary.tables),
    receipt: { fileName: path.basename(receipt), downloadId: offerDownload(receipt) },
  };
}

const pinned = (p: PinRow): PinnedInstallation => ({
  installationId: p.installation_id,
  townshipCode: p.township_code,
  townshipName: p.township_name,
  fingerprint: p.fingerprint,
  pinnedAt: p.pinned_at,
  pinnedBy: p.pinned_by,
  revokedAt: p.revoked_at,
  revokedBy: p.revoked_by,
  revokeReason: p.revoke_reason,
});

/** Stops importing an installation's bundles; its rows stay the township's. Audited with the reason. */
function revoke(core: Core, installationId: string, reason: string): PinnedInstallation {
  const w = core.writer();
  return writeTx(core.db, () => {
    const p = pinOf(core.db, installationId);
    if (!p) throw new AppError('not_found', '没有登记过这台电脑', [{ path: ['installationId'], message: '没有登记过这台电脑' }]);
    if (!revokePin(core.db, installationId, w.now(), w.operator, reason)) throw new AppError('already_revoked', `这台电脑已于 ${p.revoked_at!.slice(0, 10)} 停用`);
    appendAudit(core.db, w, { table: 'sync_pins', rowId: installationId, action: 'revoke', seq: null, before: null, after: { township: p.township_code, fingerprint: p.fingerprint, reason } });
    return pinned(pinOf(core.db, installationId)!);
  });
}

/** Every import attempt, applied or refused, newest first. */
function history(core: Core, page: number, pageSize: number) {
  const total = historyTotal(core.db);
  const rows = historyPage(core.db, page, pageSize);
  return {
    total,
    rows: rows.map(
      (r): ImportHistoryItem => ({
        key: `${r.result}-${r.id}`,
        result: r.result,
        reason: r.reason,
        township: r.township_name,
        townshipCode: r.township_code,
        bundleSeq: r.bundle_seq,
        fileName: r.file_name,
        createdAt: r.created_at,
        importedAt: r.at,
        importedBy: r.operator,
        rows: Object.values(JSON.parse(r.counts) as Record<string, Record<string, number>>).reduce((a, c) => a + (c.new ?? 0) + (c.changed ?? 0) + (c.deleted ?? 0), 0),
        notes: JSON.parse(r.notes) as string[],
      }),
    ),
  };
}

/** Townships × recent weeks: how many bundles each exported (see completenessGrid). */
function completeness(core: Core, weeks: number): Completeness {
  setUp(core);
  return completenessGrid(core, weeks);
}

export const syncHandlers = {
  'sync.status': (core) => syncStatus(core),
  'sync.setDistrictKey': (core, { file }) => setDistrictPublic(core, text(file.base64)),
  'sync.export': async (core, { full }) => {
    if (progress.has(core)) throw new AppError('busy', '正在导出，请等待当前导出完成');
    progress.set(core, { done: 0, total: 0 });
    const r = await exportBundle(core, { dir: folder(core, 'exports'), full, onProgress: (done, total) => progress.set(core, { done, total }) }).finally(() =>
      progress.delete(core),
    );
    const fileName = path.basename(r.file);
    const rows = Object.values(r.header.counts).reduce((a, c) => a + c.rows, 0);
    return { bundleSeq: r.header.bundleSeq, fileName, savedPath: r.file, rows, downloadId: offerDownload(r.file) };
  },
  'sync.exportProgress': (core) => progress.get(core) ?? null,
  'sync.importReceipt': (core, { file }) => importReceipt(core, text(file.base64)),
  'sync.createDistrictKeys': (core, { passphrase }) => {
    if (getSetting<string>(core.db, 'sync.districtSecret')) throw new AppError('exists', '本区县已有密钥；重新生成会使各乡镇已导入的公钥失效，如确需更换请联系信息化人员');
    const inst = core.installation()!;
    const files = createDistrictKeys(inst.unitCode, inst.unitName, passphrase);
    writeTx(core.db, () => setSetting(core.db, 'sync.districtSecret', files.secretFile));
    const dir = folder(core, 'keys');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'district.pub'), files.publicFile);
    fs.writeFileSync(path.join(dir, 'district.key'), files.secretFile, { mode: 0o600 });
    return {
      fingerprint: districtFingerprint(JSON.parse(files.publicFile)),
      publicKey: { fileName: 'district.pub', downloadId: offerDownload(path.join(dir, 'district.pub')) },
      privateKey: { fileName: 'district.key', downloadId: offerDownload(path.join(dir, 'district.key')) },
    };
  },
  'sync.loadDistrictKey': (core, { file, passphrase }) => {
    const keys = openDistrictKeys(text(file.base64), passphrase);
    if (keys.public.code !== core.installation()!.unitCode) throw new AppError('wrong_key', `此私钥属于 ${keys.public.name}（${keys.public.code}），不是本区县的`);
    writeTx(core.db, () => setSetting(core.db, 'sync.districtSecret', text(file.base64)));
    return { fingerprint: districtFingerprint(keys.public) };
  },
  'sync.preview': (core, { file, uploadId, passphrase }) => preview(core, { file, uploadId }, passphrase),
  'sync.apply': (core, { stageId, confirmKey, confirmNewInstallation }) => apply(core, stageId, { confirmKey, confirmNewInstallation }),
  'sync.confirmDistrictKey': (core, { fingerprint: shown }) => {
    return confirmDistrictKey(core, shown);
  },
  'sync.pins': (core) => {
    return listPins(core.db).map(pinned);
  },
  'sync.revokePin': (core, { installationId, reason }) => revoke(core, installationId, reason),
  'sync.history': (core, { page, pageSize }) => history(core, page, pageSize),
  'sync.completeness': (core, { weeks }) => completeness(core, weeks),
  'sync.townships': (core) => districtTownships(core).map(({ code, name, sent }) => ({ code, name, sent })),
} satisfies Partial<Handlers>;
