// Landed migrations never change; add a new numbered file instead.
// The 首页 (dashboard.get) at district scale (issue 16 item 2). Measured on the scale-1 bench
// database (10,000 cadres in post, 100,000 floating members, 20,000 projects), CPU per call:
//
// shared_id_numbers: the ID numbers more than one live row carries across the cadres and the
// floating members (身份证号重复), kept by triggers on both registers that judge again the one
// number a write touches (its live holders counted on the registers' ID-number indexes), so
// the table is exact whoever writes: a form, an Excel or sync import, a restore's migration.
// The check walked every live member's ID number (a count of distinct numbers, then a grouping
// of the cadres and a probe per cadre: some 45 ms); it now reads this table, usually empty, and
// counts each number's holders in the scope asked for (a district's township).
//
// cadre_postings_in_post: the open postings (在岗, no actual end, live) with the columns the
// 首页's in-post-by-role count and the 低于标准 count and list read (role, start date), so
// neither reads a posting row; cadres_live lets their check that the cadre is live read the
// index alone. In-post by role 28 ms to 6 ms, 低于标准 22 ms to 7 ms.
//
// project_incomes_live_year: the income check of 有投资但无收益 (a live record for the year) from
// the index alone, one probe per candidate project. Year first and the amount in it, so the
// coverage report's sums of one year's incomes (probes that stay in one part of the index) read
// it alone too, and never more pages than they did on project_incomes_year. projects_income_due:
// the candidates of that check (year, investment, status, end) judged on the index, a project
// row read only for a hit. Together 17 ms to 7 ms.
//
// Every index carries deleted_at as a column (see 010: a partial index alone never counts as
// covering a query that names deleted_at).

const holders = (n: string) => `(SELECT count(*) FROM cadres WHERE id_number = ${n} AND deleted_at IS NULL)
      + (SELECT count(*) FROM floating_members WHERE id_number = ${n} AND deleted_at IS NULL)`;
// A number gains a holder: listed once it has two or more.
const gained = (n: string) => `  INSERT INTO shared_id_numbers (id_number) SELECT ${n} WHERE ${holders(n)} > 1
    ON CONFLICT (id_number) DO NOTHING;
`;
// A number lost a holder: dropped once one or none is left.
const lost = (n: string) => `  DELETE FROM shared_id_numbers WHERE id_number = ${n} AND ${holders(n)} < 2;
`;

// The same four triggers on each register that carries ID numbers.
const kept = (table: string) => `
CREATE TRIGGER ${table}_shared_id_insert AFTER INSERT ON ${table} WHEN NEW.deleted_at IS NULL BEGIN
${gained('NEW.id_number')}END;

CREATE TRIGGER ${table}_shared_id_update AFTER UPDATE OF id_number, deleted_at ON ${table}
WHEN OLD.id_number IS NOT NEW.id_number OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) BEGIN
${lost('OLD.id_number')}${gained('NEW.id_number')}END;

CREATE TRIGGER ${table}_shared_id_delete AFTER DELETE ON ${table} WHEN OLD.deleted_at IS NULL BEGIN
${lost('OLD.id_number')}END;
`;

export const sql = `
CREATE TABLE shared_id_numbers (
  id_number TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;
${kept('cadres')}${kept('floating_members')}
INSERT INTO shared_id_numbers (id_number)
SELECT id_number FROM (
  SELECT id_number FROM cadres WHERE deleted_at IS NULL
  UNION ALL
  SELECT id_number FROM floating_members WHERE deleted_at IS NULL
) GROUP BY id_number HAVING count(*) > 1;

CREATE INDEX cadre_postings_in_post ON cadre_postings (cadre_id, role, start_date, status, actual_end, deleted_at)
  WHERE deleted_at IS NULL AND status = '在岗' AND actual_end IS NULL;
CREATE INDEX cadres_live ON cadres (id, deleted_at) WHERE deleted_at IS NULL;
CREATE INDEX project_incomes_live_year ON project_incomes (year, project_id, deleted_at, income_fen) WHERE deleted_at IS NULL;
CREATE INDEX projects_income_due ON projects (year, total_fen, status, actual_end, deleted_at, id) WHERE deleted_at IS NULL;
`;
