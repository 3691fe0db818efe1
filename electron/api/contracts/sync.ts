import { z } from 'zod';
import * as f from '../fields';
import { empty, type Page } from './common';
import { channel, ALL_ROLES, TOWNSHIP, DISTRICT } from '../channel';

export interface ExportedBundle {
  bundleSeq: number;
  fileName: string;
  createdAt: string;
  full: boolean;
  rows: number;
  /** When the district's receipt was imported; null while unconfirmed. */
  ackedAt: string | null;
}

export interface SyncStatus {
  role: 'township' | 'district';
  /** Township: the district key loaded in settings. District: its own key, if loaded. */
  district: { code: string; name: string; fingerprint: string } | null;
  /** This installation's signing key, for the district to confirm by phone. */
  signerFingerprint: string;
  /** Township: the clerk confirmed (sync.confirmDistrictKey) the loaded district key's fingerprint; exports wait for it. */
  districtKeyConfirmed: boolean;
  /** Township: the next export will be full (after a restore from backup). */
  nextExportFull: boolean;
  /** Township: changes not yet confirmed by the district. */
  pendingChanges: number;
  lastExportAt: string | null;
  bundles: ExportedBundle[];
}

export interface TableChange {
  table: string;
  label: string;
  new: number;
  changed: number;
  deleted: number;
  unchanged: number;
}

export interface BundlePreview {
  stageId: string;
  fileName: string;
  township: { code: string; name: string };
  bundleSeq: number;
  createdAt: string;
  full: boolean;
  duplicate: boolean;
  /** First bundle from this installation: the clerk confirms the fingerprint before it is pinned. */
  firstKey: boolean;
  signerFingerprint: string;
  /**
   * The township is known from other installations and this bundle comes from a new one (a
   * replaced PC, or an impostor): both fingerprints are shown, and apply needs
   * confirmNewInstallation. Empty otherwise.
   */
  previousInstallations: PinnedInstallation[];
  /**
   * A full bundle taken as the township's truth for its scope: applying makes the district equal
   * to it, column by column, and tombstones the rows this installation made that it lacks (listed here first).
   */
  truth: boolean;
  divergence: {
    differing: { table: string; label: string; id: string; village: string | null; columns: string[] }[];
    differingTotal: number;
    missing: { table: string; label: string; id: string; village: string | null }[];
    missingTotal: number;
  };
  notes: string[];
  tables: TableChange[];
  villages: { name: string; new: number; changed: number; deleted: number }[];
}

/** District: an installation pinned to a township with its signing key. */
export interface PinnedInstallation {
  installationId: string;
  townshipCode: string;
  townshipName: string;
  fingerprint: string;
  pinnedAt: string;
  pinnedBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

export interface ImportResult {
  result: 'applied' | 'duplicate';
  tables: TableChange[];
  receipt: { fileName: string; downloadId: string };
}

export interface ImportHistoryItem {
  key: string;
  result: 'applied' | 'refused';
  /** Why a refused bundle was refused. */
  reason: string | null;
  /** Null when the file was too damaged to tell. */
  township: string | null;
  townshipCode: string | null;
  bundleSeq: number | null;
  fileName: string;
  createdAt: string | null;
  importedAt: string;
  importedBy: string;
  rows: number;
  notes: string[];
}

export interface Completeness {
  weeks: { start: string; end: string }[];
  /**
   * Every township of the district; counts are bundles by the week they were exported in, null
   * for weeks before the township's first export (not yet set up: not 未报).
   */
  townships: { code: string; name: string; counts: (number | null)[]; asOf: string | null; lastImportAt: string | null; clockNote: string | null }[];
}

export interface Download {
  fileName: string;
  downloadId: string;
}

/** A bundle sent inline or as the id of an upload to the browser-mode host: exactly one of the two (oneBundle). */
export const bundleFile = {
  file: f.upload('同步文件', 48 * 1024 * 1024).optional(),
  uploadId: z.string({ error: () => '上传编号应为文字' }).max(64, '上传编号格式不正确').optional(),
};
export const oneBundle = (v: { file?: unknown; uploadId?: unknown }) => (v.file === undefined) !== (v.uploadId === undefined);

const passphrase = z.string({ error: () => '请输入口令' }).min(1, '请输入口令').max(200, '口令过长');

export const syncContract = {
  'sync.status': channel<SyncStatus>()({ input: empty, roles: ALL_ROLES, writes: false }),
  'sync.setDistrictKey': channel<{ code: string; name: string; fingerprint: string }>()({
    input: z.strictObject({ file: f.upload('区县公钥文件', 64 * 1024) }),
    roles: TOWNSHIP, writes: true,
  }),
  /** Township: the clerk read the loaded district key's fingerprint back by phone; sent back as shown. */
  'sync.confirmDistrictKey': channel<{ fingerprint: string }>()({
    input: z.strictObject({ fingerprint: z.string({ error: () => '请提供所核对的指纹' }).max(64, '指纹格式不正确') }),
    roles: TOWNSHIP, writes: true,
  }),
  'sync.export': channel<Download & { bundleSeq: number; savedPath: string; rows: number }>()({
    input: z.strictObject({ full: f.flag('完整导出') }),
    roles: TOWNSHIP, writes: true,
  }),
  /** Rows written by the export in progress (null when none runs), for the progress bar. */
  'sync.exportProgress': channel<{ done: number; total: number } | null>()({ input: empty, roles: ALL_ROLES, writes: false, passive: true }),
  'sync.importReceipt': channel<{ bundleSeq: number; already: boolean }>()({
    input: z.strictObject({ file: f.upload('回执文件', 64 * 1024) }),
    roles: TOWNSHIP, writes: true,
  }),
  'sync.createDistrictKeys': channel<{ fingerprint: string; publicKey: Download; privateKey: Download }>()({
    input: z.strictObject({ passphrase: passphrase.min(8, '口令至少需要8个字符') }),
    roles: DISTRICT, writes: true,
  }),
  'sync.loadDistrictKey': channel<{ fingerprint: string }>()({
    input: z.strictObject({ file: f.upload('区县私钥文件', 64 * 1024), passphrase }),
    roles: DISTRICT, writes: true,
  }),
  'sync.preview': channel<BundlePreview>()({
    // Browser mode streams the bundle to POST /upload first and sends its id; the Electron window
    // (IPC, no open-file dialog in main) still sends the file inline, bounded at 48 MB.
    input: z.strictObject({ ...bundleFile, passphrase }).refine(oneBundle, { message: '请选择同步文件', path: ['file'] }),
    roles: DISTRICT, writes: true,
  }),
  'sync.apply': channel<ImportResult>()({
    input: z.strictObject({ stageId: z.string().max(64), confirmKey: f.flag('确认密钥指纹'), confirmNewInstallation: f.flag('确认乡镇更换了电脑') }),
    roles: DISTRICT, writes: true,
  }),
  'sync.history': channel<Page<ImportHistoryItem>>()({
    input: z.strictObject({ page: f.page(), pageSize: f.pageSize() }),
    roles: ALL_ROLES, writes: false,
  }),
  /** District: every pinned installation, revoked ones included. */
  'sync.pins': channel<PinnedInstallation[]>()({ input: empty, roles: DISTRICT, writes: false }),
  /** District: stops importing an installation's bundles (its rows stay); audited with the reason. */
  'sync.revokePin': channel<PinnedInstallation>()({
    input: z.strictObject({ installationId: z.string({ error: () => '请选择要停用的电脑' }).min(1, '请选择要停用的电脑').max(64, '电脑编号格式不正确'), reason: f.requiredText('停用原因', 200) }),
    roles: DISTRICT, writes: true,
  }),
  /** District: every township of the district, and whether it has sent data (the header's picker). */
  'sync.townships': channel<{ code: string; name: string; sent: boolean }[]>()({ input: empty, roles: ALL_ROLES, writes: false }),
  'sync.completeness': channel<Completeness>()({
    input: z.strictObject({ weeks: f.int('周数', 1, 26).default(8) }),
    roles: ALL_ROLES, writes: false,
  }),
};
