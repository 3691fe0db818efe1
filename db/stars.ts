import type { Database } from 'better-sqlite3';
import { MAX_SCORE, WEAK_STARS } from '../electron/domain/stars';
import * as c from './columns';
import { optional } from './columns';
import { defineSyncTable, stmt, type TableRow } from './sync';
import { filterTownship, fromTownship } from './townships';

export const starRatingsTable = defineSyncTable('star_ratings', '评星定级记录', {
  village_id: c.ref('村（社区）', 'villages'),
  year: c.int('评定年度', 1949, 2100),
  score: optional(c.int('得分', 0, MAX_SCORE, '分')),
  stars: c.int('星级', 1, 5),
  change_reason: optional(c.text('升降星原因', 500)),
  publicity_start: optional(c.date('公示开始日期')),
  publicity_end: optional(c.date('公示结束日期')),
  note: optional(c.text('备注', 500)),
}, { rowChecks: [c.notBefore('publicity_end', 'publicity_start')] });

export const starRectificationsTable = defineSyncTable('star_rectifications', '整改事项', {
  rating_id: c.ref('评星定级记录', 'star_ratings'),
  item: c.text('整改事项', 200),
  deadline: optional(c.date('整改时限')),
  responsible: optional(c.personName('责任人')),
  result: optional(c.text('整改结果', 200)),
  done_date: optional(c.date('完成日期')),
});

export type StarRatingRow = TableRow<typeof starRatingsTable>;
export type StarRectificationRow = TableRow<typeof starRectificationsTable>;

/**
 * A village's stars for a year: its live rating, or else the stars the villages register kept for
 * that year (village_years, the years rated before this register). `v` is the village's alias,
 * `year` an SQL expression (it may name the caller's aliases, so the subqueries use sr and svy).
 */
export const starsOf = (v: string, year: string) => `coalesce(
  (SELECT sr.stars FROM star_ratings sr WHERE sr.village_id = ${v}.id AND sr.year = ${year} AND sr.deleted_at IS NULL),
  (SELECT svy.stars FROM village_years svy WHERE svy.village_id = ${v}.id AND svy.year = ${year} AND svy.deleted_at IS NULL))`;

/** A rating with what the list shows beside it: its village, last year's stars, its corrective items. */
export type StarListRow = StarRatingRow & {
  village_name: string;
  village_code: string | null;
  previous_stars: number | null;
  items: number;
  open_items: number;
};

export const STAR_SORTS = {
  year: 'r.year',
  village: 'v.code',
  stars: 'r.stars',
  score: 'r.score',
  updated_at: 'r.updated_at',
} as const;

export interface StarListQuery {
  id?: string;
  search?: string;
  villageId?: string;
  township?: string | null;
  year?: number;
  stars?: number;
  /** Only ratings below four stars with a corrective item not yet done (no result). */
  openItems?: boolean;
  sort?: keyof typeof STAR_SORTS;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const OPEN_ITEM = `EXISTS (SELECT 1 FROM star_rectifications x WHERE x.rating_id = r.id AND x.deleted_at IS NULL AND x.done_date IS NULL)`;

function whereOf(q: StarListQuery): { sql: string; params: Record<string, unknown> } {
  const where = ['r.deleted_at IS NULL'];
  const params: Record<string, unknown> = {};
  filterTownship(where, params, 'r.', q.township);
  const search = q.search?.trim();
  if (search) {
    where.push(`(instr(v.name, @search) > 0 OR instr(ifnull(v.code, ''), @search) > 0 OR instr(ifnull(r.change_reason, ''), @search) > 0)`);
    params.search = search;
  }
  for (const [key, column] of [['id', 'r.id'], ['villageId', 'r.village_id'], ['year', 'r.year'], ['stars', 'r.stars']] as const) {
    if (q[key] === undefined) continue;
    where.push(`${column} = @${key}`);
    params[key] = q[key];
  }
  if (q.openItems) where.push(OPEN_ITEM);
  return { sql: where.join(' AND '), params };
}

/** Paging, search, filters and sorting in SQL. */
export function listStarRatings(db: Database, q: StarListQuery): { rows: StarListRow[]; total: number } {
  const { sql, params } = whereOf(q);
  const total = (db.prepare(`SELECT count(*) AS n FROM star_ratings r JOIN villages v ON v.id = r.village_id WHERE ${sql}`).get(params) as { n: number }).n;
  const sortExpr = STAR_SORTS[q.sort ?? 'year'];
  const dir = q.sort ? (q.order === 'desc' ? 'DESC' : 'ASC') : 'DESC';
  const rows = db
    .prepare(
      `SELECT r.*, v.name AS village_name, v.code AS village_code, ${starsOf('v', 'r.year - 1')} AS previous_stars,
         (SELECT count(*) FROM star_rectifications x WHERE x.rating_id = r.id AND x.deleted_at IS NULL) AS items,
         (SELECT count(*) FROM star_rectifications x WHERE x.rating_id = r.id AND x.deleted_at IS NULL AND x.done_date IS NULL) AS open_items
       FROM star_ratings r JOIN villages v ON v.id = r.village_id
       WHERE ${sql}
       ORDER BY ${sortExpr} IS NULL, ${sortExpr} ${dir}, v.code, v.name, r.id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as StarListRow[];
  return { rows, total };
}

export function liveRatingOf(db: Database, villageId: string, year: number): StarRatingRow | undefined {
  return stmt(db, 'SELECT * FROM star_ratings WHERE village_id = ? AND year = ? AND deleted_at IS NULL').get(villageId, year) as StarRatingRow | undefined;
}

export function rectifications(db: Database, ratingId: string): StarRectificationRow[] {
  return db
    .prepare('SELECT * FROM star_rectifications WHERE rating_id = ? AND deleted_at IS NULL ORDER BY deadline IS NULL, deadline, created_at, id')
    .all(ratingId) as StarRectificationRow[];
}

/** 软弱涣散: villages whose latest rated year (rating, or the villages register) is one star. */
export interface WeakVillage {
  id: string;
  name: string;
  code: string | null;
  year: number;
}

export function weakVillages(db: Database, township: string | null): WeakVillage[] {
  return db
    .prepare(
      `WITH rated AS (
         SELECT r.village_id, r.year, r.stars FROM star_ratings r WHERE r.deleted_at IS NULL
         UNION ALL
         SELECT vy.village_id, vy.year, vy.stars FROM village_years vy WHERE vy.deleted_at IS NULL AND vy.stars IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM star_ratings r WHERE r.village_id = vy.village_id AND r.year = vy.year AND r.deleted_at IS NULL)),
       latest AS (SELECT village_id, max(year) AS year FROM rated GROUP BY village_id)
       SELECT v.id, v.name, v.code, l.year FROM latest l JOIN rated x ON x.village_id = l.village_id AND x.year = l.year
         JOIN villages v ON v.id = l.village_id
       WHERE v.deleted_at IS NULL AND x.stars <= ${WEAK_STARS}${township ? ` AND ${fromTownship('v.')}` : ''}
       ORDER BY v.code IS NULL, v.code, v.name`,
    )
    .all({ township }) as WeakVillage[];
}
