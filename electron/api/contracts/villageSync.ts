import { z } from 'zod';
import * as f from '../fields';
import { empty } from './common';
import { ALL_ROLES, channel, TOWNSHIP } from '../channel';
import { bundleFile, oneBundle, type Download, type ExportedBundle, type TableChange } from './sync';

/** The 驻村版 ↔ township hop (FORMAT.md, "Village bundle", "Village receipt"). */

const VILLAGE = ['village'] as const;

/** Township: a village laptop pinned to its village with its signing key. */
export interface VillageLaptop {
  installationId: string;
  villageId: string;
  villageName: string;
  fingerprint: string;
  pinnedAt: string;
  pinnedBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

export interface VillageBundlePreview {
  stageId: string;
  fileName: string;
  village: { code: string | null; name: string };
  bundleSeq: number;
  createdAt: string;
  /** The same file was imported before: applying changes nothing (a receipt is still written). */
  duplicate: boolean;
  /** The laptop is not pinned yet: apply needs confirmPin after its fingerprint was checked by phone. */
  needsConfirmation: boolean;
  /** The laptop's signing key fingerprint, to read back with the work team. */
  signerFingerprint: string;
  /** The village's earlier laptops (revoked or not), shown beside a new one's fingerprint. */
  previousLaptops: VillageLaptop[];
  notes: string[];
  tables: TableChange[];
}

export interface VillageImportResult {
  result: 'applied' | 'duplicate';
  tables: TableChange[];
  /** The receipt to carry back to the laptop. */
  receipt: Download;
}

export interface VillageReceiptApplied {
  bundleSeq: number;
  /** The bundle was confirmed before (by this receipt or another copy). */
  already: boolean;
  /** What the township's changes did on the laptop, per table. */
  tables: TableChange[];
  /** Rows that moved to another village and are no longer shown. */
  left: number;
  settingsChanged: boolean;
}

/** 驻村版: where its sync with the township stands (null on other installations). */
export interface VillageSyncStatus {
  township: { code: string; name: string; fingerprint: string };
  village: { code: string | null; name: string };
  /** This laptop's signing key, for the township clerk to confirm by phone on its first bundle. */
  signerFingerprint: string;
  /** Rows entered here not yet acknowledged by a township receipt (the next bundle carries them). */
  pendingChanges: number;
  lastExportAt: string | null;
  /** Newest first; ackedAt is when the township's receipt was applied. */
  bundles: ExportedBundle[];
}

export const villageSyncContract = {
  'sync.villageStatus': channel<VillageSyncStatus | null>()({ input: empty, roles: ALL_ROLES, writes: false }),
  /** 驻村版: writes the bundle for the township (its rows since the township's last receipt). */
  'sync.villageExport': channel<Download & { bundleSeq: number; savedPath: string; rows: number }>()({ input: empty, roles: VILLAGE, writes: true }),
  /** 驻村版: verifies and applies the township's receipt in one transaction. */
  'sync.villageReceipt': channel<VillageReceiptApplied>()({
    input: z.strictObject({ file: f.upload('回执文件', 12 * 1024 * 1024) }),
    roles: VILLAGE, writes: true,
  }),
  /** Township: verifies and stages a laptop's bundle; a refusal is recorded in the import history. */
  'sync.villagePreview': channel<VillageBundlePreview>()({
    input: z.strictObject(bundleFile).refine(oneBundle, { message: '请选择同步文件', path: ['file'] }),
    roles: TOWNSHIP, writes: true,
  }),
  /** Township: applies the previewed bundle (confirmPin: the laptop's fingerprint was checked) and writes its receipt. */
  'sync.villageApply': channel<VillageImportResult>()({
    input: z.strictObject({ stageId: z.string().max(64), confirmPin: f.flag('确认驻村版电脑的密钥指纹') }),
    roles: TOWNSHIP, writes: true,
  }),
  /** Township: every village laptop pinned, revoked ones included (none elsewhere). */
  'sync.villageLaptops': channel<VillageLaptop[]>()({ input: empty, roles: ALL_ROLES, writes: false }),
  /** Township: stops importing a (lost) laptop's bundles; audited with the reason. */
  'sync.revokeVillageLaptop': channel<VillageLaptop>()({
    input: z.strictObject({
      installationId: z.string({ error: () => '请选择要停用的电脑' }).min(1, '请选择要停用的电脑').max(64, '电脑编号格式不正确'),
      reason: f.requiredText('停用原因', 200),
    }),
    roles: TOWNSHIP, writes: true,
  }),
};
