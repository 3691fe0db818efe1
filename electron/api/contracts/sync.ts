import { z } from 'zod';
import * as f from '../fields';
import { channel, empty, type Page } from './common';

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
  notes: string[];
  tables: TableChange[];
  villages: { name: string; new: number; changed: number; deleted: number }[];
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
  townships: { code: string; name: string; counts: number[]; lastImportAt: string | null }[];
}

export interface Download {
  fileName: string;
  downloadId: string;
}

const passphrase = z.string({ error: () => '请输入口令' }).min(1, '请输入口令').max(200, '口令过长');

export const syncContract = {
  'sync.status': channel<typeof empty, SyncStatus>(empty),
  'sync.setDistrictKey': {
    input: z.strictObject({ file: f.upload('区县公钥文件', 64 * 1024) }),
    output: undefined as unknown as { code: string; name: string; fingerprint: string },
  },
  'sync.export': {
    input: z.strictObject({ full: f.flag('完整导出') }),
    output: undefined as unknown as Download & { bundleSeq: number; savedPath: string; rows: number },
  },
  /** Rows written by the export in progress (null when none runs), for the progress bar. */
  'sync.exportProgress': channel<typeof empty, { done: number; total: number } | null>(empty),
  'sync.importReceipt': {
    input: z.strictObject({ file: f.upload('回执文件', 64 * 1024) }),
    output: undefined as unknown as { bundleSeq: number; already: boolean },
  },
  'sync.createDistrictKeys': {
    input: z.strictObject({ passphrase: passphrase.min(8, '口令至少需要8个字符') }),
    output: undefined as unknown as { fingerprint: string; publicKey: Download; privateKey: Download },
  },
  'sync.loadDistrictKey': {
    input: z.strictObject({ file: f.upload('区县私钥文件', 64 * 1024), passphrase }),
    output: undefined as unknown as { fingerprint: string },
  },
  'sync.preview': {
    // Browser mode streams the bundle to POST /upload first and sends its id; the Electron window
    // (IPC, no open-file dialog in main) still sends the file inline, bounded at 48 MB.
    input: z
      .strictObject({
        file: f.upload('同步文件', 48 * 1024 * 1024).optional(),
        uploadId: z.string({ error: () => '上传编号应为文字' }).max(64, '上传编号格式不正确').optional(),
        passphrase,
      })
      .refine((v) => (v.file === undefined) !== (v.uploadId === undefined), { message: '请选择同步文件', path: ['file'] }),
    output: undefined as unknown as BundlePreview,
  },
  'sync.apply': {
    input: z.strictObject({ stageId: z.string().max(64), confirmKey: f.flag('确认密钥指纹') }),
    output: undefined as unknown as ImportResult,
  },
  'sync.history': {
    input: z.strictObject({ page: f.page(), pageSize: f.pageSize() }),
    output: undefined as unknown as Page<ImportHistoryItem>,
  },
  'sync.townships': channel<typeof empty, { code: string; name: string }[]>(empty),
  'sync.completeness': {
    input: z.strictObject({ weeks: f.int('周数', 1, 26).default(8) }),
    output: undefined as unknown as Completeness,
  },
};
