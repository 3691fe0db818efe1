import { describe, expect, it } from 'vitest';
import { provinces } from '../../db/divisions';
import { contactRecordsTable, floatingMembersTable, memberContactsTable, memberStatusHistoryTable } from '../../db/floating';
import { floatingReport } from '../../db/reports/floating';
import { reportParams } from '../../db/reports/period';
import { deleteRow, insertRow, updateRow } from '../../db/sync';
import { allLiveVillages } from '../../db/villages';
import { addDays } from '../../electron/domain/dates';
import { FLOAT_STATUSES } from '../../electron/domain/floating';
import { memberInput } from '../../electron/seed/floating';
import { Rng } from '../../electron/seed/random';
import { seedVillages } from '../../electron/seed/villages';
import { checkMember, insertMember } from '../../electron/services/floating';
import type { Core } from '../../electron/core';
import { freshCore } from '../helpers/core';

/**
 * 期末在册 and the figures counted over it (db/reports/floating.ts), against a straightforward
 * reference computed in JavaScript from every row, on a seeded township whose members have
 * status histories of several changes (some on the same day, entered out of date order, some
 * deleted), members with no history left, contact cadres assigned and ended, and contact records
 * live and deleted. Whatever form the report's SQL takes for speed, its figures must be these.
 */

type Row = Record<string, string | null>;

const PERIOD = { from: '2025-01-01', to: '2025-06-30', contactIntervalDays: 90 };

function seed(core: Core, rng: Rng, members: number): void {
  seedVillages(core, rng, 6, 2025);
  const villages = allLiveVillages(core.db).map((v) => v.id as string);
  const w = core.writer();
  const around = (day: string, spread: number) => addDays(day, rng.int(-spread, spread));
  core.db.transaction(() => {
    const seen = new Set<string>();
    for (let i = 0; i < members; i++) {
      const input = memberInput(rng, rng.pick(villages), '2025-09-01');
      if (seen.has(input.idNumber)) continue;
      seen.add(input.idNumber);
      const { derived } = checkMember(core, input, null);
      const m = insertMember(core, input, derived!);
      // Further status changes around the period's end, in random order (created_at then disagrees with date order).
      const changes = rng.int(0, 3);
      for (let k = 0; k < changes; k++) {
        const date = rng.chance(0.3) ? PERIOD.to : around(PERIOD.to, 60);
        const h = insertRow(core.db, w, memberStatusHistoryTable, { member_id: m.id, status: rng.pick(FLOAT_STATUSES), date, transfer_to: null, note: null });
        if (rng.chance(0.15)) deleteRow(core.db, w, memberStatusHistoryTable, h.id);
      }
      // Some members lose all their history (rows from before history existed): the member row decides.
      if (rng.chance(0.15)) {
        for (const h of core.db.prepare('SELECT id FROM member_status_history WHERE member_id = ? AND deleted_at IS NULL').all(m.id) as { id: string }[]) {
          deleteRow(core.db, w, memberStatusHistoryTable, h.id);
        }
        if (rng.chance(0.6)) updateRow(core.db, w, floatingMembersTable, m.id, { status: rng.pick(FLOAT_STATUSES), status_date: rng.chance(0.2) ? null : around(PERIOD.to, 60) });
      }
      if (rng.chance(0.7)) {
        const start = around(PERIOD.to, 90);
        const end = rng.chance(0.4) ? (rng.chance(0.3) ? PERIOD.to : addDays(start, rng.int(0, 120))) : null;
        const c = insertRow(core.db, w, memberContactsTable, { member_id: m.id, cadre_name: '黄明', cadre_phone: null, cadre_role: null, start_date: start, end_date: end });
        if (rng.chance(0.1)) deleteRow(core.db, w, memberContactsTable, c.id);
      }
      for (let k = rng.int(0, 3); k > 0; k--) {
        const r = insertRow(core.db, w, contactRecordsTable, { member_id: m.id, contact_date: around('2025-04-01', 100), way: '电话', made_by: '黄明', content: '了解近况', needs: null });
        if (rng.chance(0.15)) deleteRow(core.db, w, contactRecordsTable, r.id);
      }
      if (rng.chance(0.05)) deleteRow(core.db, w, floatingMembersTable, m.id);
    }
  })();
}

/** The report's definitions, member by member, from the raw rows. */
function reference(core: Core) {
  const all = (table: string) => (core.db.prepare(`SELECT * FROM ${table} WHERE deleted_at IS NULL`).all() as Row[]);
  const { from, to } = PERIOD;
  const cutoff = addDays(to, -PERIOD.contactIntervalDays);
  const byMember = (rows: Row[]) => {
    const out = new Map<string, Row[]>();
    for (const r of rows) out.set(r.member_id!, [...(out.get(r.member_id!) ?? []), r]);
    return out;
  };
  const history = byMember(all('member_status_history'));
  const contacts = byMember(all('member_contacts'));
  const records = byMember(all('contact_records'));
  const statusAt = (m: Row) => {
    const upTo = (history.get(m.id!) ?? []).filter((h) => h.date! <= to);
    upTo.sort((a, b) => (a.date! < b.date! ? 1 : a.date! > b.date! ? -1 : a.created_at! < b.created_at! ? 1 : a.created_at! > b.created_at! ? -1 : 0));
    if (upTo.length) return upTo[0]!.status;
    return m.status !== '外出中' && (m.status_date ?? m.left_date)! <= to ? m.status : '外出中';
  };
  const members = all('floating_members');
  const roster = members.filter((m) => m.left_date! <= to && statusAt(m) === '外出中');
  const count = (key: string) => {
    const out: Record<string, number> = {};
    for (const m of roster) out[m[key]!] = (out[m[key]!] ?? 0) + 1;
    return out;
  };
  const names = new Map(provinces().map((p) => [p.code, p.name]));
  const live = new Set(members.map((m) => m.id));
  const changedTo = (status: string) => new Set(all('member_status_history').filter((h) => live.has(h.member_id) && h.status === status && h.date! >= from && h.date! <= to).map((h) => h.member_id)).size;
  return {
    onRoster: roster.length,
    villagesWithRoster: new Set(roster.map((m) => m.village_id)).size,
    byProvince: Object.fromEntries(Object.entries(count('dest_province_code')).map(([k, n]) => [names.get(k) ?? k, n])),
    byReason: count('reason'),
    withContactCadre: roster.filter((m) => (contacts.get(m.id!) ?? []).some((c) => c.start_date! <= to && (c.end_date === null || c.end_date! > to))).length,
    contactedInInterval: roster.filter((m) => (records.get(m.id!) ?? []).some((r) => r.contact_date! >= cutoff && r.contact_date! <= to)).length,
    contactRecords: all('contact_records').filter((r) => live.has(r.member_id) && r.contact_date! >= from && r.contact_date! <= to).length,
    returned: changedTo('已返回'),
    transferredOut: changedTo('组织关系转出'),
  };
}

describe('期末在册 (members on the roster at period end)', () => {
  it('equals a member-by-member reference on a seeded township with status histories, contacts and records', async () => {
    const core = await freshCore();
    seed(core, new Rng('roster'), 400);
    const got = floatingReport(core.db, reportParams(PERIOD, null));
    const want = reference(core);
    // The seed covers every branch the definitions have.
    expect(want.onRoster).toBeGreaterThan(100);
    expect(want.onRoster).toBeLessThan(400);
    expect(want.withContactCadre).toBeGreaterThan(0);
    expect(want.withContactCadre).toBeLessThan(want.onRoster);
    expect(want.contactedInInterval).toBeGreaterThan(0);
    expect(want.contactedInInterval).toBeLessThan(want.onRoster);
    expect(want.returned).toBeGreaterThan(0);
    expect(want.transferredOut).toBeGreaterThan(0);
    expect(got).toEqual(want);
    // Key order too: provinces most first (then by code), reasons by name.
    expect(Object.keys(got.byReason)).toEqual(Object.keys(want.byReason).sort());
    const counts = Object.values(got.byProvince);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });
});
