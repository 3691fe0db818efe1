import { z } from 'zod';
import type { ReportFigures } from '../../../db/reports';
import * as f from '../fields';
import type { FilePayload } from './common';
import type { TownshipStatus } from './dashboard';
import { channel, ALL_ROLES, type Role } from '../channel';

export type { ReportFigures, AbsentEntry } from '../../../db/reports';

/** One column of the report: a township (or this township), or the district's 合计 (code null). */
export interface ReportScopeFigures {
  code: string | null;
  name: string;
  figures: ReportFigures;
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

export const reportsContract = {
  'reports.get': channel<Report>()({ input: reportInput, roles: ALL_ROLES, writes: false }),
  'reports.exportXlsx': channel<FilePayload>()({ input: reportInput, roles: ALL_ROLES, writes: false }),
};
