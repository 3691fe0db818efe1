import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { trustDistrict } from '../helpers/sync';
import { sendBundle } from '../helpers/recount';
import { DISTRICT, YANSHAN, ZHEMU, contacted, coreOn, member, village } from './dashboard.helpers';
import { ok } from './floating.helpers';

/**
 * Migration 017's contact_record_days answers the 统计报表's 联系记录 count from one row per day
 * and origin. It must always say what the registers say: the live contact records of live
 * members, per day and origin, whoever wrote them (the forms, an edit that moves a record to
 * another day or member, a member removed and brought back, writes straight to the tables, a
 * district's import of a township's bundles, first and incremental).
 */

type Day = { day: string; origin: string; n: number };

const kept = (core: Core) => core.db.prepare('SELECT day, origin, n FROM contact_record_days WHERE n <> 0 ORDER BY day, origin').all() as Day[];
const counted = (core: Core) =>
  core.db
    .prepare(
      `SELECT cr.contact_date AS day, cr.origin, count(*) AS n FROM contact_records cr JOIN floating_members m ON m.id = cr.member_id
       WHERE cr.deleted_at IS NULL AND m.deleted_at IS NULL GROUP BY cr.contact_date, cr.origin ORDER BY cr.contact_date, cr.origin`,
    )
    .all() as Day[];
const recordOf = (core: Core, memberId: string, day: string) =>
  core.db.prepare('SELECT id, version FROM contact_records WHERE member_id = ? AND contact_date = ? AND deleted_at IS NULL').get(memberId, day) as { id: string; version: number };
const versionOf = (core: Core, id: string) => (core.db.prepare('SELECT version FROM floating_members WHERE id = ?').get(id) as { version: number }).version;

/** The report's figure against counting the rows, for a period and scope. */
async function reportAgrees(core: Core, from: string, to: string) {
  const report = await ok(core, 'reports.get', { from, to, township: null });
  for (const scope of report.scopes) {
    const { n } = core.db
      .prepare(
        `SELECT count(*) AS n FROM contact_records cr JOIN floating_members m ON m.id = cr.member_id
         WHERE cr.deleted_at IS NULL AND m.deleted_at IS NULL AND cr.contact_date BETWEEN ? AND ?
           AND (? IS NULL OR cr.origin IN (SELECT installation_id FROM sync_pins WHERE township_code = ?))`,
      )
      .get(from, to, report.role === 'township' ? null : scope.code, scope.code) as { n: number };
    expect(scope.figures.floating.contactRecords, scope.name).toBe(n);
  }
  return report;
}

describe('contact records per day (contact_record_days)', () => {
  it('equals the count of live records of live members after every kind of write', async () => {
    const { core } = await coreOn('2026-01-05', YANSHAN);
    const v = await village(core, '东立村');
    const [a, b, c] = [await member(core, v, '王小明', '2025-03-01'), await member(core, v, '李娟', '2025-03-01'), await member(core, v, '张伟', '2025-03-01')];
    for (const day of ['2025-06-30', '2025-07-01', '2025-09-15', '2025-12-31']) await contacted(core, a.id, day);
    for (const day of ['2025-07-01', '2025-08-01', '2026-01-01']) await contacted(core, b.id, day);
    await contacted(core, c.id, '2025-09-15');
    expect(kept(core)).toEqual(counted(core));
    expect(kept(core).find((d) => d.day === '2025-07-01')?.n).toBe(2);
    expect((await reportAgrees(core, '2025-07-01', '2025-12-31')).scopes[0]!.figures.floating.contactRecords).toBe(6);

    // Moved to another day and out of the period, then removed.
    const moved = recordOf(core, a.id, '2025-09-15');
    await ok(core, 'floating.updateRecord', { id: moved.id, version: moved.version, contactDate: '2025-06-01', way: '微信', madeBy: '李支书', content: '改期' });
    const gone = recordOf(core, b.id, '2025-08-01');
    await ok(core, 'floating.removeRecord', { id: gone.id, version: gone.version });
    expect(kept(core)).toEqual(counted(core));
    expect((await reportAgrees(core, '2025-07-01', '2025-12-31')).scopes[0]!.figures.floating.contactRecords).toBe(4);

    // A member removed takes their records out of the count; brought back (a write straight to
    // the table, as a restore or an import does), they count again.
    await ok(core, 'floating.remove', { id: c.id, version: versionOf(core, c.id) });
    expect(kept(core)).toEqual(counted(core));
    expect((await reportAgrees(core, '2025-07-01', '2025-12-31')).scopes[0]!.figures.floating.contactRecords).toBe(3);
    core.db.prepare('UPDATE floating_members SET deleted_at = NULL WHERE id = ?').run(c.id);
    expect(kept(core)).toEqual(counted(core));

    // Writes that bypass the services: a record handed to a removed member and back, its origin
    // changed (a laptop's record the township corrected), one soft-deleted and brought back, one
    // removed outright, one inserted deleted, one inserted for a removed member.
    const r = recordOf(core, a.id, '2025-07-01').id;
    core.db.prepare("UPDATE floating_members SET deleted_at = '2026-01-05T00:00:00.000Z' WHERE id = ?").run(c.id);
    core.db.prepare('UPDATE contact_records SET member_id = ? WHERE id = ?').run(c.id, r);
    expect(kept(core)).toEqual(counted(core));
    core.db.prepare('UPDATE contact_records SET member_id = ?, contact_date = ? WHERE id = ?').run(b.id, '2025-11-11', r);
    core.db.prepare("UPDATE contact_records SET origin = 'a-laptop' WHERE id = ?").run(r);
    expect(kept(core)).toEqual(counted(core));
    expect(kept(core).find((d) => d.origin === 'a-laptop')).toEqual({ day: '2025-11-11', origin: 'a-laptop', n: 1 });
    const soft = recordOf(core, a.id, '2025-12-31').id;
    core.db.prepare("UPDATE contact_records SET deleted_at = '2026-01-05T00:00:00.000Z' WHERE id = ?").run(soft);
    expect(kept(core)).toEqual(counted(core));
    core.db.prepare('UPDATE contact_records SET deleted_at = NULL WHERE id = ?').run(soft);
    core.db.prepare('DELETE FROM contact_records WHERE id = ?').run(recordOf(core, b.id, '2026-01-01').id);
    const insert = core.db.prepare(
      `INSERT INTO contact_records (id, created_at, updated_at, seq, version, deleted_at, origin, member_id, contact_date, way, made_by, content)
       SELECT ?, created_at, updated_at, ?, 1, ?, origin, ?, '2025-10-10', way, made_by, content FROM contact_records LIMIT 1`,
    );
    insert.run('raw-1', 9001, '2026-01-05T00:00:00.000Z', a.id);
    insert.run('raw-2', 9002, null, c.id);
    insert.run('raw-3', 9003, null, a.id);
    expect(kept(core)).toEqual(counted(core));
    core.db.prepare('UPDATE floating_members SET deleted_at = NULL WHERE id = ?').run(c.id);
    expect(kept(core)).toEqual(counted(core));

    // A member removed outright with their records.
    core.db.prepare('DELETE FROM contact_records WHERE member_id = ?').run(c.id);
    for (const table of ['member_status_history', 'member_contacts']) core.db.prepare(`DELETE FROM ${table} WHERE member_id = ?`).run(c.id);
    core.db.prepare('DELETE FROM floating_members WHERE id = ?').run(c.id);
    expect(kept(core)).toEqual(counted(core));
    expect(counted(core).length).toBeGreaterThan(4);
    await reportAgrees(core, '2025-01-01', '2025-12-31');
  });

  it('at the district: equals the recount after each township bundle, first and incremental, per township and in all', async () => {
    const { core } = await coreOn('2026-01-05', DISTRICT);
    const yanshan = (await coreOn('2026-01-05', YANSHAN)).core;
    const zhemu = (await coreOn('2026-01-05', ZHEMU)).core;
    const [ya, zh] = [await village(yanshan, '东立村'), await village(zhemu, '柘木一村')];
    const [m1, m2] = [await member(yanshan, ya, '王小明', '2025-03-01'), await member(yanshan, ya, '李娟', '2025-03-01')];
    const m3 = await member(zhemu, zh, '柘木成员', '2025-03-01');
    for (const day of ['2025-07-01', '2025-07-02', '2025-12-31']) await contacted(yanshan, m1.id, day);
    await contacted(yanshan, m2.id, '2025-07-01');
    for (const day of ['2025-07-01', '2025-08-08']) await contacted(zhemu, m3.id, day);
    const send = (town: Core) => sendBundle(town, core);
    for (const town of [yanshan, zhemu]) trustDistrict(town);
    await send(yanshan);
    await send(zhemu);
    expect(kept(core)).toEqual(counted(core));
    const first = await reportAgrees(core, '2025-07-01', '2025-12-31');
    expect(first.scopes.find((s) => s.name === '合计')!.figures.floating.contactRecords).toBe(6);

    // The townships edit: a record moved, one removed, a member removed with their records, then
    // their incremental bundles.
    const moved = recordOf(yanshan, m1.id, '2025-07-02');
    await ok(yanshan, 'floating.updateRecord', { id: moved.id, version: moved.version, contactDate: '2026-01-02', way: '电话', madeBy: '李支书', content: '改期' });
    await ok(yanshan, 'floating.remove', { id: m2.id, version: versionOf(yanshan, m2.id) });
    const gone = recordOf(zhemu, m3.id, '2025-08-08');
    await ok(zhemu, 'floating.removeRecord', { id: gone.id, version: gone.version });
    await send(yanshan);
    await send(zhemu);
    expect(kept(core)).toEqual(counted(core));
    const second = await reportAgrees(core, '2025-07-01', '2025-12-31');
    expect(second.scopes.find((s) => s.name === '合计')!.figures.floating.contactRecords).toBe(3);
  });
});
