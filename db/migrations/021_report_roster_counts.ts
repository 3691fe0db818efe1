// Landed migrations never change; add a new numbered file instead.
// The 统计报表's 期末在册 roster at district scale (issue 16 item 2).
//
// The roster at a period's last day T judged every member who had left by T (91,000 at scale 1):
// away on T, a contact cadre on T, a contact record in [T - interval, T] — some 220 ms of CPU
// a call. Each of those is, per member, a step function of T: it changes value only on days the
// member's rows name (left_date, status_date, a status change's date, a contact cadre's start and
// end, a contact record's date and the day its interval runs out). floating_roster_days keeps,
// per day, origin (the report's township scope) and breakdown, the sum of those steps over every
// member; a figure at T is the sum of its steps up to T. floating_roster_months holds the same
// per month (kept from the days by triggers), so T's figures read the months before T's month
// and T's month's days: some 50 months and a few hundred keys at scale 1, not 91,000 members.
//
// Breakdowns (dim, key): 'v' per village, 'p' per destination province, 'r' per reason (each a
// member on the roster: away, live, left by T), 'c' members on it with a contact cadre, 'k'
// members on it with a contact record within the interval ('' as key for those two).
//
// Triggers on floating_members, member_status_history, member_contacts and contact_records keep
// them exact whoever writes (a form, an Excel or sync import, a restore's migration): each works
// out, for the one member a row write touches, that member's steps at the days the change can
// move (every day the member's rows name; for a contact record only those within the record's
// interval) before and after the write, and adds the difference. The state before is the state
// after with the written row as it was (OLD, when it was live) instead of as it is, so the
// triggers run AFTER the write only (an upsert's or INSERT OR IGNORE's skipped insert changes
// nothing). A step at day p is f(p) - f(p - 1 day): f is constant between the days named, so no
// ordering of the days is needed. Ties between status changes on one day are broken as the
// report's lookup breaks them (created_at, then status, both newest first).
//
// The 'k' steps hold for one contact interval, floating_roster_interval.days: a change of the
// setting (any write of settings' 'settings' row, the 设置 page or a 驻村版's package) rebuilds
// them in the same transaction; the report falls back to the lookup when its interval is not the
// kept one (a default changed in code but never stored). Local tables: never synced, rebuilt by
// this migration's backfill (floatingRosterRebuild).
//
// Costs at scale 1 (2026-12-01, CPU): the roster's figures 245 -> 10 ms a report; a contact
// record's save through the app +0.16-0.2 ms (1.1-1.3 ms a save), a raw insert +0.12 ms; a status
// change's insert +0.24 ms; the backfill some 6 s, a change of the interval some 5 s. A bulk
// import writes through every trigger (a whole district's first import at scale 1: 1,000,000
// records and 100,000 status changes: by the figures above an estimated 2-3 minutes of CPU
// more); an import that drops the triggers for its run rebuilds the tables with
// floatingRosterRebuild afterwards.

type Dim = 'r' | 'c' | 'k';

const INTERVAL = '(SELECT days FROM floating_roster_interval)';
const dayBefore = (x: string) => `date(${x}, '-1 day')`;
/** The first day whose records still count at x (x - interval), as the report's cutoff. */
const cutoff = (x: string) => `date(${x}, -${INTERVAL} || ' days')`;
/** The first day a record of day x no longer counts (x + interval + 1). */
const coverEnd = (x: string) => `date(${x}, (${INTERVAL} + 1) || ' days')`;
const coverStart = (x: string) => `date(${x}, -(${INTERVAL} + 1) || ' days')`;

/**
 * A row of a member's table as it was before the write: the row the write left (NEW) taken out,
 * the row as it was (OLD) put back. Absent: the table as it is.
 */
interface Was {
  /** The written row's rowid to leave out (NEW.rowid), if the write left one. */
  except?: string;
  /** Whether OLD is put back (when live and the same member). */
  old?: boolean;
}

/** How a state reads the member: its columns (m.x for the row as it is, OLD.x or NEW.x). */
type Col = (c: string) => string;

interface State {
  col: Col;
  history?: Was;
  contacts?: Was;
  records?: Was;
}

function statusAt(s: State, x: string): string {
  const id = s.col('id');
  const cond = `h.member_id = ${id} AND h.deleted_at IS NULL AND h.date <= ${x}`;
  if (!s.history) return `(SELECT h.status FROM member_status_history h WHERE ${cond} ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1)`;
  const except = s.history.except ? ` AND h.rowid <> ${s.history.except}` : '';
  const old = s.history.old ? ` UNION ALL SELECT OLD.status, OLD.date, OLD.created_at WHERE OLD.member_id = ${id} AND OLD.deleted_at IS NULL AND OLD.date <= ${x}` : '';
  return `(SELECT status FROM (SELECT h.status, h.date, h.created_at FROM member_status_history h WHERE ${cond}${except}${old})
    ORDER BY date DESC, created_at DESC, status DESC LIMIT 1)`;
}

/** 1 when the member is live, had left by x and is away on x (the report's status on the last day). */
function awayAt(s: State, x: string): string {
  const c = s.col;
  return `(${c('deleted_at')} IS NULL AND ${c('left_date')} <= ${x} AND coalesce(${statusAt(s, x)},
    CASE WHEN ${c('status')} <> '外出中' AND coalesce(${c('status_date')}, ${c('left_date')}) <= ${x} THEN ${c('status')} ELSE '外出中' END) = '外出中')`;
}

/** Some live row of the table matches `cond` (aliased `t`), the written row as it was counted per `was`. */
function exists(table: string, s: State, was: Was | undefined, cond: (t: string) => string): string {
  const except = was?.except ? ` AND t.rowid <> ${was.except}` : '';
  const old = was?.old ? ` OR (OLD.member_id = ${s.col('id')} AND OLD.deleted_at IS NULL AND ${cond('OLD')})` : '';
  return `(EXISTS (SELECT 1 FROM ${table} t WHERE t.member_id = ${s.col('id')} AND t.deleted_at IS NULL AND ${cond('t')}${except})${old})`;
}

/** A contact cadre assigned on x. */
const cadreAt = (s: State, x: string) => exists('member_contacts', s, s.contacts, (t) => `${t}.start_date <= ${x} AND (${t}.end_date IS NULL OR ${t}.end_date > ${x})`);
/** A contact record within the interval before x. */
const contactedAt = (s: State, x: string) => exists('contact_records', s, s.records, (t) => `${t}.contact_date BETWEEN ${cutoff(x)} AND ${x}`);

// The days a member's figures can change on (a column `day`), for member id `id` or member row `c`.
const memberDays = (c: Col) => `SELECT ${c('left_date')} AS day UNION SELECT coalesce(${c('status_date')}, ${c('left_date')})`;
const memberDaysOf = (id: string) =>
  `SELECT left_date AS day FROM floating_members WHERE id = ${id} UNION SELECT coalesce(status_date, left_date) FROM floating_members WHERE id = ${id}`;
const historyDays = (id: string, old: boolean) =>
  `SELECT date FROM member_status_history WHERE member_id = ${id} AND deleted_at IS NULL${old ? ' UNION SELECT OLD.date' : ''}`;
const cadreDays = (id: string, old: boolean) =>
  `SELECT start_date FROM member_contacts WHERE member_id = ${id} AND deleted_at IS NULL
   UNION SELECT end_date FROM member_contacts WHERE member_id = ${id} AND deleted_at IS NULL${old ? ' UNION SELECT OLD.start_date UNION SELECT OLD.end_date' : ''}`;
/** Record days and the days their interval runs out, those falling in [lo, hi] when given. */
function recordDays(id: string, old: boolean, lo?: string, hi?: string): string {
  const within = (a: string, b: string) => (lo && hi ? ` AND contact_date BETWEEN ${a} AND ${b}` : '');
  return `SELECT contact_date FROM contact_records WHERE member_id = ${id} AND deleted_at IS NULL${within(lo!, hi!)}
   UNION SELECT ${coverEnd('contact_date')} FROM contact_records WHERE member_id = ${id} AND deleted_at IS NULL${within(coverStart(lo!), coverStart(hi!))}${
     old ? ` UNION SELECT OLD.contact_date UNION SELECT ${coverEnd('OLD.contact_date')}` : ''
   }`;
}

/** The breakdown rows of a step (columns day, origin, village, province, reason, r, c, k of `s`). */
const DIM_ROWS = {
  r: `SELECT day, origin, 'v' AS dim, village AS key, r AS n FROM s WHERE r <> 0
    UNION ALL SELECT day, origin, 'p', province, r FROM s WHERE r <> 0
    UNION ALL SELECT day, origin, 'r', reason, r FROM s WHERE r <> 0`,
  c: `SELECT day, origin, 'c' AS dim, '' AS key, c AS n FROM s WHERE c <> 0`,
  k: `SELECT day, origin, 'k' AS dim, '' AS key, k AS n FROM s WHERE k <> 0`,
};

const ADD = `ON CONFLICT (day, origin, dim, key) DO UPDATE SET n = n + excluded.n;\n`;

/**
 * Steps from a member's values on each day (columns of `e`: away a1 / a0 on the day and the day
 * before, cadre c1 / c0, contacted k1 / k0; `w1` / `w0` away as it was): each figure's step is its
 * value on the day less the day before, as it is less as it was.
 */
const STEPS = {
  r: '(e.a1 - e.a0) - (e.w1 - e.w0)',
  c: '(e.a1 * e.c1 - e.a0 * e.c0) - (e.w1 * e.c1 - e.w0 * e.c0)',
  k: '(e.a1 * e.k1 - e.a0 * e.k0) - (e.w1 * e.k1 - e.w0 * e.k0)',
};

/** The member's values on day x and the day before, looked up once each (`s` reads the member as it is). */
const values = (s: State, x: string) =>
  `${awayAt(s, x)} AS a1, ${awayAt(s, dayBefore(x))} AS a0, ${cadreAt(s, x)} AS c1, ${cadreAt(s, dayBefore(x))} AS c0, ${contactedAt(s, x)} AS k1, ${contactedAt(s, dayBefore(x))} AS k0`;

const insertSteps = (e: string, s: string) => `  INSERT INTO floating_roster_days (day, origin, dim, key, n)
  SELECT day, origin, dim, key, n FROM (
    WITH e AS MATERIALIZED (${e}),
    s AS (${s})
    ${DIM_ROWS.r} UNION ALL ${DIM_ROWS.c} UNION ALL ${DIM_ROWS.k}) WHERE true
  ${ADD}`;

/**
 * A status change written: every figure of the member at `days`, as it is less as it was (the
 * status history as it was per `was`; the member row, cadres and records are as they are).
 */
function statusChanged(id: string, days: string, was: Was, when = ''): string {
  const now: State = { col: m };
  const before: State = { col: m, history: was };
  return insertSteps(
    `SELECT p.day, m.origin, m.village_id AS village, m.dest_province_code AS province, m.reason, ${values(now, 'p.day')},
        ${awayAt(before, 'p.day')} AS w1, ${awayAt(before, dayBefore('p.day'))} AS w0
      FROM floating_members m, (${days}) p WHERE m.id = ${id} AND m.deleted_at IS NULL AND p.day IS NOT NULL${when}`,
    `SELECT day, origin, village, province, reason, ${STEPS.r} AS r, ${STEPS.c} AS c, ${STEPS.k} AS k FROM e`,
  );
}

/** A member's whole steps (row `c`, NEW or OLD) added with `sign` (+1 or -1): a member row written. */
function whole(c: Col, sign: 1 | -1): string {
  const id = c('id');
  const days = `${memberDays(c)} UNION ${historyDays(id, false)} UNION ${cadreDays(id, false)} UNION ${recordDays(id, false)}`;
  return insertSteps(
    `SELECT p.day, ${c('origin')} AS origin, ${c('village_id')} AS village, ${c('dest_province_code')} AS province, ${c('reason')} AS reason,
        ${values({ col: c }, 'p.day')}, 0 AS w1, 0 AS w0
      FROM (${days}) p WHERE ${c('deleted_at')} IS NULL AND p.day IS NOT NULL`,
    `SELECT day, origin, village, province, reason, ${sign} * (${STEPS.r}) AS r, ${sign} * (${STEPS.c}) AS c, ${sign} * (${STEPS.k}) AS k FROM e`,
  );
}

const m: Col = (c) => `m.${c}`;
const OLD: Col = (c) => `OLD.${c}`;
const NEW: Col = (c) => `NEW.${c}`;
const rosterDays = (id: string) => `${memberDaysOf(id)} UNION ${historyDays(id, false)}`;

/**
 * A contact cadre ('c') or record ('k') written, `rows` the written row as it is (NEW) and as it
 * was (OLD): the member's steps of that figure at `days`, as they are less as they were. The
 * member's other rows are looked up once per day (b1 on the day, b0 the day before), the written
 * row is matched in the expression, and whether the member was away is judged only on the days
 * whose cover changed (a record's save costs two lookups per day named in its interval).
 */
function coverChanged(dim: 'c' | 'k', id: string, days: string, rows: ('NEW' | 'OLD')[], when = ''): string {
  const was: Was = rows.includes('NEW') ? { except: 'NEW.rowid' } : {};
  const others: State = dim === 'c' ? { col: m, contacts: was } : { col: m, records: was };
  const base = (x: string) => (dim === 'c' ? cadreAt(others, x) : contactedAt(others, x));
  const covers = (r: 'NEW' | 'OLD', x: string) =>
    !rows.includes(r)
      ? '0'
      : `(${r}.member_id = e.id AND ${r}.deleted_at IS NULL AND ${
          dim === 'c' ? `${r}.start_date <= ${x} AND (${r}.end_date IS NULL OR ${r}.end_date > ${x})` : `${r}.contact_date BETWEEN ${cutoff(x)} AND ${x}`
        })`;
  const e: State = { col: (c) => `e.${c}` };
  const prev = dayBefore('e.day');
  const [n1, o1] = [`(e.b1 OR ${covers('NEW', 'e.day')})`, `(e.b1 OR ${covers('OLD', 'e.day')})`];
  const [n0, o0] = [`(e.b0 OR ${covers('NEW', prev)})`, `(e.b0 OR ${covers('OLD', prev)})`];
  return `  INSERT INTO floating_roster_days (day, origin, dim, key, n)
  SELECT day, origin, dim, key, n FROM (
    WITH e AS MATERIALIZED (SELECT p.day, ${MEMBER_COLUMNS.map((c) => `m.${c}`).join(', ')}, ${base('p.day')} AS b1, ${base(dayBefore('p.day'))} AS b0
      FROM floating_members m, (${days}) p WHERE m.id = ${id} AND m.deleted_at IS NULL AND p.day IS NOT NULL${when}),
    s AS (SELECT e.day, e.origin, CASE WHEN ${n1} = ${o1} AND ${n0} = ${o0} THEN 0
      ELSE ${awayAt(e, 'e.day')} * (${n1} - ${o1}) - ${awayAt(e, prev)} * (${n0} - ${o0}) END AS ${dim} FROM e)
    ${DIM_ROWS[dim]}) WHERE true
  ${ADD}`;
}

// A contact record written: its member's 'k' steps within the record's interval (for an update,
// the old and the new record's intervals).
function recordChanged(id: string, rows: ('NEW' | 'OLD')[], windows: [string, string][], when = ''): string {
  const old = rows.includes('OLD');
  const days = windows.map(([lo, hi]) => `SELECT day FROM (${rosterDays(id)} UNION ${recordDays(id, old, lo, hi)}) WHERE day BETWEEN ${lo} AND ${hi}`).join(' UNION ');
  return coverChanged('k', id, days, rows, when);
}
/** For an update's second member: only when the row moved to another member (else judged once). */
const MOVED = ' AND OLD.member_id IS NOT NEW.member_id';
const recordSpan = (row: 'NEW' | 'OLD'): [string, string] => [`${row}.contact_date`, coverEnd(`${row}.contact_date`)];

// A contact cadre written: the member's 'c' steps at every day its roster and cadres name.
const cadreChanged = (id: string, rows: ('NEW' | 'OLD')[], when = '') =>
  coverChanged('c', id, `${rosterDays(id)} UNION ${cadreDays(id, rows.includes('OLD'))}`, rows, when);

// A status change written: every figure of the member, at every day its rows name.
const historyChanged = (id: string, was: Was, when = '') =>
  statusChanged(id, `${memberDaysOf(id)} UNION ${historyDays(id, !!was.old)} UNION ${cadreDays(id, false)} UNION ${recordDays(id, false)}`, was, when);

// The columns of a member row the figures read.
const MEMBER_COLUMNS = ['id', 'deleted_at', 'origin', 'village_id', 'dest_province_code', 'reason', 'left_date', 'status', 'status_date'];

const LIVE_MEMBER_DAYS = `SELECT id AS member_id, left_date AS day FROM floating_members WHERE deleted_at IS NULL
    UNION SELECT id, coalesce(status_date, left_date) FROM floating_members WHERE deleted_at IS NULL
    UNION SELECT member_id, date FROM member_status_history WHERE deleted_at IS NULL`;

/** Steps from `e` (day, member columns and figures' values) grouped per day, origin and breakdown. */
const grouped = (e: string, s: string, dims: Dim[]) => `SELECT day, origin, dim, key, sum(n) AS n FROM (
    WITH e AS MATERIALIZED (${e}), s AS (${s})
    ${dims.map((x) => DIM_ROWS[x]).join('\n    UNION ALL ')})
  GROUP BY day, origin, dim, key`;

/** Every member's 'r' (and 'c') steps, summed per day, origin and breakdown. */
function rosterAndCadreSteps(cadre: boolean): string {
  const s: State = { col: m };
  const days = `${LIVE_MEMBER_DAYS}${cadre ? ` UNION SELECT member_id, start_date FROM member_contacts WHERE deleted_at IS NULL
      UNION SELECT member_id, end_date FROM member_contacts WHERE deleted_at IS NULL` : ''}`;
  return grouped(
    `SELECT p.day, m.origin, m.village_id AS village, m.dest_province_code AS province, m.reason,
        ${awayAt(s, 'p.day')} AS a1, ${awayAt(s, dayBefore('p.day'))} AS a0, ${cadre ? `${cadreAt(s, 'p.day')} AS c1, ${cadreAt(s, dayBefore('p.day'))} AS c0` : '0 AS c1, 0 AS c0'}
      FROM (${days}) p JOIN floating_members m ON m.id = p.member_id WHERE m.deleted_at IS NULL AND p.day IS NOT NULL`,
    'SELECT day, origin, village, province, reason, e.a1 - e.a0 AS r, e.a1 * e.c1 - e.a0 * e.c0 AS c FROM e',
    cadre ? ['r', 'c'] : ['r'],
  );
}

/**
 * Every member's 'k' steps, summed. The contacted figure's cover changes only where a record
 * follows a gap longer than the interval (0 the day before, 1 on it) and where the last record
 * before such a gap runs out (1 and 0); on the member's other days (left, status) it did not
 * change and is looked up once, and the away status only where the cover is 1: some 3× fewer
 * lookups than judging every day both ways (the backfill and a change of the interval setting).
 */
function contactedSteps(): string {
  // One pass of the window over the records (1.6 s of CPU at scale 1), keeping the gaps' ends only.
  const days = `SELECT member_id, day, max(start) AS start, max(finish) AS finish FROM (
      WITH g AS MATERIALIZED (SELECT member_id, contact_date, ${coverEnd('prev')} < contact_date OR prev IS NULL AS start,
          next IS NULL OR ${coverEnd('contact_date')} < next AS finish
        FROM (SELECT member_id, contact_date, lag(contact_date) OVER w AS prev, lead(contact_date) OVER w AS next
          FROM contact_records WHERE deleted_at IS NULL WINDOW w AS (PARTITION BY member_id ORDER BY contact_date))
        WHERE start OR finish)
      SELECT member_id, contact_date AS day, 1 AS start, 0 AS finish FROM g WHERE start
      UNION ALL SELECT member_id, ${coverEnd('contact_date')}, 0, 1 FROM g WHERE finish
      UNION ALL SELECT member_id, day, 0, 0 FROM (${LIVE_MEMBER_DAYS}))
    GROUP BY member_id, day`;
  const e: State = { col: (c) => `e.${c}` };
  return grouped(
    `SELECT p.day, ${MEMBER_COLUMNS.map((c) => `m.${c}`).join(', ')},
        CASE WHEN p.start THEN 1 WHEN p.finish THEN 0 ELSE ${contactedAt({ col: m }, 'p.day')} END AS k1,
        CASE WHEN p.start THEN 0 WHEN p.finish THEN 1 END AS k0
      FROM (${days}) p JOIN floating_members m ON m.id = p.member_id WHERE m.deleted_at IS NULL AND p.day IS NOT NULL`,
    `SELECT e.day, e.origin, CASE WHEN e.k1 THEN ${awayAt(e, 'e.day')} ELSE 0 END
        - CASE WHEN coalesce(e.k0, e.k1) THEN ${awayAt(e, dayBefore('e.day'))} ELSE 0 END AS k FROM e`,
    ['k'],
  );
}

/** Every member's steps of `dims`, summed per day, origin and breakdown (the backfill, a rebuild, and the tests' recount). */
export function rosterSteps(dims: Dim[]): string {
  const parts = [...(dims.includes('r') ? [rosterAndCadreSteps(dims.includes('c'))] : []), ...(dims.includes('k') ? [contactedSteps()] : [])];
  return parts.join('\nUNION ALL\n');
}

/** The kept interval's days of the settings row `row` (the default when it names none). */
const settingDays = (row: string) => `coalesce(json_extract(${row}.value, '$.contactIntervalDays'), 90)`;

/** Rebuilds the 'k' figures for the interval the settings now hold. */
const rebuildContacted = (row: string) => `  UPDATE floating_roster_interval SET days = ${settingDays(row)};
  DELETE FROM floating_roster_days WHERE dim = 'k';
  DELETE FROM floating_roster_months WHERE dim = 'k';
  INSERT INTO floating_roster_days (day, origin, dim, key, n) ${rosterSteps(['k'])};
`;

/** Empties both tables and fills them from the rows (the backfill; a bulk import may run it too). */
export const floatingRosterRebuild = `DELETE FROM floating_roster_days;
DELETE FROM floating_roster_months;
INSERT INTO floating_roster_days (day, origin, dim, key, n) ${rosterSteps(['r', 'c', 'k'])};
`;

export const sql = `
CREATE TABLE floating_roster_interval (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  days INTEGER NOT NULL
) STRICT;
INSERT INTO floating_roster_interval (id, days) SELECT 1, ifnull((SELECT ${settingDays('s')} FROM settings s WHERE s.key = 'settings'), 90);

CREATE TABLE floating_roster_days (
  day    TEXT NOT NULL,
  origin TEXT NOT NULL,
  dim    TEXT NOT NULL,
  key    TEXT NOT NULL,
  n      INTEGER NOT NULL,
  PRIMARY KEY (day, origin, dim, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE floating_roster_months (
  month  TEXT NOT NULL,
  origin TEXT NOT NULL,
  dim    TEXT NOT NULL,
  key    TEXT NOT NULL,
  n      INTEGER NOT NULL,
  PRIMARY KEY (month, origin, dim, key)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER floating_roster_months_insert AFTER INSERT ON floating_roster_days BEGIN
  INSERT INTO floating_roster_months (month, origin, dim, key, n) VALUES (substr(NEW.day, 1, 7), NEW.origin, NEW.dim, NEW.key, NEW.n)
    ON CONFLICT (month, origin, dim, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER floating_roster_months_update AFTER UPDATE OF n ON floating_roster_days BEGIN
  UPDATE floating_roster_months SET n = n + NEW.n - OLD.n WHERE month = substr(NEW.day, 1, 7) AND origin = NEW.origin AND dim = NEW.dim AND key = NEW.key;
END;

CREATE TRIGGER floating_roster_record_insert AFTER INSERT ON contact_records WHEN NEW.deleted_at IS NULL BEGIN
${recordChanged('NEW.member_id', ['NEW'], [recordSpan('NEW')])}END;

CREATE TRIGGER floating_roster_record_delete AFTER DELETE ON contact_records WHEN OLD.deleted_at IS NULL BEGIN
${recordChanged('OLD.member_id', ['OLD'], [recordSpan('OLD')])}END;

CREATE TRIGGER floating_roster_record_update AFTER UPDATE OF member_id, contact_date, deleted_at ON contact_records
WHEN (OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL)
  AND (OLD.member_id IS NOT NEW.member_id OR OLD.contact_date IS NOT NEW.contact_date OR (OLD.deleted_at IS NULL) IS NOT (NEW.deleted_at IS NULL)) BEGIN
${recordChanged('OLD.member_id', ['NEW', 'OLD'], [recordSpan('OLD'), recordSpan('NEW')])}${recordChanged('NEW.member_id', ['NEW', 'OLD'], [recordSpan('OLD'), recordSpan('NEW')], MOVED)}END;

CREATE TRIGGER floating_roster_cadre_insert AFTER INSERT ON member_contacts WHEN NEW.deleted_at IS NULL BEGIN
${cadreChanged('NEW.member_id', ['NEW'])}END;

CREATE TRIGGER floating_roster_cadre_delete AFTER DELETE ON member_contacts WHEN OLD.deleted_at IS NULL BEGIN
${cadreChanged('OLD.member_id', ['OLD'])}END;

CREATE TRIGGER floating_roster_cadre_update AFTER UPDATE OF member_id, start_date, end_date, deleted_at ON member_contacts
WHEN OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL BEGIN
${cadreChanged('OLD.member_id', ['NEW', 'OLD'])}${cadreChanged('NEW.member_id', ['NEW', 'OLD'], MOVED)}END;

CREATE TRIGGER floating_roster_status_insert AFTER INSERT ON member_status_history WHEN NEW.deleted_at IS NULL BEGIN
${historyChanged('NEW.member_id', { except: 'NEW.rowid' })}END;

CREATE TRIGGER floating_roster_status_delete AFTER DELETE ON member_status_history WHEN OLD.deleted_at IS NULL BEGIN
${historyChanged('OLD.member_id', { old: true })}END;

CREATE TRIGGER floating_roster_status_update AFTER UPDATE OF member_id, status, date, created_at, deleted_at ON member_status_history
WHEN OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL BEGIN
${historyChanged('OLD.member_id', { except: 'NEW.rowid', old: true })}${historyChanged('NEW.member_id', { except: 'NEW.rowid', old: true }, MOVED)}END;

CREATE TRIGGER floating_roster_member_insert AFTER INSERT ON floating_members WHEN NEW.deleted_at IS NULL BEGIN
${whole(NEW, 1)}END;

CREATE TRIGGER floating_roster_member_delete AFTER DELETE ON floating_members WHEN OLD.deleted_at IS NULL BEGIN
${whole(OLD, -1)}END;

CREATE TRIGGER floating_roster_member_update AFTER UPDATE OF ${MEMBER_COLUMNS.join(', ')} ON floating_members
WHEN (OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL) AND (${MEMBER_COLUMNS.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')}) BEGIN
${whole(OLD, -1)}${whole(NEW, 1)}END;

CREATE TRIGGER floating_roster_interval_insert AFTER INSERT ON settings
WHEN NEW.key = 'settings' AND ${settingDays('NEW')} IS NOT ${INTERVAL} BEGIN
${rebuildContacted('NEW')}END;

CREATE TRIGGER floating_roster_interval_update AFTER UPDATE OF value ON settings
WHEN NEW.key = 'settings' AND ${settingDays('NEW')} IS NOT ${INTERVAL} BEGIN
${rebuildContacted('NEW')}END;

${floatingRosterRebuild}`;
