// Landed migrations never change; add a new numbered file instead.
// The 统计报表's 联系记录 count and 期末在册 breakdowns at district scale (issue 16 item 2).
//
// contact_record_days: the live contact records of live members per day and origin (the
// installation a record counts for: the report's township scope), kept exact by triggers on
// every insert, update and delete of contact_records and floating_members, whoever writes (a
// form, an Excel or sync import, a restore's migration). The report counted the period's records
// by reading every one of them (no index on contact_date: 1,000,000 records at scale 1, 115–190 ms
// a call); summing a half year's days here reads some 180 rows per installation. A record counts
// while it and its member are both live, so a member removed or brought back moves all of the
// member's records out of or into the counts. Days whose records are all gone keep a row of 0.
// Keyed by day first: the whole database's report (every origin) is one range of the key.
// Local: never synced, rebuilt from the records by this migration's backfill.
//
// floating_members_roster_groups: the 期末在册 roster's breakdowns (by village, province and
// reason) read the members in that order, with every column the roster condition reads, so the
// grouping streams instead of sorting 91,000 rows (100–220 ms of CPU at scale 1). Partial on
// left_date IS NOT NULL (every row) like floating_members_roster (015), so that only a query
// naming left_date can use it: a count by village must not find a covering scan here when
// floating_members_village is missing (tests/unit/queryPlans.test.ts relies on that scan showing).

// Every live record of a member (NEW, live) counted in.
const memberIn = `  INSERT INTO contact_record_days (day, origin, n)
    SELECT contact_date, origin, count(*) FROM contact_records WHERE member_id = NEW.id AND deleted_at IS NULL GROUP BY contact_date, origin
    ON CONFLICT (day, origin) DO UPDATE SET n = n + excluded.n;
`;

// Every live record of a member (OLD, when it was live) counted out.
const memberOut = `  UPDATE contact_record_days SET n = n - (SELECT count(*) FROM contact_records c
      WHERE c.member_id = OLD.id AND c.deleted_at IS NULL AND c.contact_date = contact_record_days.day AND c.origin = contact_record_days.origin)
    WHERE OLD.deleted_at IS NULL AND (day, origin) IN (SELECT contact_date, origin FROM contact_records WHERE member_id = OLD.id AND deleted_at IS NULL);
`;

// One record (NEW) counted in, when it and its member are live.
const recordIn = `  INSERT INTO contact_record_days (day, origin, n)
    SELECT NEW.contact_date, NEW.origin, 1 WHERE NEW.deleted_at IS NULL
      AND EXISTS (SELECT 1 FROM floating_members m WHERE m.id = NEW.member_id AND m.deleted_at IS NULL)
    ON CONFLICT (day, origin) DO UPDATE SET n = n + 1;
`;

// One record (OLD) counted out, when it and its member were live.
const recordOut = `  UPDATE contact_record_days SET n = n - 1 WHERE OLD.deleted_at IS NULL AND day = OLD.contact_date AND origin = OLD.origin
    AND EXISTS (SELECT 1 FROM floating_members m WHERE m.id = OLD.member_id AND m.deleted_at IS NULL);
`;

export const sql = `
CREATE INDEX floating_members_roster_groups ON floating_members
  (village_id, dest_province_code, reason, left_date, deleted_at, status, status_date, id, origin) WHERE left_date IS NOT NULL;

CREATE TABLE contact_record_days (
  day    TEXT NOT NULL,
  origin TEXT NOT NULL,
  n      INTEGER NOT NULL,
  PRIMARY KEY (day, origin)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER contact_record_days_insert AFTER INSERT ON contact_records WHEN NEW.deleted_at IS NULL BEGIN
${recordIn}END;

CREATE TRIGGER contact_record_days_delete AFTER DELETE ON contact_records WHEN OLD.deleted_at IS NULL BEGIN
${recordOut}END;

CREATE TRIGGER contact_record_days_update AFTER UPDATE OF member_id, contact_date, origin, deleted_at ON contact_records
WHEN OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL BEGIN
${recordOut}${recordIn}END;

CREATE TRIGGER contact_record_days_member_insert AFTER INSERT ON floating_members WHEN NEW.deleted_at IS NULL BEGIN
${memberIn}END;

CREATE TRIGGER contact_record_days_member_update AFTER UPDATE OF id, deleted_at ON floating_members
WHEN OLD.id IS NOT NEW.id OR (OLD.deleted_at IS NULL) IS NOT (NEW.deleted_at IS NULL) BEGIN
${memberOut}  INSERT INTO contact_record_days (day, origin, n)
    SELECT contact_date, origin, count(*) FROM contact_records WHERE NEW.deleted_at IS NULL AND member_id = NEW.id AND deleted_at IS NULL
    GROUP BY contact_date, origin
    ON CONFLICT (day, origin) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER contact_record_days_member_delete AFTER DELETE ON floating_members WHEN OLD.deleted_at IS NULL BEGIN
${memberOut}END;

INSERT INTO contact_record_days (day, origin, n)
SELECT cr.contact_date, cr.origin, count(*) FROM contact_records cr JOIN floating_members m ON m.id = cr.member_id
WHERE cr.deleted_at IS NULL AND m.deleted_at IS NULL
GROUP BY cr.contact_date, cr.origin;
`;
