// Landed migrations never change; add a new numbered file instead.
// The 统计报表's 在村达标, 驻村干部, 一村一项目 and 驻村日志 (cadres logging) at scale 1 (issue 16
// item 2): figures read from a few hundred rows kept by triggers instead of every posting, cadre,
// project and cadre-month. Together these sections took 50–66 ms of CPU a call on the scale-1
// bench database, now 6–7 ms. The triggers on work_logs (attendance_days_* through migration
// 016's table, work_log_firsts_*) add some 20 µs of CPU to a log's insert, 35 µs to a move to
// another day (0.65–0.8 ms through the service before); postings, cadres and projects are rarely
// saved. Every table here is local, never synced, rebuilt from the registers below.
//
// 在村达标 (attendance by month):
// The report judged every posting in post in each finished month of the period and looked up the
// cadre's in-village days that month (migration 016's work_log_month_days): 39,000 posting-months
// and as many probes for a half year of the scale-1 bench, 31–35 ms of CPU a call. Two tables kept
// exact by triggers now answer it from a few hundred rows:
//
// - attendance_whole: per month and origin (the posting's: the report's township scope), the
//   change in the number of postings in post that whole month: +1 at a posting's first whole
//   month, −1 after its last (none for a posting still running). The postings in post a whole
//   month m are the sum of the rows up to m.
// - attendance_pairs: per month, origin, days in post that month and the cadre's in-village days
//   that month, how many posting-months there are — every month a posting covers in part (its
//   first and its last, at most two), and the months it covers whole for which the cadre has a
//   work_log_month_days row. A month covered whole without such a row has 0 in-village days and
//   is the difference between the two tables.
//
// A posting-month is met when the in-village days reach the threshold prorated to the days in
// post (db/reports/attendance.ts), a function of the last three key columns and the setting, so
// the threshold may change without touching the tables. Kept by triggers on cadre_postings (a
// posting's months out and in again) and on work_log_month_days (a cadre's month moved from one
// in-village count to the next: one probe of the cadre's postings and two upserts per posting
// that month), so a work-log save changes one row more per posting that month. Local, never
// synced; rows left at 0 stay.

/** The days in month m (YYYY-MM). */
const dim = (m: string) => `CAST(strftime('%d', ${m} || '-01', '+1 months', '-1 days') AS INTEGER)`;

/** Postings (cadre_id, origin, start_date, actual_end) with the month parts the rules name. */
const parts = (src: string) => `(SELECT cadre_id, origin, start_date, actual_end,
    substr(start_date, 1, 7) AS sm, CAST(substr(start_date, 9) AS INTEGER) AS sd,
    substr(actual_end, 1, 7) AS em, CAST(substr(actual_end, 9) AS INTEGER) AS ed,
    ${dim('substr(start_date, 1, 7)')} AS sdim,
    CASE WHEN substr(start_date, 9) = '01' THEN substr(start_date, 1, 7) ELSE strftime('%Y-%m', start_date, 'start of month', '+1 months') END AS fw
  FROM ${src})`;

// A posting is in post from its start day to the day before its actual end. Its first month is
// covered in part unless it starts on the 1st, its last (the month of its end) unless it ends on
// the 1st; the months from fw (first whole) to the one before its end's are covered whole.
const pairsOf = (src: string) => `SELECT x.month, x.origin, x.posted, ifnull(w.days, 0) AS days FROM (
    SELECT cadre_id, origin, sm AS month, CASE WHEN em = sm THEN ed - 1 ELSE sdim END - sd + 1 AS posted FROM ${parts(src)} WHERE sd > 1
    UNION ALL
    SELECT cadre_id, origin, em, ed - 1 FROM ${parts(src)} WHERE ed > 1 AND (em > sm OR sd = 1)
  ) x LEFT JOIN work_log_month_days w ON w.cadre_id = x.cadre_id AND w.month = x.month
  WHERE x.posted >= 1
  UNION ALL
  SELECT w.month, p.origin, ${dim('w.month')}, w.days FROM ${parts(src)} p
    JOIN work_log_month_days w ON w.cadre_id = p.cadre_id AND w.month >= p.fw AND (p.actual_end IS NULL OR w.month < p.em)`;

const wholeOf = (src: string) => `SELECT fw AS month, origin, 1 AS n FROM ${parts(src)} WHERE actual_end IS NULL OR fw < em
  UNION ALL SELECT em, origin, -1 FROM ${parts(src)} WHERE actual_end IS NOT NULL AND fw < em`;

const addPairs = (rows: string) => `  INSERT INTO attendance_pairs (month, origin, posted, days, n) SELECT month, origin, posted, days, n FROM (${rows}) WHERE true
    ON CONFLICT (month, origin, posted, days) DO UPDATE SET n = n + excluded.n;
`;
const addWhole = (rows: string) => `  INSERT INTO attendance_whole (month, origin, n) SELECT month, origin, n FROM (${rows}) WHERE true
    ON CONFLICT (month, origin) DO UPDATE SET n = n + excluded.n;
`;

/** A posting (NEW or OLD) counted in (+1) or out (−1), when it is live. */
const postingRow = (r: 'NEW' | 'OLD') =>
  `(SELECT ${r}.cadre_id AS cadre_id, ${r}.origin AS origin, ${r}.start_date AS start_date, ${r}.actual_end AS actual_end WHERE ${r}.deleted_at IS NULL)`;
const posting = (r: 'NEW' | 'OLD', sign: 1 | -1) =>
  addPairs(`SELECT month, origin, posted, days, ${sign} AS n FROM (${pairsOf(postingRow(r))})`) + addWhole(`SELECT month, origin, n * ${sign} AS n FROM (${wholeOf(postingRow(r))})`);

/** The live postings of cadre r.cadre_id in post on at least one day of month r.month, with their days in post that month. */
const postedIn = (r: 'NEW' | 'OLD') => `SELECT origin, e - s + 1 AS posted, d FROM (
    SELECT origin, d,
      CASE WHEN start_date > f THEN CAST(substr(start_date, 9) AS INTEGER) ELSE 1 END AS s,
      CASE WHEN actual_end IS NOT NULL AND actual_end <= l THEN CAST(substr(actual_end, 9) AS INTEGER) - 1 ELSE d END AS e
    FROM (SELECT ${r}.month || '-01' AS f, date(${r}.month || '-01', '+1 months', '-1 days') AS l, ${dim(`${r}.month`)} AS d)
    JOIN cadre_postings ON cadre_id = ${r}.cadre_id AND deleted_at IS NULL AND start_date <= l AND (actual_end IS NULL OR actual_end > f)
  ) WHERE e >= s`;

// A cadre's month with a row of in-village days: each of its posting-months is at that count. A
// month covered in part is at 0 without the row; a month covered whole is then not in the table.
const monthIn = (r: 'NEW' | 'OLD', sign: 1 | -1) =>
  addPairs(`SELECT ${r}.month AS month, origin, posted, ${r}.days AS days, ${sign} AS n FROM (${postedIn(r)})
    UNION ALL SELECT ${r}.month, origin, posted, 0, ${-sign} FROM (${postedIn(r)}) WHERE posted < d`);


// 驻村干部: the postings started in the period by role, and those under 35 on their start day,
// probed the cadre of each (4,500 postings in a half year of the scale-1 bench, 9 ms of CPU); the
// postings in post on the last day by the cadre's unit level, each of 8,400 (11 ms).
//
// - cadre_post_starts: live postings per start day, origin, role and young (the cadre under 35 on
//   that day; 0 without a cadre row, as the report's join then counts none).
// - cadre_post_spans: per day, origin, role and the cadre's unit level (cadre 0 and '' without a
//   cadre row: counted by role only), +1 on a posting's start day and −1 on its actual end; the
//   postings in post on day D are the sum of the rows up to D. A posting without an end that is
//   not 在岗 is never in post and has no rows.
//
// Kept by triggers on cadre_postings and on the cadres' birth date and unit level (a cadre's
// postings moved from the old values to the new). Keyed by origin first: a district's township
// reads only its installations' rows. cadre_postings_ended lets the 调整 count read
// only the ended postings.

/** A posting source's rows in both tables, with the sign. Columns: start_date, actual_end, status, role, origin, has, lvl, birth. */
const cadreRows = (src: string, sign: 1 | -1) => `  INSERT INTO cadre_post_starts (day, origin, role, young, n)
    SELECT start_date, origin, role, ifnull(start_date < date(birth, '+35 years'), 0), ${sign} FROM ${src} WHERE true
    ON CONFLICT (origin, day, role, young) DO UPDATE SET n = n + excluded.n;
  INSERT INTO cadre_post_spans (day, origin, role, cadre, unit_level, n)
    SELECT day, origin, role, has, lvl, n FROM (
      SELECT start_date AS day, origin, role, has, lvl, ${sign} AS n FROM ${src} WHERE actual_end IS NOT NULL OR status = '在岗'
      UNION ALL SELECT actual_end, origin, role, has, lvl, ${-sign} FROM ${src} WHERE actual_end IS NOT NULL
    ) WHERE true
    ON CONFLICT (origin, day, role, cadre, unit_level) DO UPDATE SET n = n + excluded.n;
`;

/** Posting r (NEW or OLD) with its cadre's values read now. */
const postingWithCadre = (r: 'NEW' | 'OLD') => `(SELECT ${r}.start_date AS start_date, ${r}.actual_end AS actual_end, ${r}.status AS status, ${r}.role AS role,
    ${r}.origin AS origin, c.id IS NOT NULL AS has, ifnull(c.unit_level, '') AS lvl, c.birth_date AS birth
    FROM (SELECT 1) LEFT JOIN cadres c ON c.id = ${r}.cadre_id WHERE ${r}.deleted_at IS NULL)`;

/** The live postings of cadre id, as if the cadre had values r (NEW or OLD), or none (no cadre row). */
const postingsOf = (id: string, r: 'NEW' | 'OLD' | null) => `(SELECT start_date, actual_end, status, role, origin,
    ${r ? `1 AS has, ${r}.unit_level AS lvl, ${r}.birth_date AS birth` : `0 AS has, '' AS lvl, NULL AS birth`}
    FROM cadre_postings WHERE cadre_id = ${id} AND deleted_at IS NULL)`;

// 一村一项目: the projects on the register in the period, grouped by status and category with
// their investment and households, streamed 20,000 entries of migration 020's projects_report
// (10–11 ms). project_groups keeps them grouped by every column the period's rule names (the end
// day only for 终止, '' otherwise) and origin: some 50 rows at scale 1. projects_report, read by
// nothing else, is dropped (one index less on a project's save).

const projectRow = (r: 'NEW' | 'OLD', sign: 1 | -1) => `  INSERT INTO project_groups (status, category, year, end_day, origin, n, total, fiscal, aid, village, social, other, households)
    SELECT ${r}.status, ${r}.category, ${r}.year, CASE WHEN ${r}.status = '终止' THEN ifnull(${r}.actual_end, '') ELSE '' END, ${r}.origin, ${sign},
      ${sign} * ${r}.total_fen, ${sign} * ${r}.fiscal_fen, ${sign} * ${r}.aid_fen, ${sign} * ${r}.village_fen, ${sign} * ${r}.social_fen,
      ${sign} * ${r}.other_fen, ${sign} * ifnull(${r}.households, 0)
    WHERE ${r}.deleted_at IS NULL
    ON CONFLICT (status, category, year, end_day, origin) DO UPDATE SET n = n + excluded.n, total = total + excluded.total,
      fiscal = fiscal + excluded.fiscal, aid = aid + excluded.aid, village = village + excluded.village, social = social + excluded.social,
      other = other + excluded.other, households = households + excluded.households;
`;

// 驻村日志's cadres logging: the distinct cadres with a live log in the period. For a period of
// parts of two months the report probed every cadre of each part (34 ms of CPU at scale 1), for
// whole months it took the distinct cadres of work_log_months (8 ms for a quarter).
// work_log_firsts keeps, per day and the cadre's previous log day ('' for none), how many live
// logs there are: a cadre logged in [from, to] exactly once with a log there whose previous log is
// before from, so the count is one range of days. Kept by triggers on work_logs that look up the
// log's neighbours in work_logs_day_live (two probes) and move at most three rows. Counted over
// every origin: the whole database's figure (a township's own report, a district's 合计); a
// district's township reads work_log_months as before.

/** Log r's neighbours (the cadre's live logs just before and after its day), the row itself left out. */
const neighbours = (r: 'NEW' | 'OLD') => `(SELECT ${r}.log_date AS d,
    ifnull((SELECT max(log_date) FROM work_logs INDEXED BY work_logs_day_live
      WHERE cadre_id = ${r}.cadre_id AND deleted_at IS NULL AND log_date < ${r}.log_date AND rowid <> ${r}.rowid), '') AS p,
    (SELECT min(log_date) FROM work_logs INDEXED BY work_logs_day_live
      WHERE cadre_id = ${r}.cadre_id AND deleted_at IS NULL AND log_date > ${r}.log_date AND rowid <> ${r}.rowid) AS x
  LIMIT 1)`;

// A log on day d between p and x: d's previous is p, x's is d instead of p.
const logFirsts = (r: 'NEW' | 'OLD', sign: 1 | -1) => `  INSERT INTO work_log_firsts (day, prev, n)
    SELECT CASE k WHEN 0 THEN d ELSE x END, CASE k WHEN 2 THEN d ELSE p END, CASE k WHEN 1 THEN ${-sign} ELSE ${sign} END
    FROM ${neighbours(r)} CROSS JOIN (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2)
    WHERE ${r}.deleted_at IS NULL AND (k = 0 OR x IS NOT NULL)
    ON CONFLICT (day, prev) DO UPDATE SET n = n + excluded.n;
`;

/** What the two tables hold, counted from the live postings and in-village days (the backfill; tests compare the kept rows with it). */
export const sectionsRecount = {
  pairs: `SELECT month, origin, posted, days, count(*) AS n FROM (${pairsOf('cadre_postings WHERE deleted_at IS NULL')}) GROUP BY month, origin, posted, days`,
  whole: `SELECT month, origin, sum(n) AS n FROM (${wholeOf('cadre_postings WHERE deleted_at IS NULL')}) GROUP BY month, origin`,
  starts: `SELECT p.start_date AS day, p.origin, p.role, ifnull(p.start_date < date(c.birth_date, '+35 years'), 0) AS young, count(*) AS n
    FROM cadre_postings p LEFT JOIN cadres c ON c.id = p.cadre_id WHERE p.deleted_at IS NULL GROUP BY 1, 2, 3, 4`,
  spans: `SELECT day, origin, role, cadre, unit_level, sum(n) AS n FROM (
      SELECT p.start_date AS day, p.origin, p.role, c.id IS NOT NULL AS cadre, ifnull(c.unit_level, '') AS unit_level, 1 AS n
      FROM cadre_postings p LEFT JOIN cadres c ON c.id = p.cadre_id WHERE p.deleted_at IS NULL AND (p.actual_end IS NOT NULL OR p.status = '在岗')
      UNION ALL SELECT p.actual_end, p.origin, p.role, c.id IS NOT NULL, ifnull(c.unit_level, ''), -1
      FROM cadre_postings p LEFT JOIN cadres c ON c.id = p.cadre_id WHERE p.deleted_at IS NULL AND p.actual_end IS NOT NULL
    ) GROUP BY 1, 2, 3, 4, 5`,
  projects: `SELECT status, category, year, CASE WHEN status = '终止' THEN ifnull(actual_end, '') ELSE '' END AS end_day, origin, count(*) AS n,
      sum(total_fen) AS total, sum(fiscal_fen) AS fiscal, sum(aid_fen) AS aid, sum(village_fen) AS village, sum(social_fen) AS social,
      sum(other_fen) AS other, sum(ifnull(households, 0)) AS households
    FROM projects WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4, 5`,
  firsts: `SELECT day, prev, count(*) AS n FROM (
      SELECT log_date AS day, ifnull(lag(log_date) OVER (PARTITION BY cadre_id ORDER BY log_date), '') AS prev
      FROM work_logs WHERE deleted_at IS NULL
    ) GROUP BY day, prev`,
};

export const sql = `
CREATE TABLE attendance_whole (
  month  TEXT NOT NULL,
  origin TEXT NOT NULL,
  n      INTEGER NOT NULL,
  PRIMARY KEY (month, origin)
) STRICT, WITHOUT ROWID;

CREATE TABLE attendance_pairs (
  month  TEXT NOT NULL,
  origin TEXT NOT NULL,
  posted INTEGER NOT NULL,
  days   INTEGER NOT NULL,
  n      INTEGER NOT NULL,
  PRIMARY KEY (month, origin, posted, days)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER attendance_posting_insert AFTER INSERT ON cadre_postings WHEN NEW.deleted_at IS NULL BEGIN
${posting('NEW', 1)}END;

CREATE TRIGGER attendance_posting_delete AFTER DELETE ON cadre_postings WHEN OLD.deleted_at IS NULL BEGIN
${posting('OLD', -1)}END;

CREATE TRIGGER attendance_posting_update AFTER UPDATE OF cadre_id, origin, start_date, actual_end, deleted_at ON cadre_postings
WHEN OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL BEGIN
${posting('OLD', -1)}${posting('NEW', 1)}END;

CREATE TRIGGER attendance_days_insert AFTER INSERT ON work_log_month_days BEGIN
${monthIn('NEW', 1)}END;

CREATE TRIGGER attendance_days_delete AFTER DELETE ON work_log_month_days BEGIN
${monthIn('OLD', -1)}END;

CREATE TRIGGER attendance_days_update AFTER UPDATE OF days ON work_log_month_days
WHEN OLD.cadre_id = NEW.cadre_id AND OLD.month = NEW.month BEGIN
${addPairs(`SELECT NEW.month AS month, origin, posted, CASE WHEN k < 0 THEN OLD.days ELSE NEW.days END AS days, k AS n
    FROM (${postedIn('NEW')}) JOIN (SELECT -1 AS k UNION ALL SELECT 1)`)}END;

CREATE TRIGGER attendance_days_rekey AFTER UPDATE OF cadre_id, month ON work_log_month_days
WHEN OLD.cadre_id <> NEW.cadre_id OR OLD.month <> NEW.month BEGIN
${monthIn('OLD', -1)}${monthIn('NEW', 1)}END;

INSERT INTO attendance_pairs (month, origin, posted, days, n) ${sectionsRecount.pairs};
INSERT INTO attendance_whole (month, origin, n) ${sectionsRecount.whole};

CREATE TABLE cadre_post_starts (
  day    TEXT NOT NULL,
  origin TEXT NOT NULL,
  role   TEXT NOT NULL,
  young  INTEGER NOT NULL,
  n      INTEGER NOT NULL,
  PRIMARY KEY (origin, day, role, young)
) STRICT, WITHOUT ROWID;

CREATE TABLE cadre_post_spans (
  day        TEXT NOT NULL,
  origin     TEXT NOT NULL,
  role       TEXT NOT NULL,
  cadre      INTEGER NOT NULL,
  unit_level TEXT NOT NULL,
  n          INTEGER NOT NULL,
  PRIMARY KEY (origin, day, role, cadre, unit_level)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER cadre_post_counts_insert AFTER INSERT ON cadre_postings WHEN NEW.deleted_at IS NULL BEGIN
${cadreRows(postingWithCadre('NEW'), 1)}END;

CREATE TRIGGER cadre_post_counts_delete AFTER DELETE ON cadre_postings WHEN OLD.deleted_at IS NULL BEGIN
${cadreRows(postingWithCadre('OLD'), -1)}END;

CREATE TRIGGER cadre_post_counts_update AFTER UPDATE OF cadre_id, origin, role, start_date, actual_end, status, deleted_at ON cadre_postings
WHEN OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL BEGIN
${cadreRows(postingWithCadre('OLD'), -1)}${cadreRows(postingWithCadre('NEW'), 1)}END;

-- A cadre row arriving after its postings (a sync import defers foreign keys), gone, or with
-- another birth date or unit level: its postings move.
CREATE TRIGGER cadre_post_counts_cadre_insert AFTER INSERT ON cadres BEGIN
${cadreRows(postingsOf('NEW.id', null), -1)}${cadreRows(postingsOf('NEW.id', 'NEW'), 1)}END;

CREATE TRIGGER cadre_post_counts_cadre_delete AFTER DELETE ON cadres BEGIN
${cadreRows(postingsOf('OLD.id', 'OLD'), -1)}${cadreRows(postingsOf('OLD.id', null), 1)}END;

CREATE TRIGGER cadre_post_counts_cadre_update AFTER UPDATE OF id, birth_date, unit_level ON cadres
WHEN OLD.id IS NOT NEW.id OR OLD.birth_date IS NOT NEW.birth_date OR OLD.unit_level IS NOT NEW.unit_level BEGIN
${cadreRows(postingsOf('OLD.id', 'OLD'), -1)}${cadreRows(postingsOf('OLD.id', null), 1)}${cadreRows(postingsOf('NEW.id', null), -1)}${cadreRows(postingsOf('NEW.id', 'NEW'), 1)}END;

INSERT INTO cadre_post_starts (day, origin, role, young, n) ${sectionsRecount.starts};
INSERT INTO cadre_post_spans (day, origin, role, cadre, unit_level, n) ${sectionsRecount.spans};

CREATE INDEX cadre_postings_ended ON cadre_postings (actual_end, status, origin) WHERE deleted_at IS NULL AND status <> '在岗';

CREATE TABLE project_groups (
  status     TEXT NOT NULL,
  category   TEXT NOT NULL,
  year       INTEGER NOT NULL,
  end_day    TEXT NOT NULL,
  origin     TEXT NOT NULL,
  n          INTEGER NOT NULL,
  total      INTEGER NOT NULL,
  fiscal     INTEGER NOT NULL,
  aid        INTEGER NOT NULL,
  village    INTEGER NOT NULL,
  social     INTEGER NOT NULL,
  other      INTEGER NOT NULL,
  households INTEGER NOT NULL,
  PRIMARY KEY (status, category, year, end_day, origin)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER project_groups_insert AFTER INSERT ON projects WHEN NEW.deleted_at IS NULL BEGIN
${projectRow('NEW', 1)}END;

CREATE TRIGGER project_groups_delete AFTER DELETE ON projects WHEN OLD.deleted_at IS NULL BEGIN
${projectRow('OLD', -1)}END;

CREATE TRIGGER project_groups_update AFTER UPDATE OF status, category, year, actual_end, origin, deleted_at,
  total_fen, fiscal_fen, aid_fen, village_fen, social_fen, other_fen, households ON projects
WHEN OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL BEGIN
${projectRow('OLD', -1)}${projectRow('NEW', 1)}END;

INSERT INTO project_groups (status, category, year, end_day, origin, n, total, fiscal, aid, village, social, other, households) ${sectionsRecount.projects};

DROP INDEX projects_report;

CREATE TABLE work_log_firsts (
  day  TEXT NOT NULL,
  prev TEXT NOT NULL,
  n    INTEGER NOT NULL,
  PRIMARY KEY (day, prev)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER work_log_firsts_insert AFTER INSERT ON work_logs WHEN NEW.deleted_at IS NULL BEGIN
${logFirsts('NEW', 1)}END;

CREATE TRIGGER work_log_firsts_delete AFTER DELETE ON work_logs WHEN OLD.deleted_at IS NULL BEGIN
${logFirsts('OLD', -1)}END;

-- Out at the old day (its neighbours found without the row, which may now be elsewhere), in at the new.
CREATE TRIGGER work_log_firsts_update AFTER UPDATE OF cadre_id, log_date, deleted_at ON work_logs
WHEN (OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL)
  AND (OLD.cadre_id IS NOT NEW.cadre_id OR OLD.log_date IS NOT NEW.log_date OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)) BEGIN
${logFirsts('OLD', -1)}${logFirsts('NEW', 1)}END;

INSERT INTO work_log_firsts (day, prev, n) ${sectionsRecount.firsts};
`;
