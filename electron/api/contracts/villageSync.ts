import { z } from 'zod';
import * as f from '../fields';
import { empty } from './common';
import { channel, ALL_ROLES, TOWNSHIP } from '../channel';
import type { VillageConflict } from '../../sync/villageConflicts';
import type { VillageLaptop } from '../../sync/villagePins';
import { bundleFile, oneBundle, type Download, type TableChange } from './sync';

/**
 * The village ↔ township hop as the screens use it: a 驻村版 exports its team's entries for the
 * township and imports the township's receipt; the township previews and applies a laptop's
 * bundle (confirming the laptop's fingerprint the first time), hands the receipt back, and keeps
 * the list of village laptops it accepts bundles from. Channel names stay in the sync domain
 * (channel domains are one lowercase word).
 */

export const VILLAGE_ONLY = ['village'] as const;

/** A bundle this 驻村版 exported, and whether the township's receipt for it came back. */
export interface VillageBundleItem {
  bundleSeq: number;
  fileName: string;
  createdAt: string;
  rows: number;
  /** When the township imported it, as its receipt says; null until the receipt is imported here. */
  ackedAt: string | null;
}

/** A village laptop the township accepts bundles from (its signing key pinned to one village). */
export type VillageLaptopItem = VillageLaptop;

/** A laptop bundle imported or refused at the township, newest first. */
export interface VillageImportItem {
  key: string;
  result: 'applied' | 'refused';
  village: string | null;
  bundleSeq: number | null;
  fileName: string;
  importedAt: string;
  importedBy: string;
  rows: number;
  reason: string | null;
}

export interface VillageSyncStatus {
  role: 'township' | 'district' | 'village';
  /** 驻村版: its own bundles (newest first) and what waits for the next one. */
  laptop: {
    village: string;
    township: string;
    /** This laptop's signing key, read out by phone to the township before its first import. */
    signerFingerprint: string;
    /** Rows this laptop made that no receipt has confirmed yet. */
    pending: number;
    lastExportAt: string | null;
    /** When the last receipt came back (the township's import time it carries). */
    lastReceiptAt: string | null;
    bundles: VillageBundleItem[];
  } | null;
  /** Township: its village laptops, revoked ones included, and the laptop bundles it imported or refused. */
  township: { laptops: VillageLaptopItem[]; imports: VillageImportItem[] } | null;
}

export interface VillageExported extends Download {
  bundleSeq: number;
  savedPath: string;
  rows: number;
  tables: { table: string; label: string; rows: number }[];
}

export interface VillageReceiptApplied {
  bundleSeq: number;
  already: boolean;
  /** What the township's changes did on the laptop, in words (派驻结束、新增流动党员…). */
  changes: string[];
  tables: TableChange[];
}

export interface VillageBundlePreviewed {
  /** Null when the file was refused: nothing is staged. */
  stageId: string | null;
  fileName: string;
  /** As the file names it (already checked when not refused). */
  village: { id: string; code: string | null; name: string } | null;
  township: { code: string; name: string } | null;
  bundleSeq: number | null;
  createdAt: string | null;
  signerFingerprint: string | null;
  /** first: no laptop of this village yet; new_installation: another laptop had been registered; known: pinned before. */
  pin: 'known' | 'first' | 'new_installation' | null;
  /** Fingerprints of the village's laptops registered before (shown beside a new one). */
  previousFingerprints: { fingerprint: string; revoked: boolean }[];
  duplicate: boolean;
  notes: string[];
  tables: TableChange[];
  /** Rows the township and the laptop both changed: the clerk chooses which stands for each (sync.villageApply `choices`). */
  conflicts: VillageConflict[];
  /** Why the file was refused (recorded in the import history); null when it may be applied. */
  refusal: string | null;
}

export interface VillageApplied {
  result: 'applied' | 'duplicate';
  village: string;
  bundleSeq: number;
  tables: TableChange[];
  receipt: Download;
}

export const villageSyncContract = {
  'sync.villageStatus': channel<VillageSyncStatus>()({ input: empty, roles: ALL_ROLES, writes: false }),
  /** 驻村版: writes the bundle for the township (downloaded like sync.export). */
  'sync.villageExport': channel<VillageExported>()({ input: empty, roles: VILLAGE_ONLY, writes: true }),
  /** 驻村版: applies the township's signed receipt. */
  'sync.villageReceipt': channel<VillageReceiptApplied>()({
    input: z.strictObject({ file: f.upload('回执文件', 8 * 1024 * 1024) }),
    roles: VILLAGE_ONLY, writes: true,
  }),
  /** Township: verifies and stages a 驻村版's bundle (a refusal is recorded and returned, not thrown). */
  'sync.villagePreview': channel<VillageBundlePreviewed>()({
    input: z.strictObject(bundleFile).refine(oneBundle, { message: '请选择驻村版同步文件', path: ['file'] }),
    roles: TOWNSHIP, writes: true,
  }),
  /** Township: applies the staged bundle in one transaction and writes its receipt for download. */
  'sync.villageApply': channel<VillageApplied>()({
    input: z.strictObject({
      stageId: z.string({ error: () => '请先预览同步文件' }).max(64, '预览编号格式不正确'),
      confirmPin: f.flag('确认驻村版电脑指纹'),
      /** Per conflict listed in the preview, which side stands. */
      choices: z
        .array(
          z.strictObject({
            table: z.enum(['work_logs', 'contact_records', 'project_progress'], { error: () => '冲突记录的类型不正确' }),
            id: z.string({ error: () => '冲突记录编号格式不正确' }).min(1).max(64, '冲突记录编号格式不正确'),
            keep: z.enum(['township', 'village'], { error: () => '请选择保留“乡镇”还是“驻村版”' }),
          }),
        )
        .max(10000, '冲突选择过多')
        .default([]),
    }),
    roles: TOWNSHIP, writes: true,
  }),
  /** Township: stops accepting a (lost) laptop's bundles; what it sent stays. Audited with the reason. */
  'sync.villageRevoke': channel<VillageLaptopItem>()({
    input: z.strictObject({
      installationId: z.string({ error: () => '请选择要停用的电脑' }).min(1, '请选择要停用的电脑').max(64, '电脑编号格式不正确'),
      reason: f.requiredText('停用原因', 200),
    }),
    roles: TOWNSHIP, writes: true,
  }),
};
