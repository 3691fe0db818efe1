import type { Database } from 'better-sqlite3';
import { stmt } from '../sync';
import { collectReferenced, writtenRows } from '../stagedWrites';
import { namedLike, withTriggersAside } from '../triggersAside';

/**
 * The work logs' kept figures through a large import, set-based: 016's work_log_month_days (with
 * 022's attendance_pairs, kept from it by its own triggers), 020's work_log_days and
 * work_log_months, and 022's work_log_firsts.
 *
 * Row triggers on work_logs keep all four, some 14 µs of a log's insert at district scale: 6.3 s
 * of the 15 townships' first bundles (447,000 logs) in the bench, a tenth of the run. Each figure
 * is a sum over logs of what one cadre's logs give (work_log_firsts pairs a log with the cadre's
 * previous one), so for an apply that writes many logs the cadres it touches have their logs'
 * share taken out before the writes and put back after them, each table in one grouped
 * statement, with the row triggers dropped in between (triggersAside.ts): the same figures as the
 * triggers would leave, some 0.6 s for those 447,000 logs. The month days change per cadre-month,
 * and 022's triggers on them move the attendance pairs as they would for one log.
 *
 * Like rosterBulk.ts, all of it runs inside the apply's transaction.
 */

/** Below this many work logs written the triggers do the work (no schema change for a weekly bundle); the tests set it to 0. */
export const workLogBulk = { rows: 500 };

const CADRES = 'temp.bulk_cadres';

/** The cadres whose logs the apply can touch: as the bundle has them and as the district has them (a log may move to another cadre). */
function collectCadres(db: Database): void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS bulk_cadres (id TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM ${CADRES};`);
  collectReferenced(db, CADRES, 'work_logs', 'cadre_id');
}

/**
 * The touched cadres' live logs, read cadre by cadre through the live-day index in day order
 * (CROSS JOIN keeps that order whatever the statistics say: a fresh district's describe empty
 * tables).
 */
const LOGS = `FROM ${CADRES} c CROSS JOIN main.work_logs w INDEXED BY work_logs_day_live WHERE w.cadre_id = c.id AND w.deleted_at IS NULL`;

/** Each kept table's share of the touched cadres' logs, grouped by its key. */
const SHARES = {
  days: `SELECT w.log_date AS day, w.origin, count(*) AS logs, sum(w.in_village) AS in_village, sum(w.households) AS households ${LOGS} GROUP BY 1, 2`,
  months: `SELECT substr(w.log_date, 1, 7) AS month, w.cadre_id, w.origin, count(*) AS logs ${LOGS} GROUP BY 1, 2, 3`,
  monthDays: `SELECT w.cadre_id, substr(w.log_date, 1, 7) AS month, count(*) AS days ${LOGS} AND w.in_village = 1 GROUP BY 1, 2`,
  firsts: `SELECT day, prev, count(*) AS n FROM (SELECT w.log_date AS day, ifnull(lag(w.log_date) OVER (PARTITION BY w.cadre_id ORDER BY w.log_date), '') AS prev ${LOGS}) GROUP BY 1, 2`,
};

/**
 * Taken out as the triggers take a log out (an UPDATE of the rows there: none is made) and put
 * back as they put one in (an upsert); work_log_firsts moves both ways by upsert, as its triggers do.
 */
const OUT = [
  `UPDATE work_log_days SET logs = work_log_days.logs - s.logs, in_village = work_log_days.in_village - s.in_village, households = work_log_days.households - s.households
     FROM (${SHARES.days}) s WHERE work_log_days.day = s.day AND work_log_days.origin = s.origin`,
  `UPDATE work_log_months SET logs = work_log_months.logs - s.logs FROM (${SHARES.months}) s
     WHERE work_log_months.month = s.month AND work_log_months.cadre_id = s.cadre_id AND work_log_months.origin = s.origin`,
  `UPDATE work_log_month_days SET days = work_log_month_days.days - s.days FROM (${SHARES.monthDays}) s
     WHERE work_log_month_days.cadre_id = s.cadre_id AND work_log_month_days.month = s.month`,
  `INSERT INTO work_log_firsts (day, prev, n) SELECT day, prev, -n FROM (${SHARES.firsts}) WHERE true ON CONFLICT (day, prev) DO UPDATE SET n = n + excluded.n`,
];
const IN = [
  `INSERT INTO work_log_days (day, origin, logs, in_village, households) SELECT * FROM (${SHARES.days}) WHERE true
     ON CONFLICT (day, origin) DO UPDATE SET logs = logs + excluded.logs, in_village = in_village + excluded.in_village, households = households + excluded.households`,
  `INSERT INTO work_log_months (month, cadre_id, origin, logs) SELECT * FROM (${SHARES.months}) WHERE true
     ON CONFLICT (month, cadre_id, origin) DO UPDATE SET logs = logs + excluded.logs`,
  `INSERT INTO work_log_month_days (cadre_id, month, days) SELECT * FROM (${SHARES.monthDays}) WHERE true
     ON CONFLICT (cadre_id, month) DO UPDATE SET days = days + excluded.days`,
  `INSERT INTO work_log_firsts (day, prev, n) SELECT * FROM (${SHARES.firsts}) WHERE true ON CONFLICT (day, prev) DO UPDATE SET n = n + excluded.n`,
];

/** The triggers on work_logs that keep the four tables (016, 020, 022). */
const KEPT_TRIGGERS = `tbl_name = 'work_logs' AND (${namedLike(['work_log_days_', 'work_log_counts_', 'work_log_firsts_'])})`;

/**
 * Runs `write` (the staged apply's writes, inside its transaction) with the work logs' figures
 * kept set-based when it writes workLogBulk.rows logs or more, by the triggers otherwise. Needs
 * temp.sync_stage classified and temp.sync_missing filled (the apply's examine).
 */
export function withWorkLogFigures(db: Database, write: () => void): void {
  if (!db.inTransaction) throw new Error('withWorkLogFigures runs inside the apply transaction');
  if (writtenRows(db, ['work_logs']) < workLogBulk.rows) return write();
  collectCadres(db);
  for (const sql of OUT) stmt(db, sql).run();
  withTriggersAside(db, KEPT_TRIGGERS, write);
  for (const sql of IN) stmt(db, sql).run();
}
