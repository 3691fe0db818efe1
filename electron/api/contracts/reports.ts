import { z } from 'zod';
import type { ReportFigures } from '../../../db/reports';
import type { AttendanceFigures } from '../../../db/reports/attendance';
import * as f from '../fields';
import type { FilePayload } from './common';
import type { QualityCheck, TownshipStatus } from './dashboard';
import { channel, ALL_ROLES, DISTRICT, type Role } from '../channel';

export type { ReportFigures, AbsentEntry, StarReport } from '../../../db/reports';

/** One column of the report: a township (or this township), or the district's 合计 (code null). */
export interface ReportScopeFigures {
  code: string | null;
  name: string;
  figures: ReportFigures;
  /** 在村达标 in cadre-months over the period's finished months (db/reports/attendance.ts), for the 在村达标率. */
  attendance: AttendanceFigures;
  /** District, a township's row: whether it sent data and how current it is (未报送 rows count 0). */
  data?: TownshipStatus;
}

export interface Report {
  unitName: string;
  unitCode: string;
  role: Role;
  from: string;
  to: string;
  contactIntervalDays: number;
  /** The year the one-village-one-project coverage is judged for (the period's end year). */
  coverageYear: number;
  /** Township: one entry. District: one per township, then 合计 (code null) unless narrowed to one township. */
  scopes: ReportScopeFigures[];
}

export const reportInput = z
  .strictObject({ from: f.isoDate('开始日期'), to: f.isoDate('结束日期'), township: f.township() })
  .refine((r) => r.from <= r.to, { message: '开始日期不能晚于结束日期', path: ['to'] });

/**
 * District: the 提醒单 (notice) for one township, as of today: each thing it is asked to put
 * right, listed in full. Built from the same queries as the dashboard's cards and checks.
 */
export interface Notice {
  /** 雁山区委组织部 */
  unitName: string;
  township: TownshipStatus;
  today: string;
  contactIntervalDays: number;
  attendanceThresholdDays: number;
  /** Last month, judged for in-village days (YYYY-MM). */
  attendanceMonth: string;
  /** The year of 无项目村. */
  year: number;
  /** Weeks (Monday to Sunday) of the last `weeks` with no bundle exported in them. */
  weeks: number;
  unsentWeeks: { start: string; end: string }[];
  /** 外出中 members overdue for contact (the 联系超期 card's list). */
  overdue: { name: string; village: string; lastContact: string; days: number }[];
  /** Cadres in post short of last month's in-village standard (the 在村天数不足 card's list). */
  belowStandard: { name: string; village: string | null; role: string | null; inVillage: number; required: number }[];
  /** Villages without a project counting for this year (the 无项目村 card's list). */
  uncovered: { name: string; code: string | null }[];
  /** Every data-quality check with all its rows. */
  quality: QualityCheck[];
}

export const noticeInput = z.strictObject({ township: f.township().refine((t) => t !== null, '请选择乡镇（街道）') });

export const reportsContract = {
  'reports.get': channel<Report>()({ input: reportInput, roles: ALL_ROLES, writes: false }),
  'reports.exportXlsx': channel<FilePayload>()({ input: reportInput, roles: ALL_ROLES, writes: false }),
  'reports.notice': channel<Notice>()({ input: noticeInput, roles: DISTRICT, writes: false }),
  'reports.exportNotice': channel<FilePayload>()({ input: noticeInput, roles: DISTRICT, writes: false }),
};
