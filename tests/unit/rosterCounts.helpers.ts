import { expect } from 'vitest';
import type { Core } from '../../electron/core';
import { contactRecordsTable, floatingMembersTable, memberContactsTable, memberStatusHistoryTable } from '../../db/floating';
import { rosterSteps } from '../../db/migrations/021_report_roster_counts';
import { rosterCounts } from '../../db/reports/floating';
import { reportParams } from '../../db/reports/period';
import { roster } from '../../db/reports/rosterLookup';
import { deleteRow, insertRow, updateRow, type SyncTable } from '../../db/sync';
import { addDays } from '../../electron/domain/dates';
import { FLOAT_REASONS, FLOAT_STATUSES } from '../../electron/domain/floating';
import { memberInput } from '../../electron/seed/floating';
import { type Rng } from '../../electron/seed/random';
import { checkMember, insertMember } from '../../electron/services/floating';

/** What the roster-count tests share: the comparisons with a rebuild and the lookup, and the writes they make. */

export const END = '2025-06-30';
export const ROWS = 'SELECT day, origin, dim, key, n FROM floating_roster_days WHERE n <> 0 ORDER BY day, origin, dim, key';

/**
 * The kept days and months against summing every member's steps afresh; with them the other
 * tables kept per member that a set-based apply keeps too (rosterBulk.ts): the contact records
 * per day (017) and the members without a contact cadre (016), against a recount.
 */
export function agreesWithRebuild(core: Core): void {
  const all = (sql: string) => core.db.prepare(sql).all();
  expect(all('SELECT day, origin, n FROM contact_record_days WHERE n <> 0 ORDER BY day, origin')).toEqual(
    all(`SELECT c.contact_date AS day, c.origin, count(*) AS n FROM contact_records c JOIN floating_members m ON m.id = c.member_id
         WHERE c.deleted_at IS NULL AND m.deleted_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2`),
  );
  expect(all('SELECT member_id FROM floating_no_contact ORDER BY member_id')).toEqual(
    all(`SELECT m.id AS member_id FROM floating_members m WHERE m.deleted_at IS NULL AND m.status = '外出中'
         AND NOT EXISTS (SELECT 1 FROM member_contacts c WHERE c.member_id = m.id AND c.deleted_at IS NULL AND c.end_date IS NULL) ORDER BY m.id`),
  );
  const rebuilt = `SELECT * FROM (${rosterSteps(['r', 'c', 'k'])}) WHERE n <> 0 ORDER BY day, origin, dim, key`;
  expect(core.db.prepare(ROWS).all()).toEqual(core.db.prepare(rebuilt).all());
  const months = (sql: string) => `SELECT substr(day, 1, 7) AS month, origin, dim, key, sum(n) AS n FROM (${sql}) GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4`;
  expect(core.db.prepare('SELECT month, origin, dim, key, n FROM floating_roster_months WHERE n <> 0 ORDER BY 1, 2, 3, 4').all()).toEqual(
    core.db.prepare(months(ROWS)).all(),
  );
}

const sorted = (m: Map<string, number>) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)));

/** The kept figures and the lookup's, in one shape. */
function both(core: Core, to: string, days: number, township: string | null) {
  const p = reportParams({ from: addDays(to, -180), to, contactIntervalDays: days }, township);
  const kept = rosterCounts(core.db, p);
  const looked = roster(core.db, p);
  const by = (k: 'village' | 'province' | 'reason') => {
    const out = new Map<string, number>();
    for (const g of looked.groups) out.set(g[k], (out.get(g[k]) ?? 0) + g.n);
    return sorted(out);
  };
  const shape = (r: { byVillage: Map<string, number>; byProvince: Map<string, number>; byReason: Map<string, number>; withContact: number; contacted: number }) => ({
    byVillage: sorted(r.byVillage),
    byProvince: sorted(r.byProvince),
    byReason: sorted(r.byReason),
    withContact: r.withContact,
    contacted: r.contacted,
  });
  return { kept: shape(kept), looked: { byVillage: by('village'), byProvince: by('province'), byReason: by('reason'), withContact: looked.withContact, contacted: looked.contacted } };
}

/** Compares at `count` random last days around END, with the kept interval and others; the sums of what was compared. */
export function figuresAgree(core: Core, rng: Rng, count: number, township: string | null = null) {
  const kept = (core.db.prepare('SELECT days FROM floating_roster_interval').get() as { days: number }).days;
  const sums = { onRoster: 0, withContact: 0, contacted: 0 };
  for (let i = 0; i < count; i++) {
    const to = rng.chance(0.2) ? END : addDays(END, rng.int(-220, 220));
    const days = rng.chance(0.75) ? kept : rng.int(7, 200);
    const { kept: k, looked } = both(core, to, days, township);
    expect(k, `${to} interval ${days}`).toEqual(looked);
    sums.onRoster += Object.values(k.byReason).reduce((a, n) => a + n, 0);
    sums.withContact += k.withContact;
    sums.contacted += k.contacted;
  }
  return sums;
}

export const around = (rng: Rng, spread: number) => addDays(END, rng.int(-spread, spread));

/** `n` writes in one transaction; a write a constraint refuses (a second open contact cadre) is skipped, as its statement is. */
export function writes(core: Core, n: number, write: () => void): void {
  core.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      try {
        write();
      } catch (e) {
        if (!/constraint/i.test((e as Error).message)) throw e;
      }
    }
  })();
}

export function newMember(core: Core, rng: Rng, villages: string[], members: string[]): void {
  for (;;) {
    const input = { ...memberInput(rng, rng.pick(villages), '2025-09-01'), leftDate: around(rng, 300) };
    const { derived, fields } = checkMember(core, input, null);
    if (derived && !fields.length) return void members.push(insertMember(core, input, derived).id as string);
  }
}

export const liveRow = (core: Core, table: string) =>
  core.db.prepare(`SELECT * FROM ${table} WHERE deleted_at IS NULL ORDER BY random() LIMIT 1`).get() as Record<string, string> | undefined;

/** One random write through the write path that syncs (db/sync.ts): what a township sends the district. */
export function syncedWrite(core: Core, rng: Rng, villages: string[], members: string[]): void {
  const [db, w] = [core.db, core.writer()];
  const kind = rng.int(0, 12);
  const member = liveRow(core, 'floating_members');
  if (kind <= 1 || !member) return newMember(core, rng, villages, members);
  if (kind === 2) {
    const patch = rng.pick([{ left_date: around(rng, 300) }, { status: rng.pick(FLOAT_STATUSES), status_date: around(rng, 200) }, { village_id: rng.pick(villages) }, { reason: rng.pick(FLOAT_REASONS) }]);
    return void (rng.chance(0.2) ? deleteRow(db, w, floatingMembersTable, member.id!) : updateRow(db, w, floatingMembersTable, member.id!, patch));
  }
  const edit = (table: SyncTable, patch: (row: Record<string, string>) => Record<string, unknown>) => {
    const row = liveRow(core, table.name);
    if (!row) return false;
    if (rng.chance(0.4)) deleteRow(db, w, table, row.id!);
    else updateRow(db, w, table, row.id!, patch(row) as never);
    return true;
  };
  const op = rng.int(0, 2);
  if (kind <= 5) {
    if (op === 0 && edit(memberStatusHistoryTable, () => ({ date: around(rng, 200) }))) return;
    return void insertRow(db, w, memberStatusHistoryTable, { member_id: member.id!, status: rng.pick(FLOAT_STATUSES), date: around(rng, 200), transfer_to: null, note: null });
  }
  if (kind <= 7) {
    if (op === 0 && edit(memberContactsTable, (c) => ({ end_date: addDays(c.start_date!, rng.int(0, 150)) }))) return;
    const start = around(rng, 250);
    return void insertRow(db, w, memberContactsTable, { member_id: member.id!, cadre_name: '黄明', cadre_phone: null, cadre_role: null, start_date: start, end_date: rng.chance(0.5) ? addDays(start, rng.int(0, 150)) : null });
  }
  if (op === 0 && edit(contactRecordsTable, () => ({ contact_date: around(rng, 300), member_id: rng.chance(0.3) ? member.id : undefined }))) return;
  insertRow(db, w, contactRecordsTable, { member_id: member.id!, contact_date: around(rng, 300), way: '电话', made_by: '黄明', content: '了解近况', needs: null });
}

