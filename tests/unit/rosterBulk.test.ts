import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { contactRecordsTable, memberContactsTable } from '../../db/floating';
import { memberSteps, rosterBulk } from '../../db/reports/rosterBulk';
import { MAX_MEMBER_CONTACTS } from '../../electron/sync/plausible';
import { insertRow, updateRow } from '../../db/sync';
import { addDays } from '../../electron/domain/dates';
import { Rng } from '../../electron/seed/random';
import { exportBundle } from '../../electron/sync/export';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { districtKeys, trustDistrict } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';
import { sendBundle } from '../helpers/recount';
import { DISTRICT, YANSHAN, coreOn, village } from './dashboard.helpers';
import { craftBundle, townshipLines } from '../helpers/faultBundle';
import { district, exported, imported, refusedAtPreview, township, writeBundle } from '../helpers/trust';
import { memberInput, ok, villageId } from './floating.helpers';
import { END, ROWS, agreesWithRebuild, around, syncedWrite, writes } from './rosterCounts.helpers';

/**
 * A large apply keeps the roster's steps set-based (db/reports/rosterBulk.ts): the same figures
 * as the row triggers leave, whatever the bundle does to its members, and a refused apply leaves
 * steps and triggers as they were.
 */

/** A fresh district and one township with `n` random synced writes, trusting the district. */
async function districtAndTown(seed: string, n: number) {
  const { core } = await coreOn('2026-01-05', DISTRICT);
  const town = (await coreOn('2026-01-05', YANSHAN)).core;
  const rng = new Rng(seed);
  const villages = [await village(town, '东立村'), await village(town, '西立村')];
  const members: string[] = [];
  writes(town, n, () => syncedWrite(town, rng, villages, members));
  trustDistrict(town);
  return { core, town, rng, members };
}

/** Calls `seen` with each statement the district prepares until the returned function is called. */
function watchPrepare(core: Core, seen: (sql: string, prepare: Core['db']['prepare']) => void): () => void {
  const prepare = core.db.prepare.bind(core.db);
  core.db.prepare = ((sql: string) => (seen(sql, prepare), prepare(sql))) as typeof core.db.prepare;
  return () => void (core.db.prepare = prepare);
}

/** Runs `fn` with every large-enough apply set-based (rosterBulk.rows 0). */
async function setBased<T>(fn: () => Promise<T>): Promise<T> {
  const was = rosterBulk.rows;
  rosterBulk.rows = 0;
  try {
    return await fn();
  } finally {
    rosterBulk.rows = was;
  }
}

describe('期末在册 kept counts through a set-based apply', () => {
  it("narrows each of 021's nine day sources to the pass's members", () => {
    const sql = memberSteps();
    expect(sql).not.toBeNull();
    expect(sql!.match(/IN \(SELECT id FROM temp\.roster_chunk\)/g)).toHaveLength(9);
  });

  it('a member with hundreds of contact cadres (as a hostile bundle could plant) goes through the triggers', async () => {
    const { core, town, rng, members } = await districtAndTown('roster-cadres', 150);
    const many = members[0]!;
    writes(town, 210, () => {
      const start = around(rng, 250);
      insertRow(town.db, town.writer(), memberContactsTable, { member_id: many, cadre_name: '黄明', cadre_phone: null, cadre_role: null, start_date: start, end_date: addDays(start, rng.int(1, 30)) });
    });
    const passes: string[] = [];
    const restore = watchPrepare(core, (sql) => sql.includes('temp.roster_chunk') && passes.push(sql));
    await setBased(() => sendBundle(town, core)).finally(restore);
    expect(passes).toEqual([]);
    expect((core.db.prepare('SELECT count(*) AS n FROM member_contacts WHERE member_id = ?').get(many) as { n: number }).n).toBeGreaterThan(200);
    agreesWithRebuild(core);
  });

  it('a refused apply leaves the steps and the triggers as they were', async () => {
    const { core, town, members } = await districtAndTown('roster-refused', 120);
    const triggers = () => core.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
    const before = { triggers: triggers(), rows: core.db.prepare(ROWS).all() };
    const staged = await stageBundle(core, (await exportBundle(town, { dir: tempDir() })).file, districtKeys().keys);
    // A constraint the checks did not foresee, met by the last statement of the writes.
    core.db.exec("CREATE TEMP TRIGGER refuse_last AFTER INSERT ON main.member_status_history BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: x.y'); END");
    await setBased(async () => expect(() => applyStaged(core, staged)).toThrow()).finally(() => core.db.exec('DROP TRIGGER temp.refuse_last'));
    expect({ triggers: triggers(), rows: core.db.prepare(ROWS).all() }).toEqual(before);
    // And the same bundle then applies, set-based, to the figures a rebuild gives.
    await setBased(async () => applyStaged(core, await stageBundle(core, staged.file, districtKeys().keys)));
    expect(triggers()).toEqual(before.triggers);
    expect(core.db.prepare('SELECT count(*) AS n FROM floating_members').get()).toEqual({ n: members.length });
    agreesWithRebuild(core);
  });

  it('a contact record moved to another member takes its steps off the member it left', async () => {
    const { core, town } = await districtAndTown('roster-moved', 150);
    await setBased(async () => {
      await sendBundle(town, core);
      // Records moved to one member: the bundle names only that member, so the members they
      // left are known from the district's copy alone.
      const away = town.db.prepare("SELECT id FROM floating_members WHERE deleted_at IS NULL AND status = '外出中' LIMIT 6").all() as { id: string }[];
      expect(away.length).toBe(6);
      const to = away.pop()!.id;
      const records = away.map((m) => insertRow(town.db, town.writer(), contactRecordsTable, { member_id: m.id, contact_date: END, way: '电话', made_by: '黄明', content: '了解近况', needs: null }).id);
      await sendBundle(town, core);
      for (const id of records) updateRow(town.db, town.writer(), contactRecordsTable, id, { member_id: to });
      await sendBundle(town, core);
    });
    agreesWithRebuild(core);
  });

  it('a full bundle without a member (a township that restored a backup) takes the member off', async () => {
    const { core, town } = await districtAndTown('roster-missing', 150);
    await setBased(async () => {
      await sendBundle(town, core);
      // Gone from the township's file as after a restore: its full bundle no longer has them.
      const gone = town.db.prepare("SELECT id FROM floating_members WHERE deleted_at IS NULL AND status = '外出中' LIMIT 3").all() as { id: string }[];
      expect(gone.length).toBe(3);
      for (const { id } of gone) {
        for (const t of ['contact_records', 'member_contacts', 'member_status_history']) town.db.prepare(`DELETE FROM ${t} WHERE member_id = ?`).run(id);
        town.db.prepare('DELETE FROM floating_members WHERE id = ?').run(id);
      }
      const staged = await stageBundle(core, (await exportBundle(town, { dir: tempDir(), full: true })).file, districtKeys().keys);
      expect(staged.truth).toBe(true);
      applyStaged(core, staged);
      const left = core.db.prepare(`SELECT count(*) AS n FROM floating_members WHERE deleted_at IS NULL AND id IN (${gone.map(() => '?').join(', ')})`);
      expect(left.get(...gone.map((g) => g.id))).toEqual({ n: 0 });
    });
    agreesWithRebuild(core);
  });

  it("the pass after the writes is planned on the tables as written, not on a fresh district's empty statistics", async () => {
    const { core, town } = await districtAndTown('roster-plan', 150);
    // A fresh district's statistics describe empty tables, on which SQLite joined every member
    // with every member's days (quadratic at scale): the statistics the pass is planned on.
    const seen: { stat: string; members: number }[] = [];
    const restore = watchPrepare(core, (sql, prepare) => {
      if (!sql.includes('temp.roster_chunk') || !sql.includes('SELECT day, origin, dim, key, 1 * n')) return;
      const stat = prepare("SELECT stat FROM main.sqlite_stat1 WHERE tbl = 'floating_members' AND idx = 'sqlite_autoindex_floating_members_1'").get() as { stat: string } | undefined;
      seen.push({ stat: stat?.stat.split(' ')[0] ?? 'none', members: (prepare('SELECT count(*) AS n FROM floating_members').get() as { n: number }).n });
    });
    await setBased(() => sendBundle(town, core)).finally(restore);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.members).toBeGreaterThan(20);
    expect(seen[0]!.stat).toBe(String(seen[0]!.members));
    agreesWithRebuild(core);
  });

  it("a township's validly signed bundle touching another township's member is refused before any of it, the figures untouched", async () => {
    const d = await district();
    const a = await township('450311100', '雁山镇', 'aa');
    const b = await township('450311101', '柘木镇', 'bb');
    const aMember = (await ok(a, 'floating.create', memberInput(await villageId(a)))).id;
    const bMember = (await ok(b, 'floating.create', memberInput(await villageId(b, '柘木村')))).id;
    for (let i = 0; i < 3; i++) await ok(b, 'floating.addRecord', { memberId: bMember, contactDate: addDays('2025-12-01', i), way: '电话', madeBy: '黄明', content: '了解近况' });
    await ok(a, 'floating.addRecord', { memberId: aMember, contactDate: '2025-12-01', way: '电话', madeBy: '黄明', content: '了解近况' });
    await setBased(async () => {
      await imported(d, await exported(a));
      await imported(d, await exported(b));
    });
    const before = d.db.prepare(ROWS).all();
    expect(before.length).toBeGreaterThan(0);
    const lines = townshipLines(b).map((l) => JSON.parse(l) as { table: string; row: Record<string, unknown> });
    const record = lines.find((l) => l.table === 'contact_records')!.row;
    const seq = (b.db.prepare('SELECT seq FROM sync_clock').get() as { seq: number }).seq;
    const hostile = (row: Record<string, unknown>) =>
      writeBundle(craftBundle(b, { payload: [...lines, { table: 'contact_records', row: { ...row, seq } }].map((l) => JSON.stringify(l)).join('\n') + '\n' }));
    await setBased(async () => {
      // A record filed under the other township's member, and one of its own with a version no chain could reach.
      await refusedAtPreview(d, hostile({ ...record, id: 'bb000000-0000-4000-8000-000000009101', member_id: aMember }), 'out_of_scope', /不在本乡镇范围内/);
      await refusedAtPreview(d, hostile({ ...record, version: Number.MAX_SAFE_INTEGER }), 'bad_row', /版本号无效/);
    });
    expect(d.db.prepare(ROWS).all()).toEqual(before);
    agreesWithRebuild(d);
  });
  it('a validly signed bundle planting more contact cadres on one member than any member has is refused before any of it; the limit itself imports', async () => {
    const d = await district();
    const b = await township('450311101', '柘木镇', 'bb');
    const member = (await ok(b, 'floating.create', memberInput(await villageId(b, '柘木村')))).id;
    await ok(b, 'floating.addRecord', { memberId: member, contactDate: '2025-12-01', way: '电话', madeBy: '黄明', content: '了解近况' });
    await imported(d, await exported(b));
    const lines = townshipLines(b).map((l) => JSON.parse(l) as { table: string; row: Record<string, unknown> });
    const record = lines.find((l) => l.table === 'contact_records')!.row;
    const has = (b.db.prepare('SELECT count(*) AS n FROM member_contacts WHERE member_id = ? AND deleted_at IS NULL').get(member) as { n: number }).n;
    const seq = (b.db.prepare('SELECT seq FROM sync_clock').get() as { seq: number }).seq;
    // Past cadres a day each, as a township's own rows (its origin, its sequence range).
    const planted = (n: number) =>
      writeBundle(
        craftBundle(b, {
          payload:
            [
              ...lines,
              ...Array.from({ length: n }, (_, i) => ({
                table: 'member_contacts',
                row: {
                  id: `cc000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
                  created_at: record.created_at, updated_at: record.updated_at, seq, version: 1, deleted_at: null, origin: record.origin,
                  member_id: member, cadre_name: '黄明', cadre_phone: null, cadre_role: null, start_date: addDays('2020-01-01', 2 * i), end_date: addDays('2020-01-01', 2 * i + 1),
                },
              })),
            ]
              .map((l) => JSON.stringify(l))
              .join('\n') + '\n',
        }),
      );
    const before = d.db.prepare(ROWS).all();
    await refusedAtPreview(d, planted(MAX_MEMBER_CONTACTS - has + 1), 'bad_row', new RegExp(`流动党员 ${member} 导入后将有 ${MAX_MEMBER_CONTACTS + 1} 名一对一联系人`));
    expect(d.db.prepare(ROWS).all()).toEqual(before);
    await imported(d, planted(MAX_MEMBER_CONTACTS - has));
    expect((d.db.prepare('SELECT count(*) AS n FROM member_contacts WHERE member_id = ? AND deleted_at IS NULL').get(member) as { n: number }).n).toBe(MAX_MEMBER_CONTACTS);
    agreesWithRebuild(d);
  }, 120_000); // 16–20 s on an idle 2-core machine; 36 s beside a browser suite
});
