import type { Database } from 'better-sqlite3';
import { OVERDUE } from './floating';
import { fromTownship } from './townships';

/**
 * Data-quality checks listed on the dashboard. Each returns how many rows it finds and the first
 * few of them, with enough to find the row in its register. Raw ID numbers leave this file only
 * for the service to mask.
 */
export interface QualityHit {
  id: string;
  name: string;
  village: string | null;
  /** The date or figure that makes it a hit (last log, last contact, investment in fen...). */
  value: string | number | null;
}

export interface QualityResult<T = QualityHit> {
  count: number;
  items: T[];
}

interface Scope {
  township: string | null;
  limit: number;
  /** Rows skipped before the first listed (paging); 0 when absent. */
  offset?: number;
}

const inTownship = (alias: string, township: string | null) => (township ? ` AND ${fromTownship(alias)}` : '');

/**
 * Counts and first rows of one query, sharing its FROM/WHERE, in one run of it: the count comes
 * with the rows (a window over the whole result). Only a page past the last row, which has no
 * row to carry it, counts again.
 */
function counted<T>(db: Database, from: string, cols: string, order: string, params: Record<string, unknown>, limit: number): QualityResult<T> {
  const offset = (params.offset as number | undefined) ?? 0;
  const countAll = () => (db.prepare(`SELECT count(*) AS n ${from}`).get(params) as { n: number }).n;
  if (limit === 0) return { count: countAll(), items: [] };
  const rows = db.prepare(`SELECT ${cols}, count(*) OVER () AS total_rows ${from} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset }) as (T & {
    total_rows?: number;
  })[];
  const count = rows.length ? rows[0]!.total_rows! : offset > 0 ? countAll() : 0;
  for (const r of rows) delete r.total_rows;
  return { count, items: rows };
}

/** 第一书记 in post with no work log (in the village or not) from the 1st of the month to today. */
export function secretariesWithoutLog(db: Database, s: Scope, monthFirst: string, today: string): QualityResult {
  return counted<QualityHit>(
    db,
    `FROM cadre_postings p JOIN cadres c ON c.id = p.cadre_id AND c.deleted_at IS NULL
     LEFT JOIN villages v ON v.id = p.village_id
     WHERE p.deleted_at IS NULL AND p.role = '第一书记' AND p.status = '在岗' AND p.actual_end IS NULL${inTownship('c.', s.township)}
       AND NOT EXISTS (SELECT 1 FROM work_logs w WHERE w.cadre_id = c.id AND w.deleted_at IS NULL AND w.log_date BETWEEN @first AND @today)`,
    `c.id, c.name, v.name AS village,
     (SELECT max(w.log_date) FROM work_logs w WHERE w.cadre_id = c.id AND w.deleted_at IS NULL) AS value`,
    'v.code IS NULL, v.code, c.name, c.id',
    { township: s.township, first: monthFirst, today, offset: s.offset },
    s.limit,
  );
}

/**
 * 外出中 members not contacted for more than twice the interval: the floating list's overdue rule
 * (last contact, or the day they left, before the cutoff) with a cutoff of today − 2 × interval.
 */
export function membersLongUncontacted(db: Database, s: Scope, cutoff: string): QualityResult {
  return counted<QualityHit>(
    db,
    `FROM floating_members m LEFT JOIN villages v ON v.id = m.village_id
     WHERE m.deleted_at IS NULL AND ${OVERDUE}${inTownship('m.', s.township)}`,
    'm.id, m.name, v.name AS village, coalesce(m.last_contact_date, m.left_date) AS value',
    'value, m.name, m.id',
    { township: s.township, cutoff, offset: s.offset },
    s.limit,
  );
}

/**
 * Projects with investment that should have earned something last year but have no income
 * record for it (a record of 0 counts as recorded): started that year or before, past 谋划, and
 * not ended before that year began.
 */
export function projectsWithoutIncome(db: Database, s: Scope, year: number): QualityResult {
  return counted<QualityHit>(
    db,
    // The candidates judged on migration 018's index, a project row read only for a hit. Named:
    // the planner may skip-scan projects_village_year for the years instead, reading every
    // candidate's row in twice the time.
    `FROM projects p INDEXED BY projects_income_due LEFT JOIN villages v ON v.id = p.village_id
     WHERE p.deleted_at IS NULL AND p.total_fen > 0 AND p.year <= @year AND p.status <> '谋划'
       AND (p.actual_end IS NULL OR p.actual_end >= @yearStart)${inTownship('p.', s.township)}
       AND NOT EXISTS (SELECT 1 FROM project_incomes pi WHERE pi.project_id = p.id AND pi.deleted_at IS NULL AND pi.year = @year)`,
    'p.id, p.name, v.name AS village, p.total_fen AS value',
    'v.code IS NULL, v.code, p.name, p.id',
    { township: s.township, year, yearStart: `${year}-01-01`, offset: s.offset },
    s.limit,
  );
}

export interface SharedIdRow {
  id_number: string;
  people: { register: 'cadres' | 'floating'; id: string; name: string; village: string | null }[];
}

/**
 * ID numbers carried by more than one live row, in the cadres and floating-member registers
 * together: twice in one register (possible in district mode, across townships) or once in each.
 */
export function sharedIdNumbers(db: Database, s: Scope): QualityResult<SharedIdRow> {
  const people = `SELECT 'cadres' AS register, c.id, c.name, c.id_number,
      (SELECT v.name FROM cadre_postings p JOIN villages v ON v.id = p.village_id WHERE p.cadre_id = c.id AND p.deleted_at IS NULL
       ORDER BY (p.status = '在岗' AND p.actual_end IS NULL) DESC, p.start_date DESC LIMIT 1) AS village
    FROM cadres c WHERE c.deleted_at IS NULL${inTownship('c.', s.township)}
    UNION ALL
    SELECT 'floating', m.id, m.name, m.id_number, v.name FROM floating_members m LEFT JOIN villages v ON v.id = m.village_id
    WHERE m.deleted_at IS NULL${inTownship('m.', s.township)}`;
  // The numbers carried more than once in the whole store are kept by triggers (migration 018's
  // shared_id_numbers, usually empty); each is counted again among the live rows in scope, so a
  // township's check lists only the numbers repeated within that township.
  const holders = (table: string, a: string) =>
    `(SELECT count(*) FROM ${table} ${a} WHERE ${a}.id_number = s.id_number AND ${a}.deleted_at IS NULL${inTownship(`${a}.`, s.township)})`;
  const from = `FROM shared_id_numbers s WHERE ${holders('cadres', 'c')} + ${holders('floating_members', 'm')} > 1`;
  const result = counted<{ id_number: string }>(db, from, 's.id_number AS id_number', 's.id_number', { township: s.township, offset: s.offset }, s.limit);
  const peopleOf = db.prepare(`SELECT register, id, name, village FROM (${people}) WHERE id_number = @idNumber ORDER BY register, name, id`);
  return {
    count: result.count,
    items: result.items.map((r) => ({ id_number: r.id_number, people: peopleOf.all({ township: s.township, idNumber: r.id_number }) as SharedIdRow['people'] })),
  };
}

/** The register tables a quality hit can come from. */
export type QualityTable = 'cadres' | 'floating_members' | 'projects';

/**
 * District: the township each row came from (the pin of the installation that made it), by id.
 * Rows of an unpinned origin are absent from the map.
 */
export function rowTownships(db: Database, table: QualityTable, ids: string[]): Map<string, string> {
  if (!ids.length) return new Map();
  const rows = db
    .prepare(
      `SELECT t.id, (SELECT max(s.township_name) FROM sync_pins s WHERE s.installation_id = t.origin) AS township
       FROM ${table} t WHERE t.id IN (SELECT value FROM json_each(@ids))`,
    )
    .all({ ids: JSON.stringify(ids) }) as { id: string; township: string | null }[];
  return new Map(rows.flatMap((r) => (r.township ? [[r.id, r.township] as const] : [])));
}
