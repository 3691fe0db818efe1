// Landed migrations never change; add a new numbered file instead.
// 低于标准, 无联系人 and the projects' village lists at district scale (issue 16).
//
// work_log_month_days: each cadre's days in the village per calendar month (live work logs with
// in_village = 1; a cadre has at most one live log a day, work_logs_day_live), kept exact by
// triggers on every insert, update and delete of work_logs, whoever writes (a form, an Excel or
// sync import, a restore's migration). The 低于标准 list and the 首页 count judge every cadre in
// post: counting each one's logs for the month stepped through some 200,000 index entries at
// 10,000 cadres (100 ms a call); one probe per cadre here reads a single row. Months a cadre has
// no live in-village log have no row (or a row of 0 once its logs are gone): both read as 0.
//
// floating_no_contact: the members 无联系人 counts and lists (live, 外出中, no current contact
// cadre: no live member_contacts row without an end date), kept by triggers on floating_members
// and member_contacts that judge the one member a write touches again. The count was a probe of
// member_contacts for each of 100,000 members out (70 ms a call); it is now the size of this table.
//
// projects_village_cover: the 一村一项目 list's first page (every project joined to its village and
// sorted by year, village code and name), the coverage report and the 首页's villages without a
// project read every project of each village; with the columns they name in the index (deleted_at
// included, see 010) they read no project rows: 19 ms to 7 ms and 27 ms to 8 ms on 20,000 projects.

// A trigger's body: drops the member and adds them back if they are now without a contact cadre.
const judgeMember = (id: string) => `  DELETE FROM floating_no_contact WHERE member_id = ${id};
  INSERT INTO floating_no_contact (member_id) SELECT m.id FROM floating_members m
    WHERE m.id = ${id} AND m.deleted_at IS NULL AND m.status = '外出中'
      AND NOT EXISTS (SELECT 1 FROM member_contacts c WHERE c.member_id = m.id AND c.deleted_at IS NULL AND c.end_date IS NULL);
`;

export const sql = `
CREATE TABLE work_log_month_days (
  cadre_id TEXT NOT NULL,
  month    TEXT NOT NULL,
  days     INTEGER NOT NULL CHECK (days >= 0),
  PRIMARY KEY (cadre_id, month)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER work_log_days_insert AFTER INSERT ON work_logs
WHEN NEW.deleted_at IS NULL AND NEW.in_village = 1 BEGIN
  INSERT INTO work_log_month_days (cadre_id, month, days) VALUES (NEW.cadre_id, substr(NEW.log_date, 1, 7), 1)
    ON CONFLICT (cadre_id, month) DO UPDATE SET days = days + 1;
END;

CREATE TRIGGER work_log_days_delete AFTER DELETE ON work_logs
WHEN OLD.deleted_at IS NULL AND OLD.in_village = 1 BEGIN
  UPDATE work_log_month_days SET days = days - 1 WHERE cadre_id = OLD.cadre_id AND month = substr(OLD.log_date, 1, 7);
END;

CREATE TRIGGER work_log_days_update AFTER UPDATE OF cadre_id, log_date, in_village, deleted_at ON work_logs
WHEN (OLD.deleted_at IS NULL AND OLD.in_village = 1) OR (NEW.deleted_at IS NULL AND NEW.in_village = 1) BEGIN
  UPDATE work_log_month_days SET days = days - 1
    WHERE OLD.deleted_at IS NULL AND OLD.in_village = 1 AND cadre_id = OLD.cadre_id AND month = substr(OLD.log_date, 1, 7);
  INSERT INTO work_log_month_days (cadre_id, month, days)
    SELECT NEW.cadre_id, substr(NEW.log_date, 1, 7), 1 WHERE NEW.deleted_at IS NULL AND NEW.in_village = 1
    ON CONFLICT (cadre_id, month) DO UPDATE SET days = days + 1;
END;

INSERT INTO work_log_month_days (cadre_id, month, days)
SELECT cadre_id, substr(log_date, 1, 7), count(*) FROM work_logs WHERE deleted_at IS NULL AND in_village = 1
GROUP BY cadre_id, substr(log_date, 1, 7);

CREATE TABLE floating_no_contact (
  member_id TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;

CREATE TRIGGER floating_no_contact_member_insert AFTER INSERT ON floating_members BEGIN
${judgeMember('NEW.id')}END;

CREATE TRIGGER floating_no_contact_member_update AFTER UPDATE OF id, status, deleted_at ON floating_members BEGIN
${judgeMember('OLD.id')}${judgeMember('NEW.id')}END;

CREATE TRIGGER floating_no_contact_member_delete AFTER DELETE ON floating_members BEGIN
  DELETE FROM floating_no_contact WHERE member_id = OLD.id;
END;

CREATE TRIGGER floating_no_contact_contact_insert AFTER INSERT ON member_contacts BEGIN
${judgeMember('NEW.member_id')}END;

CREATE TRIGGER floating_no_contact_contact_update AFTER UPDATE OF member_id, deleted_at, end_date ON member_contacts BEGIN
${judgeMember('OLD.member_id')}${judgeMember('NEW.member_id')}END;

CREATE TRIGGER floating_no_contact_contact_delete AFTER DELETE ON member_contacts BEGIN
${judgeMember('OLD.member_id')}END;

INSERT INTO floating_no_contact (member_id) SELECT m.id FROM floating_members m
WHERE m.deleted_at IS NULL AND m.status = '外出中'
  AND NOT EXISTS (SELECT 1 FROM member_contacts c WHERE c.member_id = m.id AND c.deleted_at IS NULL AND c.end_date IS NULL);

CREATE INDEX projects_village_cover ON projects (village_id, year, status, actual_end, deleted_at, name, id);
`;
