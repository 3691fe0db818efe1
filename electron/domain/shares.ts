import type { DashboardFigures } from '../../db/dashboard';
import type { ReportFigures } from '../../db/reports';
import type { AttendanceFigures } from '../../db/reports/attendance';

/**
 * The shares a district ranks its townships by. Each is a count over a base count of the same
 * figures (so it always agrees with the cards and lists it comes from), or null when the base is
 * 0: a township with no members away has no contact rate, rather than 0% or 100%.
 */
export interface Shares {
  /**
   * 联系及时率: of the members away now (外出中), the share not overdue for contact, i.e. whose
   * last contact (or the day they left, if never contacted) is within the contact interval.
   * (外出中 − 联系超期) ÷ 外出中.
   */
  contacted: number | null;
  /**
   * 在村达标率: of the cadres in post now, the share not short of last month's in-village
   * standard (the threshold prorated to the days they were posted that month; a cadre posted this
   * month has no requirement yet). (在岗 − 上月在村天数不足) ÷ 在岗.
   */
  inVillage: number | null;
  /**
   * 项目覆盖率: of the live villages, the share with a project counting for this year (the
   * COVERS_YEAR rule of the coverage tab). (村 − 无项目村) ÷ 村.
   */
  coverage: number | null;
}

export const SHARE_LABELS: Record<keyof Shares, string> = { contacted: '联系及时率', inVillage: '在村达标率', coverage: '项目覆盖率' };

const ratio = (part: number, base: number) => (base > 0 ? part / base : null);

export function dashboardShares(f: DashboardFigures): Shares {
  return {
    contacted: ratio(f.floatingOut - f.overdue, f.floatingOut),
    inVillage: ratio(f.cadresInPost - f.belowThreshold, f.cadresInPost),
    coverage: ratio(f.villages - f.villagesWithoutProject, f.villages),
  };
}

/**
 * The same three shares over a report period, from the report's own figures:
 * - 联系及时率: 间隔内已联系 ÷ 期末在册 (members away on the last day with a contact record in
 *   the interval before it);
 * - 在村达标率: 达标人次 ÷ 应考核人次 over the period's finished months (db/reports/attendance.ts);
 * - 项目覆盖率: 覆盖村 ÷ 村 in the period's end year.
 */
export function reportShares(s: { figures: ReportFigures; attendance: AttendanceFigures }): Shares {
  return {
    contacted: ratio(s.figures.floating.contactedInInterval, s.figures.floating.onRoster),
    inVillage: ratio(s.attendance.met, s.attendance.judged),
    coverage: ratio(s.figures.projects.coveredVillages, s.figures.projects.villages),
  };
}

/** 87.5%: one decimal, as a percentage; — when there is nothing to divide by. */
export const percentText = (share: number | null) => (share === null ? '—' : `${(Math.round(share * 1000) / 10).toFixed(1)}%`);

/**
 * Competition ranks (1, 2, 2, 4) of each value, highest first; null values are not ranked. Two
 * townships with the same share get the same rank, as on an official ranking table.
 */
export function ranks(values: (number | null)[]): (number | null)[] {
  return values.map((v) => (v === null ? null : 1 + values.filter((o) => o !== null && o > v).length));
}
