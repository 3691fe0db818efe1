// Landed migrations never change; add a new numbered file instead.
// The 统计报表's 驻村日志 and 一村一项目 figures at district scale (issue 16 item 2).
//
// The report read every live work log of the period (no index on log_date: a quarter of the
// scale-1 bench, 427,000 logs, took 240–250 ms of CPU a call). Two tables kept exact by triggers
// on every insert, update and delete of work_logs, whoever writes (a form, an Excel or sync
// import, a 驻村版's package, a restore's migration), now answer it:
//
// - work_log_days: per day and origin (the installation a log counts for: the report's township
//   scope), the live logs, their in-village days and households visited. The period's sums are
//   one range of its key (some 180 rows per installation for a half year).
// - work_log_months: per calendar month, cadre and origin, the live logs. The cadres logging in
//   the period are the distinct cadres of its whole months' rows, and of the months it covers in
//   part those whose logs fall in the part (one probe each in work_logs_day_live).
//
// Both keyed by time first: the logs being written are mostly this month's, so a save touches the
// same few trailing pages. Rows whose logs are all gone stay with zeros. Local: never synced (an
// origin but none of the other sync columns), rebuilt from the logs by this migration's backfill.
//
// projects_report: the report's 一村一项目 figures (the projects on the register in the period,
// grouped by status and category, with their investment and households) read every project row
// (20,000 at scale 1: 31–32 ms of CPU); with every column they name in the index (deleted_at
// included, see 010) and status and category first, the grouping streams from the index alone:
// 10–11 ms.

// One log (NEW) counted in, when it is live.
const logIn = `  INSERT INTO work_log_days (day, origin, logs, in_village, households)
    SELECT NEW.log_date, NEW.origin, 1, NEW.in_village, NEW.households WHERE NEW.deleted_at IS NULL
    ON CONFLICT (day, origin) DO UPDATE SET
      logs = logs + 1, in_village = in_village + excluded.in_village, households = households + excluded.households;
  INSERT INTO work_log_months (month, cadre_id, origin, logs)
    SELECT substr(NEW.log_date, 1, 7), NEW.cadre_id, NEW.origin, 1 WHERE NEW.deleted_at IS NULL
    ON CONFLICT (month, cadre_id, origin) DO UPDATE SET logs = logs + 1;
`;

// One log (OLD) counted out, when it was live.
const logOut = `  UPDATE work_log_days SET logs = logs - 1, in_village = in_village - OLD.in_village, households = households - OLD.households
    WHERE OLD.deleted_at IS NULL AND day = OLD.log_date AND origin = OLD.origin;
  UPDATE work_log_months SET logs = logs - 1
    WHERE OLD.deleted_at IS NULL AND month = substr(OLD.log_date, 1, 7) AND cadre_id = OLD.cadre_id AND origin = OLD.origin;
`;

export const sql = `
CREATE TABLE work_log_days (
  day        TEXT NOT NULL,
  origin     TEXT NOT NULL,
  logs       INTEGER NOT NULL,
  in_village INTEGER NOT NULL,
  households INTEGER NOT NULL,
  PRIMARY KEY (day, origin)
) STRICT, WITHOUT ROWID;

CREATE TABLE work_log_months (
  month    TEXT NOT NULL,
  cadre_id TEXT NOT NULL,
  origin   TEXT NOT NULL,
  logs     INTEGER NOT NULL,
  PRIMARY KEY (month, cadre_id, origin)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER work_log_counts_insert AFTER INSERT ON work_logs WHEN NEW.deleted_at IS NULL BEGIN
${logIn}END;

CREATE TRIGGER work_log_counts_delete AFTER DELETE ON work_logs WHEN OLD.deleted_at IS NULL BEGIN
${logOut}END;

CREATE TRIGGER work_log_counts_update AFTER UPDATE OF cadre_id, log_date, origin, in_village, households, deleted_at ON work_logs
WHEN OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL BEGIN
${logOut}${logIn}END;

CREATE INDEX projects_report ON projects (status, category, year, actual_end, deleted_at, origin,
  total_fen, fiscal_fen, aid_fen, village_fen, social_fen, other_fen, households) WHERE deleted_at IS NULL;

INSERT INTO work_log_days (day, origin, logs, in_village, households)
SELECT log_date, origin, count(*), sum(in_village), sum(households) FROM work_logs WHERE deleted_at IS NULL
GROUP BY log_date, origin;

INSERT INTO work_log_months (month, cadre_id, origin, logs)
SELECT substr(log_date, 1, 7), cadre_id, origin, count(*) FROM work_logs WHERE deleted_at IS NULL
GROUP BY substr(log_date, 1, 7), cadre_id, origin;
`;
