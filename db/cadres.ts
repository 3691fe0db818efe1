import type { Database } from 'better-sqlite3';
import { ASSESSMENT_RESULTS, monthBounds, CADRE_ROLES, EVALUATION_RESULTS, POSTING_STATUSES, UNIT_LEVELS, WORK_KINDS } from '../electron/domain/cadres';
import { EDUCATIONS, POLITICAL_STATUSES } from '../electron/domain/person';
import * as c from './columns';
import { optional } from './columns';
import { defineSyncTable, stmt, type TableRow } from './sync';
import { filterTownship } from './townships';

export const cadresTable = defineSyncTable('cadres', '驻村干部', {
  ...c.personColumns(),
  political_status: optional(c.oneOf('政治面貌', POLITICAL_STATUSES)),
  education: optional(c.oneOf('学历', EDUCATIONS)),
  unit: c.text('派出单位', 60),
  unit_level: c.oneOf('派出单位层级', UNIT_LEVELS),
  post_rank: optional(c.text('职务职级', 40)),
  mobile: optional(c.mobile('手机号码')),
  note: optional(c.text('备注', 500)),
}, { rowChecks: [c.agreesWithIdNumber] });

export const cadrePostingsTable = defineSyncTable('cadre_postings', '驻村经历', {
  cadre_id: c.ref('驻村干部', 'cadres'),
  village_id: c.ref('驻村村（社区）', 'villages'),
  role: c.oneOf('驻村角色', CADRE_ROLES),
  start_date: c.date('驻村开始日期'),
  planned_end: optional(c.date('计划结束日期')),
  actual_end: optional(c.date('实际结束日期')),
  status: c.oneOf('状态', POSTING_STATUSES),
  reason: optional(c.text('调整原因', 200)),
  replaced_by_cadre_id: optional(c.ref('接替人', 'cadres')),
}, { rowChecks: [c.notBefore('planned_end', 'start_date'), c.notBefore('actual_end', 'start_date')] });

export const workLogsTable = defineSyncTable('work_logs', '驻村日志', {
  cadre_id: c.ref('驻村干部', 'cadres'),
  village_id: c.ref('驻村村（社区）', 'villages'),
  log_date: c.date('日期'),
  in_village: c.flag('是否在村'),
  work_kind: c.oneOf('工作类型', WORK_KINDS),
  households: c.int('走访户数', 0, 999, '户'),
  content: optional(c.text('工作内容', 1000)),
  problems: optional(c.text('发现问题', 500)),
  follow_up: optional(c.text('跟进措施', 500)),
});

export const cadreInspectionsTable = defineSyncTable('cadre_inspections', '督查记录', {
  cadre_id: c.ref('驻村干部', 'cadres'),
  inspect_date: c.date('督查日期'),
  inspector: c.text('督查人', 30),
  in_post: c.flag('是否在岗'),
  notes: optional(c.text('督查情况', 500)),
});

export const cadreEvaluationsTable = defineSyncTable('cadre_evaluations', '季度考评', {
  cadre_id: c.ref('驻村干部', 'cadres'),
  year: c.int('考评年度', 2000, 2100),
  quarter: c.int('季度', 1, 4),
  result: c.oneOf('考评结果', EVALUATION_RESULTS),
  evaluator: optional(c.text('考评人', 30)),
  notes: optional(c.text('考评意见', 500)),
});

export const cadreAssessmentsTable = defineSyncTable('cadre_assessments', '年终考核', {
  cadre_id: c.ref('驻村干部', 'cadres'),
  year: c.int('考核年度', 2000, 2100),
  result: c.oneOf('考核结果', ASSESSMENT_RESULTS),
  notes: optional(c.text('考核意见', 500)),
});

export type CadreRow = TableRow<typeof cadresTable>;
export type PostingRow = TableRow<typeof cadrePostingsTable>;
export type WorkLogRow = TableRow<typeof workLogsTable>;
export type InspectionRow = TableRow<typeof cadreInspectionsTable>;
export type EvaluationRow = TableRow<typeof cadreEvaluationsTable>;
export type AssessmentRow = TableRow<typeof cadreAssessmentsTable>;

/** A cadre with their current (or else most recent) posting, as the list shows them. */
export type CadreListRow = CadreRow & {
  posting_id: string | null;
  village_id: string | null;
  village_name: string | null;
  role: string | null;
  status: string | null;
  start_date: string | null;
  posting_actual_end: string | null;
};

export const CADRE_SORTS = {
  name: 'c.name',
  birth_date: 'c.birth_date',
  unit: 'c.unit',
  village: 'v.name',
  start_date: 'p.start_date',
  updated_at: 'c.updated_at',
} as const;

export interface CadreListQuery {
  search?: string;
  /** Only this cadre (a dashboard row opening the list on one person). */
  id?: string;
  villageId?: string;
  /** District mode: only rows from this township's installations. */
  township?: string | null;
  role?: string;
  /** A posting status of the current posting, or 未派驻 for cadres without any. */
  status?: string;
  /**
   * Only cadres in post whose in-village days that month are short: below the threshold prorated
   * to the days posted that month, less the days still to come (domain/cadres.ts attendanceBar).
   */
  belowMonth?: { first: string; last: string; threshold: number; monthDays: number; daysLeft: number };
  sort?: keyof typeof CADRE_SORTS;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/**
 * The posting a list row shows: the one in post if any, else the latest by start date. A
 * correlated lookup on cadre_postings (cadre_id, start_date), one index probe per cadre.
 */
const CURRENT_POSTING = `(SELECT id FROM cadre_postings WHERE cadre_id = c.id AND deleted_at IS NULL
  ORDER BY (status = '在岗' AND actual_end IS NULL) DESC, start_date DESC LIMIT 1)`;
/** In post: the open posting is the current one, found on the partial unique index. */
const OPEN_POSTING = `JOIN cadre_postings p ON p.cadre_id = c.id AND p.deleted_at IS NULL AND p.status = '在岗' AND p.actual_end IS NULL`;
const postingIn = (cond: string) => `c.id IN (SELECT cadre_id FROM cadre_postings WHERE ${cond} AND deleted_at IS NULL)`;

/** WHERE terms on the cadre (narrowing by posting with IN) and on its current posting. */
function cadreFilters(q: Omit<CadreListQuery, 'page' | 'pageSize'>) {
  const where = ['c.deleted_at IS NULL'];
  const postingWhere: string[] = [];
  const params: Record<string, unknown> = {};
  filterTownship(where, params, 'c.', q.township);
  if (q.id) {
    where.push('c.id = @id');
    params.id = q.id;
  }
  const search = q.search?.trim();
  if (search) {
    // ID numbers match by prefix (or the last digits a clerk reads off a masked list); text by substring.
    where.push(`(instr(c.name, @search) > 0 OR instr(c.unit, @search) > 0 OR instr(ifnull(c.mobile, ''), @search) > 0
      OR c.id_number LIKE @prefix ESCAPE '\\' OR (length(@search) >= 4 AND c.id_number LIKE @suffix ESCAPE '\\'))`);
    const like = search.toUpperCase().replace(/[\\%_]/g, (ch) => '\\' + ch);
    Object.assign(params, { search, prefix: `${like}%`, suffix: `%${like}` });
  }
  const inPost = q.status === '在岗' || Boolean(q.belowMonth);
  if (q.villageId) {
    where.push(postingIn('village_id = @villageId'));
    postingWhere.push('p.village_id = @villageId');
    params.villageId = q.villageId;
  }
  if (q.role) {
    where.push(postingIn('role = @role'));
    postingWhere.push('p.role = @role');
    params.role = q.role;
  }
  if (q.status === '未派驻') where.push('NOT EXISTS (SELECT 1 FROM cadre_postings WHERE cadre_id = c.id AND deleted_at IS NULL)');
  else if (q.status && !inPost) {
    where.push(postingIn('status = @status'));
    postingWhere.push('p.status = @status');
    params.status = q.status;
  }
  if (q.belowMonth) {
    // Against the same integer formula as requiredDays() and attendanceBar() (p is the open posting).
    const posted = `CAST(julianday(@last) - julianday(max(@first, p.start_date)) + 1 AS INTEGER)`;
    // Parameters bind as REAL, so the integer division is spelled out with CAST.
    const required = `CAST((@threshold * min(max(${posted}, 0), @monthDays) + CAST(@monthDays / 2 AS INTEGER)) / @monthDays AS INTEGER)`;
    // Keyed by p.cadre_id (not c.id) so the planner judges each open posting before it looks up
    // the cadre: only the cadres below are read. A posting that began by the month's first day
    // was posted the whole month, so its bar is the one number @fullBar, not a date sum per row.
    const bar = `CASE WHEN p.start_date <= @first THEN @fullBar ELSE max(0, ${required} - @daysLeft) END`;
    postingWhere.push(`${inVillageDays(q.belowMonth)} < ${bar}`);
    const { threshold, monthDays, daysLeft } = q.belowMonth;
    // A posting's bar is at most the threshold, less the days left: early in the month, while the
    // days left could still make up the whole threshold, nobody can be below, and the walk or the
    // count would judge every open posting to find none (on the 1st, 40-50 ms at 10,000 cadres).
    if (threshold <= daysLeft) postingWhere.push('0');
    Object.assign(params, q.belowMonth, { fullBar: Math.max(0, Math.floor((threshold * monthDays + Math.floor(monthDays / 2)) / monthDays) - daysLeft) });
    const { first, last } = q.belowMonth;
    if (wholeMonth(first, last)) params.month = first.slice(0, 7);
  }
  return { where, postingWhere, params, inPost };
}

const wholeMonth = (first: string, last: string) => {
  const bounds = monthBounds(first.slice(0, 7));
  return bounds.first === first && bounds.last === last;
};

/**
 * A cadre's days in the village from @first to @last. A calendar month (as the list and the
 * dashboard always judge) is one row of work_log_month_days (migration 016), kept by triggers;
 * any other range counts the work logs on the attendance index.
 */
function inVillageDays({ first, last }: { first: string; last: string }): string {
  if (wholeMonth(first, last)) return `ifnull((SELECT d.days FROM work_log_month_days d WHERE d.cadre_id = p.cadre_id AND d.month = @month), 0)`;
  return `(SELECT count(*) FROM work_logs w WHERE w.cadre_id = p.cadre_id AND w.log_date BETWEEN @first AND @last
      AND w.in_village = 1 AND w.deleted_at IS NULL)`;
}

/**
 * Paging, search, filters and sort happen in SQL; the page only ever holds one page of rows.
 * Filters on the current posting first narrow the cadres with an IN on cadre_postings, so the
 * per-cadre lookup of the current posting runs only for candidates; without such filters the
 * page is cut from cadres alone and only its rows look up their posting.
 */
function listParts(q: Omit<CadreListQuery, 'page' | 'pageSize'>) {
  const { where, postingWhere, params, inPost } = cadreFilters(q);
  const postingJoin = inPost ? OPEN_POSTING : `LEFT JOIN cadre_postings p ON p.id = ${CURRENT_POSTING}`;
  const byPosting = inPost || postingWhere.length > 0;
  const cadreWhere = where.join(' AND ');
  const allWhere = [...where, ...postingWhere].join(' AND ');
  const count = byPosting ? `SELECT count(*) AS n FROM cadres c ${postingJoin} WHERE ${allWhere}` : `SELECT count(*) AS n FROM cadres c WHERE ${cadreWhere}`;
  return { params, postingJoin, byPosting, cadreWhere, allWhere, count };
}

/** The list's total alone (the 首页's 低于标准 card): no page sorted to be thrown away. */
export function countCadres(db: Database, q: Omit<CadreListQuery, 'page' | 'pageSize'>): number {
  const { count, params } = listParts(q);
  return (db.prepare(count).get(params) as { n: number }).n;
}

/** The sorts on the cadre's own row, each with its index (migration 004). */
const CADRE_SORT_INDEX: Partial<Record<keyof typeof CADRE_SORTS, string>> = {
  name: 'cadres_name',
  birth_date: 'cadres_birth_date',
  unit: 'cadres_unit',
  updated_at: 'cadres_updated_at',
};
/** 低于标准's first rows up to this far walk the sort's index (see belowWalk). */
const BELOW_WALK_ROWS = 200;

/**
 * 低于标准 with nothing else narrowing it and a sort on the cadre's row: the index the sort
 * names, when the page is near the start. Walking the cadres in that order and judging each
 * one's open posting stops at the page's last row (some 70 cadres for page 1 at scale 1,
 * where about 3 in 10 are below), instead of judging every cadre in post and sorting the
 * thousands below; the total is the count the 首页 card makes. Far into the list the walk
 * would judge more cadres than there are in post, so those pages sort as before.
 */
function belowWalk(q: CadreListQuery): string | undefined {
  if (!q.belowMonth || q.search?.trim() || q.villageId || q.role || q.id || q.township) return undefined;
  return q.page * q.pageSize <= BELOW_WALK_ROWS ? CADRE_SORT_INDEX[q.sort ?? 'name'] : undefined;
}

export function listCadres(db: Database, q: CadreListQuery): { rows: CadreListRow[]; total: number } {
  const { params, postingJoin, byPosting, cadreWhere, allWhere, count } = listParts(q);
  const countAll = () => (db.prepare(count).get(params) as { n: number }).n;
  const walk = belowWalk(q);
  const sortCol = CADRE_SORTS[q.sort ?? 'name'];
  const dir = q.order === 'desc' ? 'DESC' : 'ASC';
  // Posting columns can be empty (never posted): those rows go last. Profile columns are NOT NULL,
  // so their order can walk the column's index.
  const nullsLast = sortCol.startsWith('c.') ? '' : `${sortCol} IS NULL, `;
  const order = `ORDER BY ${nullsLast}${sortCol} ${dir}, c.name ${dir}, c.id`;
  const cols = `c.*, p.id AS posting_id, p.village_id, v.name AS village_name, p.role, p.status, p.start_date, p.actual_end AS posting_actual_end`;
  // A search reads every cadre whatever the order, so it reads them once, the total with the
  // page; with no filter the page walks the sort column's index and the count reads no rows.
  const pageOfCadres = !byPosting && !q.search?.trim() && sortCol.startsWith('c.');
  const sql = pageOfCadres
    ? `SELECT ${cols} FROM (SELECT c.* FROM cadres c WHERE ${cadreWhere} ${order} LIMIT @limit OFFSET @offset) c
       ${postingJoin} LEFT JOIN villages v ON v.id = p.village_id ${order}`
    : // The filters run once: the total comes with the page (count over the whole filtered set),
      // but for 低于标准's first pages (belowWalk). Only the ids and the sort keys are sorted;
      // the page's 20 rows are read whole afterwards.
      `WITH page AS (SELECT c.id AS cadre_id, p.id AS posting_id${walk ? '' : ', count(*) OVER () AS total_rows'}
         FROM cadres c${walk ? ` INDEXED BY ${walk}` : ''} ${postingJoin} LEFT JOIN villages v ON v.id = p.village_id
         WHERE ${allWhere} ${order} LIMIT @limit OFFSET @offset)
       SELECT ${cols}${walk ? '' : ', page.total_rows'} FROM page JOIN cadres c ON c.id = page.cadre_id
         LEFT JOIN cadre_postings p ON p.id = page.posting_id LEFT JOIN villages v ON v.id = p.village_id ${order}`;
  const rows = db.prepare(sql).all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as (CadreListRow & { total_rows?: number })[];
  const total = rows[0]?.total_rows ?? countAll();
  for (const r of rows) delete r.total_rows;
  return { rows, total };
}

/** Days in the village in one month for the given cadres (a page of the list). */
export function daysInRange(db: Database, cadreIds: string[], first: string, last: string): Map<string, number> {
  const out = new Map<string, number>();
  const days = db.prepare(
    `SELECT count(DISTINCT log_date) AS days FROM work_logs
     WHERE cadre_id = ? AND log_date BETWEEN ? AND ? AND in_village = 1 AND deleted_at IS NULL`,
  );
  for (const id of cadreIds) out.set(id, (days.get(id, first, last) as { days: number }).days);
  return out;
}

export function findLiveCadreByIdNumber(db: Database, idNumber: string): CadreRow | undefined {
  return stmt(db, 'SELECT * FROM cadres WHERE id_number = ? AND deleted_at IS NULL').get(idNumber) as CadreRow | undefined;
}
