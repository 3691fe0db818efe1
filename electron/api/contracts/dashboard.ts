import { z } from 'zod';
import type { DashboardFigures } from '../../../db/dashboard';
import * as f from '../fields';
import { channel, ALL_ROLES, DISTRICT, type Role } from '../channel';
import type { FilePayload, Page } from './common';

export type { DashboardFigures };

/** One row a data-quality check found, with enough to find it in its register. ID numbers masked. */
export interface QualityItem {
  key: string;
  register: '驻村干部' | '流动党员' | '一村一项目';
  name: string;
  village: string | null;
  /** District: the township the row came from (several for an ID number shared across townships); null for a township. */
  township: string | null;
  /** What makes it a hit, in words (最后日志 2025-12-30, 总投资 12.5 万元, 身份证号 450311********1234 ...). */
  detail: string;
  /** The register rows the hit is about (one, or each person sharing an ID number), for opening them. */
  records: QualityRecord[];
}

/** A row a quality hit opens: its register and id (never its ID number). */
export interface QualityRecord {
  register: 'cadres' | 'floating' | 'projects';
  id: string;
  name: string;
  village: string | null;
}

export interface QualityCheck {
  key: 'secretaryNoLog' | 'longUncontacted' | 'projectNoIncome' | 'sharedIdNumber';
  title: string;
  /** The rule in one sentence, with this installation's numbers filled in. */
  rule: string;
  count: number;
  /** The first few hits (at most `limit`). */
  items: QualityItem[];
}

export interface TownshipDashboardRow extends TownshipStatus {
  code: string;
  name: string;
  figures: DashboardFigures;
}

/**
 * District: how current one township's data is. Every township of the district has one, sent or
 * not (未报送: sent is false and the dates are null).
 */
export interface TownshipStatus {
  code: string;
  name: string;
  sent: boolean;
  /** Export time (township clock, UTC ISO) of the newest bundle imported: the data is as of then. */
  asOf: string | null;
  /** The township's change sequence that bundle reached. */
  seqTo: number | null;
  /** When the district imported it (district clock). */
  importedAt: string | null;
  /** Days from asOf to today. */
  daysOld: number | null;
  /** Set when export and import days are more than a day apart: a late file or a wrong clock. */
  clockNote: string | null;
}

export interface Dashboard {
  role: Role;
  /** The local day the figures were counted for (the core's clock). */
  today: string;
  /** The attendance month judged for 在村天数不足: last month, YYYY-MM. */
  attendanceMonth: string;
  /** The coverage year of 无项目村: this year. */
  year: number;
  contactIntervalDays: number;
  attendanceThresholdDays: number;
  /** For the chosen township in district mode, else the whole store. */
  figures: DashboardFigures;
  /** Township only: when this installation last exported a sync bundle, and how many days ago. */
  lastExportAt: string | null;
  daysSinceExport: number | null;
  /** District only: every township of the district and any that sent a bundle; empty for a township. */
  townships: TownshipDashboardRow[];
  quality: QualityCheck[];
}

const qualityKey = f.oneOf('检查项', ['secretaryNoLog', 'longUncontacted', 'projectNoIncome', 'sharedIdNumber'] as const);

export const dashboardContract = {
  'dashboard.get': channel<Dashboard>()({
    input: z.strictObject({ township: f.township() }),
    roles: ALL_ROLES, writes: false,
  }),
  /** One page of one data-quality check's rows (the dashboard shows the first few). */
  'dashboard.quality': channel<Page<QualityItem> & { title: string; rule: string }>()({
    input: z.strictObject({ township: f.township(), check: qualityKey, page: f.page(), pageSize: f.pageSize() }),
    roles: ALL_ROLES, writes: false,
  }),
  /** Every row of one check (or of all four, a sheet each) as a workbook. */
  'dashboard.exportQuality': channel<FilePayload>()({
    input: z.strictObject({ township: f.township(), check: qualityKey.nullish().transform((k) => k ?? null) }),
    roles: ALL_ROLES, writes: false,
  }),
  /** District: the per-township table and the weekly 报送情况 grid as a workbook. */
  'dashboard.exportTownships': channel<FilePayload>()({
    input: z.strictObject({ weeks: f.int('周数', 1, 26).default(8) }),
    roles: DISTRICT, writes: false,
  }),
};
