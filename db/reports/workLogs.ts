import type { Database } from 'better-sqlite3';
import { stmt } from '../sync';
import { inScope, type ReportParams } from './period';

/** 驻村日志 figures: what the period's live work logs record. */
export interface WorkLogReport {
  /** Logged days in the period (one log per cadre per day). */
  logDays: number;
  /** 在村天数: logged days marked in the village. */
  daysInVillage: number;
  /** 走访农户: households visited, summed over the period's logs. */
  householdsVisited: number;
  /** Cadres with at least one log in the period. */
  cadresLogging: number;
  /**
   * 其中驻村版录入: of the log days, those entered in the village on a 驻村版 laptop: logs whose
   * origin (the installation that made the last change) is a laptop pinned to a village (sync_pins
   * with a village_id: at the district, vouched for by the township; at a township, its own). A log
   * the township corrected after import counts as the township's. The share of log days entered
   * in the village is this ÷ logDays (reportColumns.ts villageShare).
   */
  villageDays: number;
}

/** The period cut into the calendar months it covers whole and the days of the months it covers in part. */
export interface PeriodMonths {
  /** First and last whole month (YYYY-MM); none when first > last. */
  firstMonth: string;
  lastMonth: string;
  /** Day ranges (inclusive) of the months covered in part: none, one or two. */
  partial: [string, string][];
}

const monthOf = (day: string) => day.slice(0, 7);
const shiftMonth = (month: string, n: number) => {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + n, 1));
  return d.toISOString().slice(0, 7);
};
const lastDayOf = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

export function periodMonths(from: string, to: string): PeriodMonths {
  const firstMonth = from.endsWith('-01') ? monthOf(from) : shiftMonth(monthOf(from), 1);
  const lastMonth = to === lastDayOf(monthOf(to)) ? monthOf(to) : shiftMonth(monthOf(to), -1);
  if (from > to) return { firstMonth, lastMonth, partial: [] };
  if (firstMonth > lastMonth) return { firstMonth, lastMonth, partial: firstMonth > monthOf(to) ? [[from, to]] : splitAt(from, to) };
  const partial: [string, string][] = [];
  if (monthOf(from) < firstMonth) partial.push([from, lastDayOf(monthOf(from))]);
  if (monthOf(to) > lastMonth) partial.push([`${monthOf(to)}-01`, to]);
  return { firstMonth, lastMonth, partial };
}

// A period of parts of two adjacent months and no whole one (from the 15th to the next month's 10th).
function splitAt(from: string, to: string): [string, string][] {
  if (monthOf(from) === monthOf(to)) return [[from, to]];
  return [
    [from, lastDayOf(monthOf(from))],
    [`${monthOf(to)}-01`, to],
  ];
}

const VILLAGE_ORIGIN = `IN (SELECT installation_id FROM sync_pins WHERE village_id IS NOT NULL)`;

/**
 * The sums from migration 020's work_log_days (one range of days). The cadres logging, for the
 * whole database (a township's report, a district's 合计), from migration 022's work_log_firsts:
 * the live logs of the period whose cadre's previous log is before it, one per cadre (one range
 * of days). For a district's township, from work_log_months: the distinct cadres of the period's
 * whole months, and of a month it covers in part those with a live log in the part (one probe
 * each in work_logs_day_live). The tables are kept by triggers equal to the live logs
 * (tests/unit/reportWorkLogs.test.ts). Until 2026-12-01 every log of the period was read: 240–250
 * ms of CPU for a quarter of the scale-1 bench (427,000 logs); until 022 the whole database's
 * cadres logging took 8 ms for that quarter and 34 ms for a period of parts of two months.
 */
export function workLogReport(db: Database, params: ReportParams): WorkLogReport {
  const sums = stmt(
    db,
      `SELECT ifnull(sum(d.logs), 0) AS logDays, ifnull(sum(d.in_village), 0) AS daysInVillage, ifnull(sum(d.households), 0) AS householdsVisited,
         ifnull(sum(d.logs * (d.origin ${VILLAGE_ORIGIN})), 0) AS villageDays
       FROM work_log_days d WHERE d.day BETWEEN @from AND @to AND ${inScope(params, 'd.')}`,
    )
    .get(params) as Omit<WorkLogReport, 'cadresLogging'>;
  if (params.township === null) {
    const { n } = stmt(db, 'SELECT ifnull(sum(f.n), 0) AS n FROM work_log_firsts f WHERE f.day BETWEEN @from AND @to AND f.prev < @from').get(params) as { n: number };
    return { ...sums, cadresLogging: n };
  }
  return { ...sums, cadresLogging: townshipCadresLogging(db, params) };
}

function townshipCadresLogging(db: Database, params: ReportParams): number {
  const { firstMonth, lastMonth, partial } = periodMonths(params.from, params.to);
  const bind: Record<string, unknown> = { ...params, firstMonth, lastMonth };
  const T = `t.logs > 0 AND ${inScope(params, 't.')}`;
  // A cadre of the whole months is not looked up again in a part.
  const parts = partial.map(([a, b], i) => {
    Object.assign(bind, { [`m${i}`]: a.slice(0, 7), [`a${i}`]: a, [`b${i}`]: b });
    return `SELECT t.cadre_id FROM work_log_months t WHERE t.month = @m${i} AND ${T} AND t.cadre_id NOT IN whole
      AND EXISTS (SELECT 1 FROM work_logs w INDEXED BY work_logs_day_live
        WHERE w.cadre_id = t.cadre_id AND w.deleted_at IS NULL AND w.log_date BETWEEN @a${i} AND @b${i} AND ${inScope(params, 'w.')})`;
  });
  const inParts = parts.length ? `(SELECT count(DISTINCT cadre_id) FROM (${parts.join(' UNION ALL ')}))` : '0';
  const { n } = stmt(
    db,
      `WITH whole AS MATERIALIZED (SELECT DISTINCT t.cadre_id FROM work_log_months t WHERE t.month BETWEEN @firstMonth AND @lastMonth AND ${T})
       SELECT (SELECT count(*) FROM whole) + ${inParts} AS n`,
    )
    .get(bind) as { n: number };
  return n;
}
