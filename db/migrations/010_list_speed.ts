// Landed migrations never change; add a new numbered file instead.
// Lists at district scale (issue 16).
//
// floating_search_grams: every 1- and 2-character part of each name, destination and workplace
// value ever written to floating_members, so the roster search finds "any part of a name"
// through an index instead of reading 100,000 members: the search looks up the values holding
// the first one or two characters typed, keeps those that contain the whole text, and reads the
// members with those values through the column's index. One row per distinct value and part (a
// name shared by ten members is stored once); rows are only added (a value no member has any
// more matches no member), so a write never has to know who else has the value.
//
// floating_members_contact_order, _left and _updated: the list's sorts by 最近联系, 外出时间 and
// 最近修改 walk an index instead of sorting every live member.
//
// Counts read an index alone only when it holds every column the query names, deleted_at
// included: SQLite does not count a partial index's WHERE (deleted_at IS NULL) as covering it.
// So these live-row indexes carry deleted_at as their last column (one byte of NULL per row;
// last, not first: a first column that is NULL everywhere misleads sampled statistics into
// guessing it selects a thousand rows): floating_members_live and projects_live answer the
// lists' totals and the counts by status, floating_members_mobile (rebuilt) a phone-number
// search, floating_members_id_live (rebuilt) the ID numbers carried twice (data quality),
// work_logs_attendance (rebuilt) 低于标准's days in the village per cadre, and
// member_contacts_open whether a member has a current contact cadre (无联系人), each from the
// index alone.

// The triggers' body: the parts of the row's values not indexed yet (a value's first character
// present means the value is).
const ADD_NEW_VALUES = `  INSERT OR IGNORE INTO floating_search_grams (gram, field, value)
  WITH RECURSIVE
    v (field, value) AS (SELECT 'name', NEW.name UNION SELECT 'dest', NEW.dest_text UNION SELECT 'workplace', NEW.workplace),
    fresh (field, value) AS (SELECT field, value FROM v WHERE value IS NOT NULL AND value <> ''
      AND NOT EXISTS (SELECT 1 FROM floating_search_grams g WHERE g.gram = substr(v.value, 1, 1) AND g.field = v.field AND g.value = v.value)),
    at (field, value, i) AS (SELECT field, value, 1 FROM fresh UNION ALL SELECT field, value, i + 1 FROM at WHERE i < length(value))
  SELECT substr(value, i, 1), field, value FROM at
  UNION ALL SELECT substr(value, i, 2), field, value FROM at WHERE i < length(value);
`;

export const sql = `
CREATE TABLE floating_search_grams (
  gram  TEXT NOT NULL,
  field TEXT NOT NULL CHECK (field IN ('name', 'dest', 'workplace')),
  value TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX floating_search_grams_key ON floating_search_grams (gram, field, value);

CREATE INDEX floating_members_dest ON floating_members (dest_text) WHERE deleted_at IS NULL;
CREATE INDEX floating_members_workplace ON floating_members (workplace) WHERE deleted_at IS NULL;
CREATE INDEX floating_members_contact_order ON floating_members (coalesce(last_contact_date, left_date), id) WHERE deleted_at IS NULL;
CREATE INDEX floating_members_live ON floating_members (status, id, deleted_at) WHERE deleted_at IS NULL;
CREATE INDEX floating_members_left ON floating_members (left_date, id) WHERE deleted_at IS NULL;
CREATE INDEX floating_members_updated ON floating_members (updated_at, id) WHERE deleted_at IS NULL;
DROP INDEX floating_members_mobile;
CREATE INDEX floating_members_mobile ON floating_members (mobile, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX floating_members_id_live;
CREATE INDEX floating_members_id_live ON floating_members (id_number, deleted_at) WHERE deleted_at IS NULL;
CREATE INDEX member_contacts_open ON member_contacts (member_id, deleted_at, end_date);
CREATE INDEX projects_live ON projects (status, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX work_logs_attendance;
CREATE INDEX work_logs_attendance ON work_logs (cadre_id, log_date, in_village, deleted_at) WHERE deleted_at IS NULL;

CREATE TRIGGER floating_search_insert AFTER INSERT ON floating_members BEGIN
${ADD_NEW_VALUES}END;

CREATE TRIGGER floating_search_update AFTER UPDATE OF name, dest_text, workplace ON floating_members BEGIN
${ADD_NEW_VALUES}END;

INSERT OR IGNORE INTO floating_search_grams (gram, field, value)
WITH RECURSIVE
  v (field, value) AS (SELECT 'name', name FROM floating_members UNION SELECT 'dest', dest_text FROM floating_members
    UNION SELECT 'workplace', workplace FROM floating_members),
  at (field, value, i) AS (SELECT field, value, 1 FROM v WHERE value IS NOT NULL AND value <> '' UNION ALL SELECT field, value, i + 1 FROM at WHERE i < length(value))
SELECT substr(value, i, 1), field, value FROM at
UNION ALL SELECT substr(value, i, 2), field, value FROM at WHERE i < length(value);
`;
