import type { Database } from 'better-sqlite3';
import { FUNDING_SOURCES, fundingMismatch, PROJECT_CATEGORIES, PROJECT_MODELS, PROJECT_STATUSES, type Funding } from '../electron/domain/projects';
import * as c from './columns';
import { optional, type RowCheck } from './columns';
import { defineSyncTable, stmt, type TableRow } from './sync';
import { filterTownship, fromTownship } from './townships';

/** The five sources add up to the total, as the form requires (with its message). */
const fundingAddsUp: RowCheck = {
  text: `\`total_fen\` = ${FUNDING_SOURCES.map((f) => `\`${f.column}\``).join(' + ')}`,
  check(r) {
    const fen = (k: string) => r[k] as number;
    const why = fundingMismatch(fen('total_fen'), Object.fromEntries(FUNDING_SOURCES.map((f) => [f.key, fen(f.column)])) as Funding);
    return why && `“总投资”（total_fen）：${why}`;
  },
};

export const projectsTable = defineSyncTable('projects', '项目', {
  village_id: c.ref('村（社区）', 'villages'),
  year: c.int('年度', 1949, 2100),
  name: c.text('项目名称', 60),
  category: c.oneOf('项目类别', PROJECT_CATEGORIES),
  model: c.oneOf('经营模式', PROJECT_MODELS),
  partner: optional(c.text('合作主体', 60)),
  responsible: optional(c.personName('负责人')),
  planned_start: optional(c.date('计划开工日期')),
  planned_end: optional(c.date('计划完工日期')),
  actual_start: optional(c.date('实际开工日期')),
  actual_end: optional(c.date('实际完工（终止）日期')),
  status: c.oneOf('项目状态', PROJECT_STATUSES),
  // The five sources add up to the total (fundingAddsUp, and a CHECK of the table).
  total_fen: c.fen('总投资'),
  fiscal_fen: c.fen('财政资金'),
  aid_fen: c.fen('帮扶单位'),
  village_fen: c.fen('村集体自筹'),
  social_fen: c.fen('社会资本'),
  other_fen: c.fen('其他来源'),
  households: optional(c.int('带动户数', 0, 1_000_000, '户')),
  note: optional(c.text('备注', 500)),
}, { rowChecks: [c.notBefore('planned_end', 'planned_start'), c.notBefore('actual_end', 'actual_start'), fundingAddsUp] });

export const projectIncomesTable = defineSyncTable('project_incomes', '项目年度收益', {
  project_id: c.ref('项目', 'projects'),
  year: c.int('收益年度', 1949, 2100),
  income_fen: c.fen('当年收益'),
});

export const projectProgressTable = defineSyncTable('project_progress', '项目进展', {
  project_id: c.ref('项目', 'projects'),
  report_date: c.date('进展日期'),
  percent: c.int('完成进度', 0, 100, '%'),
  note: optional(c.text('进展情况', 500)),
  problems: optional(c.text('存在问题', 500)),
});

export type ProjectRow = TableRow<typeof projectsTable>;
export type ProjectIncomeRow = TableRow<typeof projectIncomesTable>;
export type ProjectProgressRow = TableRow<typeof projectProgressTable>;

/** A project with what the list shows beside it: its village, current progress, the year's income. */
export type ProjectListRow = ProjectRow & {
  village_name: string;
  village_code: string | null;
  progress: number | null;
  progress_date: string | null;
  income_fen: number | null;
};

// Current progress = the latest live update by report date; same-day ties go to the one entered
// last. Answered by the project_progress_latest index with one seek per project.
const LATEST = (col: string) => `(SELECT pp.${col} FROM project_progress pp
   WHERE pp.project_id = p.id AND pp.deleted_at IS NULL
   ORDER BY pp.report_date DESC, pp.created_at DESC LIMIT 1)`;

export const PROJECT_SORTS = {
  year: 'p.year',
  village: 'v.code',
  name: 'p.name',
  status: 'p.status',
  total: 'p.total_fen',
  progress: LATEST('percent'),
  updated_at: 'p.updated_at',
} as const;

export interface ProjectListQuery {
  /** One project by id, read the same way as the list (for the detail view). */
  id?: string;
  search?: string;
  villageId?: string;
  /** District mode: only rows from this township's installations. */
  township?: string | null;
  year?: number;
  status?: string;
  category?: string;
  sort?: keyof typeof PROJECT_SORTS;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

// 当年收益: the income of the year being looked at (the list's year filter), or of the project's
// own 年度 when the list is not filtered by year.
const INCOME = `(SELECT pi.income_fen FROM project_incomes pi
   WHERE pi.project_id = p.id AND pi.deleted_at IS NULL AND pi.year = coalesce(@incomeYear, p.year))`;

function whereOf(q: ProjectListQuery): { sql: string; params: Record<string, unknown> } {
  const where = ['p.deleted_at IS NULL'];
  const params: Record<string, unknown> = { incomeYear: q.year ?? null };
  filterTownship(where, params, 'p.', q.township);
  const search = q.search?.trim();
  if (search) {
    where.push(`(instr(p.name, @search) > 0 OR instr(v.name, @search) > 0 OR instr(ifnull(p.partner, ''), @search) > 0
      OR instr(ifnull(p.responsible, ''), @search) > 0)`);
    params.search = search;
  }
  if (q.id) {
    where.push('p.id = @id');
    params.id = q.id;
  }
  if (q.villageId) {
    where.push('p.village_id = @villageId');
    params.villageId = q.villageId;
  }
  if (q.year !== undefined) {
    where.push('p.year = @year');
    params.year = q.year;
  }
  if (q.status) {
    where.push('p.status = @status');
    params.status = q.status;
  }
  if (q.category) {
    where.push('p.category = @category');
    params.category = q.category;
  }
  return { sql: where.join(' AND '), params };
}

/** Paging, search, filters and sorting in SQL; the page only ever holds one page of rows. */
export function listProjects(db: Database, q: ProjectListQuery): { rows: ProjectListRow[]; total: number } {
  const { sql, params } = whereOf(q);
  // Every project has its village (a foreign key), so only a search, which looks at the
  // village's name, needs the join to count.
  const from = q.search?.trim() ? 'projects p JOIN villages v ON v.id = p.village_id' : 'projects p';
  // Cached per shape (the filters and sort chosen): a save reads its project back through here.
  const total = (stmt(db, `SELECT count(*) AS n FROM ${from} WHERE ${sql}`).get(params) as { n: number }).n;
  const sortExpr = PROJECT_SORTS[q.sort ?? 'year'];
  // Without a chosen sort: newest year first, then by village code as the paper ledger runs.
  const dir = q.sort ? (q.order === 'desc' ? 'DESC' : 'ASC') : 'DESC';
  // The page's ids are chosen first, so the per-row subqueries (progress, income) run for the 20
  // rows shown, not for every row skipped by OFFSET.
  const rows = stmt(
    db,
    `WITH page AS (
         SELECT p.id, ${sortExpr} AS sort_key, v.code AS village_code, p.name AS name
         FROM projects p JOIN villages v ON v.id = p.village_id
         WHERE ${sql}
         ORDER BY sort_key IS NULL, sort_key ${dir}, v.code, p.name, p.id LIMIT @limit OFFSET @offset)
       SELECT p.*, v.name AS village_name, v.code AS village_code,
         ${LATEST('percent')} AS progress, ${LATEST('report_date')} AS progress_date, ${INCOME} AS income_fen
       FROM page JOIN projects p ON p.id = page.id JOIN villages v ON v.id = p.village_id
       ORDER BY page.sort_key IS NULL, page.sort_key ${dir}, page.village_code, page.name, p.id`,
  ).all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as ProjectListRow[];
  return { rows, total };
}

/**
 * One live project as the list shows it (the same columns and the same LATEST and INCOME
 * expressions, the year's income being the project's own 年度 as in an unfiltered list), by id:
 * the detail every save returns. Through `listProjects` it cost a count and a page query with its
 * sort (0.3-0.5 ms on 20,000 projects, a sixth of a save); this is one primary-key probe.
 */
export function projectListRow(db: Database, id: string): ProjectListRow | undefined {
  return stmt(
    db,
    `SELECT p.*, v.name AS village_name, v.code AS village_code,
       ${LATEST('percent')} AS progress, ${LATEST('report_date')} AS progress_date, ${INCOME} AS income_fen
     FROM projects p JOIN villages v ON v.id = p.village_id
     WHERE p.id = @id AND p.deleted_at IS NULL`,
  ).get({ id, incomeYear: null }) as ProjectListRow | undefined;
}

export function projectIncomes(db: Database, projectId: string): ProjectIncomeRow[] {
  return stmt(db, 'SELECT * FROM project_incomes WHERE project_id = ? AND deleted_at IS NULL ORDER BY year DESC').all(projectId) as ProjectIncomeRow[];
}

/** Newest first, in the order that decides the current progress. */
export function projectProgress(db: Database, projectId: string): ProjectProgressRow[] {
  return stmt(db, 'SELECT * FROM project_progress WHERE project_id = ? AND deleted_at IS NULL ORDER BY report_date DESC, created_at DESC').all(projectId) as ProjectProgressRow[];
}

export interface CoverageRow {
  id: string;
  name: string;
  code: string | null;
  projects: number;
  project_income_fen: number | null;
  village_income_fen: number | null;
}

/**
 * The one-village-one-project rule. A village is covered in year Y when it has a live project
 * that was running on some day of Y:
 *  - its 年度 is Y or earlier (it had been started by then), and
 *  - its status is 在建 or 运营 and it has no actual end before Y, or
 *  - it has since ended (终止) but its actual end date falls in Y or later.
 * 谋划 (only planned) and 停滞 (stalled) projects do not count: they bring the village no
 * collective income, which is what the policy is about. A 终止 project without an end date
 * cannot be placed in time and does not count.
 */
export const COVERS_YEAR = `p.deleted_at IS NULL AND p.year <= @year AND (
    (p.status IN ('在建', '运营') AND (p.actual_end IS NULL OR p.actual_end >= @yearStart))
    OR (p.status = '终止' AND p.actual_end >= @yearStart))`;

/**
 * Every live village for year Y: how many projects cover it, the income its projects reported
 * for Y, and the 村级集体经济收入 from the villages register (village_years), side by side.
 */
export function projectCoverage(db: Database, year: number, township: string | null = null): CoverageRow[] {
  return db
    .prepare(
      `SELECT v.id, v.name, v.code,
         (SELECT count(*) FROM projects p WHERE p.village_id = v.id AND ${COVERS_YEAR}) AS projects,
         (SELECT sum(pi.income_fen) FROM project_incomes pi JOIN projects p ON p.id = pi.project_id
            WHERE p.village_id = v.id AND p.deleted_at IS NULL AND pi.deleted_at IS NULL AND pi.year = @year) AS project_income_fen,
         (SELECT vy.income_fen FROM village_years vy WHERE vy.village_id = v.id AND vy.year = @year AND vy.deleted_at IS NULL) AS village_income_fen
       FROM villages v WHERE v.deleted_at IS NULL${township ? ` AND ${fromTownship('v.')}` : ''}
       ORDER BY v.code IS NULL, v.code, v.name`,
    )
    .all({ year, yearStart: `${year}-01-01`, township }) as CoverageRow[];
}
