import { StoreError } from '../../db/errors';
import { reportFigures, type ReportFigures, type ReportPeriod } from '../../db/reports';
import { attendanceMonths } from '../../db/reports/attendance';
import { reportParams, withKeys } from '../../db/reports/period';
import { localDay } from '../domain/dates';
import type { ParsedInput, Report, ReportScopeFigures, TownshipStatus } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import type { Core } from '../core';
import { ASSESSMENT_RESULTS, CADRE_ROLES, EVALUATION_RESULTS, POSTING_END_STATUSES, UNIT_LEVELS } from '../domain/cadres';
import { FLOAT_REASONS } from '../domain/floating';
import { PROJECT_CATEGORIES, PROJECT_STATUSES } from '../domain/projects';
import { buildNotice, exportNotice } from './notice';
import { exportReport } from './reportsXlsx';
import { readSettings } from './settings';
import { districtTownships } from './townships';
import { readTx } from '../../db/tx';

export type ReportQuery = ParsedInput<'reports.get'>;

/** Every value of every breakdown is present (0 when none), so a column never goes missing. */
function complete(f: ReportFigures): ReportFigures {
  const c = f.cadres;
  return {
    ...f,
    cadres: {
      ...c,
      sentByRole: withKeys(CADRE_ROLES, c.sentByRole),
      adjustedByStatus: withKeys(POSTING_END_STATUSES, c.adjustedByStatus),
      inPostByRole: withKeys(CADRE_ROLES, c.inPostByRole),
      inPostByUnitLevel: withKeys(UNIT_LEVELS, c.inPostByUnitLevel),
      evaluations: withKeys(EVALUATION_RESULTS, c.evaluations),
      assessments: withKeys(ASSESSMENT_RESULTS, c.assessments),
    },
    floating: { ...f.floating, byReason: withKeys(FLOAT_REASONS, f.floating.byReason) },
    projects: { ...f.projects, byStatus: withKeys(PROJECT_STATUSES, f.projects.byStatus), byCategory: withKeys(PROJECT_CATEGORIES, f.projects.byCategory) },
  };
}

/**
 * The report for a period. A township's figures are its own rows. A district's are per township
 * (rows from that township's installations) and 合计 over every row; all scopes are read in one
 * transaction, so the townships add up to the total even while an import runs.
 */
export function buildReport(core: Core, q: ReportQuery): Report {
  const inst = core.installation();
  if (!inst) throw new StoreError('not_setup', '尚未完成初始设置，请先设置本单位信息。');
  const settings = readSettings(core);
  const period: ReportPeriod = { from: q.from, to: q.to, contactIntervalDays: settings.contactIntervalDays };
  const today = localDay(core.now());
  const scope = (code: string | null, name: string, filter: string | null, data?: TownshipStatus): ReportScopeFigures => ({
    code,
    name,
    figures: complete(reportFigures(core.db, period, filter)),
    attendance: attendanceMonths(core.db, reportParams(period, filter), settings.attendanceThresholdDays, today),
    ...(data ? { data } : {}),
  });
  const scopes = readTx(core.db, (): ReportScopeFigures[] => {
    if (inst.role === 'township') return [scope(inst.unitCode, inst.unitName, null)];
    // Every township of the district is a row, those that never sent data marked 未报送.
    const towns = districtTownships(core);
    if (q.township) {
      const t = towns.find((x) => x.code === q.township);
      return [scope(q.township, t?.name ?? q.township, q.township, t)];
    }
    return [...towns.map((t) => scope(t.code, t.name, t.code, t)), scope(null, '合计', null)];
  });
  return {
    unitName: inst.unitName,
    unitCode: inst.unitCode,
    role: inst.role,
    from: q.from,
    to: q.to,
    contactIntervalDays: period.contactIntervalDays,
    coverageYear: Number(q.to.slice(0, 4)),
    scopes,
  };
}

export const reportHandlers = {
  'reports.get': (core, q) => buildReport(core, q),
  'reports.exportXlsx': (core, q) => exportReport(buildReport(core, q), core.now()),
  'reports.notice': (core, { township }) => buildNotice(core, township),
  'reports.exportNotice': (core, { township }) => exportNotice(core, township),
} satisfies Partial<Handlers>;
