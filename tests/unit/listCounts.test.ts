import { describe, expect, it } from 'vitest';
import type { Input } from '../../electron/api/contract';
import type { Core } from '../../electron/core';
import { insertDeletedLog, logOf } from '../helpers/recount';
import { cadre, coreOn, logDays, post, village, YANSHAN } from './dashboard.helpers';
import { memberInput, ok, validId } from './floating.helpers';

/**
 * Migration 016's tables, kept by triggers, must always say what the registers say.
 *
 * work_log_month_days answers 低于标准 and the 首页 count from one row per cadre
 * and month. It must always equal counting the live in-village work logs, whoever wrote them:
 * the forms, a removal, an edit that moves a log to another day, month or cadre, or a write
 * straight to the table (sync import, restore, a 驻村版's package).
 */

type Days = { cadre_id: string; month: string; days: number };

const kept = (core: Core) =>
  core.db.prepare('SELECT cadre_id, month, days FROM work_log_month_days WHERE days > 0 ORDER BY cadre_id, month').all() as Days[];
const counted = (core: Core) =>
  core.db
    .prepare(
      `SELECT cadre_id, substr(log_date, 1, 7) AS month, count(*) AS days FROM work_logs WHERE deleted_at IS NULL AND in_village = 1
       GROUP BY cadre_id, month ORDER BY cadre_id, month`,
    )
    .all() as Days[];

describe('days in the village per month (work_log_month_days)', () => {
  it('equals the count of live in-village logs after every kind of write', async () => {
    const { core } = await coreOn('2026-01-20', YANSHAN);
    const v = await village(core, '东立村');
    const [a, b] = [await cadre(core, '李明'), await cadre(core, '王芳')];
    await post(core, a, v, '第一书记', '2025-11-01');
    await post(core, b, v, '工作队员', '2025-11-01');
    await logDays(core, a, '2025-11-25', 10);
    await logDays(core, b, '2025-12-01', 5);
    await logDays(core, b, '2025-12-10', 3, false);
    expect(kept(core)).toEqual(counted(core));
    expect(kept(core).filter((d) => d.cadre_id === a)).toEqual([
      { cadre_id: a, month: '2025-11', days: 6 },
      { cadre_id: a, month: '2025-12', days: 4 },
    ]);

    const save = async (cadreId: string, day: string, to: { logDate: string; inVillage: boolean }) => {
      const { id, version } = logOf(core, cadreId, day);
      await ok(core, 'cadres.saveLog', { id, version, cadreId, workKind: '走访农户', ...to });
    };
    // Moved to another month, turned out of the village, turned back in.
    await save(a, '2025-11-25', { logDate: '2026-01-05', inVillage: true });
    await save(b, '2025-12-01', { logDate: '2025-12-01', inVillage: false });
    await save(b, '2025-12-10', { logDate: '2025-12-10', inVillage: true });
    expect(kept(core)).toEqual(counted(core));

    const { id, version } = logOf(core, a, '2025-12-01');
    await ok(core, 'cadres.removeLog', { id, version });
    expect(kept(core)).toEqual(counted(core));

    // Writes that bypass the services: a log handed to another cadre, one soft-deleted and
    // brought back, one removed outright, one inserted deleted.
    core.db.prepare('UPDATE work_logs SET cadre_id = ? WHERE id = ?').run(b, logOf(core, a, '2025-11-27').id);
    const gone = logOf(core, a, '2025-11-26').id;
    core.db.prepare("UPDATE work_logs SET deleted_at = '2026-01-20T00:00:00.000Z' WHERE id = ?").run(gone);
    expect(kept(core)).toEqual(counted(core));
    core.db.prepare('UPDATE work_logs SET deleted_at = NULL WHERE id = ?').run(gone);
    core.db.prepare('DELETE FROM work_logs WHERE id = ?').run(logOf(core, b, '2025-12-03').id);
    insertDeletedLog(core);
    expect(kept(core)).toEqual(counted(core));
    expect(counted(core).length).toBeGreaterThan(3);
  });

  it('a month whose logs are all gone reads as no days: the cadre is below again', async () => {
    const { core } = await coreOn('2026-01-20', YANSHAN);
    const v = await village(core, '东立村');
    const a = await cadre(core, '李明');
    await post(core, a, v, '第一书记', '2025-11-01');
    await logDays(core, a, '2025-12-01', 31);
    const below = async () => (await ok(core, 'cadres.list', { month: '2025-12', belowOnly: true, page: 1, pageSize: 20 })).total;
    expect(await below()).toBe(0);
    core.db.prepare("UPDATE work_logs SET deleted_at = '2026-01-20T00:00:00.000Z'").run();
    expect(kept(core)).toEqual([]);
    expect(await below()).toBe(1);
  });
});

/**
 * floating_no_contact answers 无联系人 (the 首页 card, the summary and the list's filter): the live
 * members out with no current contact cadre, whatever wrote the members or their contact cadres.
 */
describe('members without a contact cadre (floating_no_contact)', () => {
  const kept = (core: Core) => (core.db.prepare('SELECT member_id FROM floating_no_contact ORDER BY member_id').all() as { member_id: string }[]).map((r) => r.member_id);
  /** The rule judged member by member, in the list's order. */
  const judged = (core: Core, order = 'm.id') =>
    (
      core.db
        .prepare(
          `SELECT m.id FROM floating_members m WHERE m.deleted_at IS NULL AND m.status = '外出中'
           AND NOT EXISTS (SELECT 1 FROM member_contacts c WHERE c.member_id = m.id AND c.deleted_at IS NULL AND c.end_date IS NULL) ORDER BY ${order}`,
        )
        .all() as { id: string }[]
    ).map((r) => r.id);
  const member = async (core: Core, v: string, n: number, name: string) =>
    ok(core, 'floating.create', memberInput(v, { name, idNumber: validId(`450311199001011${String(n).padStart(2, '0')}`) }));

  it('equals judging every member after every kind of write', async () => {
    const { core } = await coreOn('2026-01-05', YANSHAN);
    const v = await village(core, '东立村');
    const [a, b, c, d] = [await member(core, v, 10, '王小明'), await member(core, v, 11, '李娟'), await member(core, v, 12, '张伟'), await member(core, v, 13, '赵敏')];
    expect(kept(core)).toEqual([a.id, b.id, c.id, d.id].sort());
    await ok(core, 'floating.assignContact', { memberId: a.id, cadreName: '李书记', startDate: '2025-04-01' });
    await ok(core, 'floating.assignContact', { memberId: b.id, cadreName: '李书记', startDate: '2025-04-01' });
    // A new contact cadre ends the old one: still with one.
    await ok(core, 'floating.assignContact', { memberId: a.id, cadreName: '赵主任', startDate: '2025-08-01' });
    await ok(core, 'floating.changeStatus', { id: c.id, version: c.version, status: '已返回', date: '2025-12-01' });
    await ok(core, 'floating.remove', { id: d.id, version: d.version });
    expect(kept(core)).toEqual([]);
    expect(judged(core)).toEqual([]);

    // Writes that bypass the services: a contact cadre's term ended, one soft-deleted, a member
    // back out, then a contact cadre and a member removed outright.
    const contact = (id: string) => (core.db.prepare('SELECT id FROM member_contacts WHERE member_id = ? AND end_date IS NULL AND deleted_at IS NULL').get(id) as { id: string }).id;
    core.db.prepare("UPDATE member_contacts SET end_date = '2025-12-31' WHERE id = ?").run(contact(a.id));
    expect(kept(core)).toEqual([a.id]);
    const bContact = contact(b.id);
    core.db.prepare("UPDATE member_contacts SET deleted_at = '2026-01-05T00:00:00.000Z' WHERE id = ?").run(bContact);
    core.db.prepare("UPDATE floating_members SET status = '外出中' WHERE id = ?").run(c.id);
    expect(kept(core)).toEqual(judged(core));
    expect(kept(core)).toHaveLength(3);
    core.db.prepare("UPDATE member_contacts SET deleted_at = NULL WHERE id = ?").run(bContact);
    expect(kept(core)).toEqual([a.id, c.id].sort());
    core.db.prepare('DELETE FROM member_contacts WHERE id = ?').run(bContact);
    for (const table of ['contact_records', 'member_status_history']) core.db.prepare(`DELETE FROM ${table} WHERE member_id = ?`).run(c.id);
    core.db.prepare('DELETE FROM floating_members WHERE id = ?').run(c.id);
    expect(kept(core)).toEqual(judged(core));
    expect(kept(core)).toEqual([a.id, b.id].sort());
  });

  it('the list, the summary and the 首页 agree with judging every member, on both ways of reading a page', async () => {
    const { core } = await coreOn('2026-01-05', YANSHAN);
    const v = await village(core, '东立村');
    await member(core, v, 10, '王小明');
    // Enough members for the page to walk the name index (1,000 or more without a contact cadre),
    // a third of them with one.
    core.db
      .prepare(
        `WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)
         INSERT INTO floating_members (id, created_at, updated_at, seq, version, deleted_at, origin, village_id, name, id_number, birth_date, gender,
           member_type, left_date, dest_province_code, dest_text, reason, status, dest_org_joined)
         SELECT 'raw-' || i, created_at, updated_at, 1000 + i, 1, NULL, origin, village_id, substr('陈李王张刘', 1 + i % 5, 1) || '某' || i,
           id_number, birth_date, gender, member_type, left_date, dest_province_code, dest_text, reason, '外出中', 0
         FROM floating_members, n`,
      )
      .run();
    core.db
      .prepare(
        `INSERT INTO member_contacts (id, created_at, updated_at, seq, version, origin, member_id, cadre_name, start_date)
         SELECT 'c-' || id, created_at, updated_at, 5000 + seq, 1, origin, id, '李书记', '2025-04-01' FROM floating_members WHERE seq % 3 = 0`,
      )
      .run();
    const page = async (q: Partial<Input<'floating.list'>>) => ok(core, 'floating.list', { flag: 'noContact', page: 2, pageSize: 20, ...q });
    const many = judged(core, 'm.name, m.id');
    expect(many.length).toBeGreaterThan(1000);
    const walked = await page({});
    expect(walked.total).toBe(many.length);
    expect(walked.rows.map((r) => r.id)).toEqual(many.slice(20, 40));
    // Few enough (under 1,000) for the page to read those members and sort them.
    core.db.prepare("UPDATE floating_members SET status = '已返回' WHERE id IN (SELECT member_id FROM floating_no_contact LIMIT 600)").run();
    const few = judged(core, 'm.left_date DESC, m.id');
    expect(few.length).toBeLessThan(1000);
    const read = await page({ sort: 'left_date', order: 'desc' });
    expect(read.total).toBe(few.length);
    expect(read.rows.map((r) => r.id)).toEqual(few.slice(20, 40));
    const alerts = await ok(core, 'floating.alerts', {});
    expect(alerts).toMatchObject({ noContact: few.length, out: 1501 - 600 });
    expect((await ok(core, 'dashboard.get', {})).figures).toMatchObject({ noContact: few.length, floatingOut: 1501 - 600 });
  });
});

describe('身份证号重复 and the quality pages', () => {
  it('finds a number carried twice in the floating register only, and pages past the end keep the count', async () => {
    const { core } = await coreOn('2026-01-05', YANSHAN);
    const v = await village(core, '东立村');
    const shared = validId('45031119900101120');
    const first = await ok(core, 'floating.create', memberInput(v, { name: '王小明', idNumber: shared }));
    await ok(core, 'floating.create', memberInput(v, { name: '李娟', idNumber: validId('45031119900101139') }));
    const check = async () => (await ok(core, 'dashboard.quality', { township: null, check: 'sharedIdNumber', page: 1, pageSize: 10 })).total;
    expect(await check()).toBe(0);
    // The form refuses a second live member with the number; a sync from another PC can bring one.
    core.db
      .prepare(
        `INSERT INTO floating_members SELECT 'copy-1', created_at, updated_at, 900, version, deleted_at, origin, village_id, '王晓明', id_number, birth_date,
           gender, ethnicity, education, joined_party_date, member_type, left_date, dest_province_code, dest_city_code, dest_county_code, dest_text,
           workplace, reason, occupation, mobile, wechat, activity_card_no, dest_org_joined, dest_org_name, status, status_date, transfer_to, note,
           last_contact_date FROM floating_members WHERE id = ?`,
      )
      .run(first.id);
    const page = async (p: number) => ok(core, 'dashboard.quality', { township: null, check: 'sharedIdNumber', page: p, pageSize: 1 });
    expect(await page(1)).toMatchObject({ total: 1, rows: [{ name: '王小明（流动党员·东立村）、王晓明（流动党员·东立村）' }] });
    expect(await page(2)).toMatchObject({ total: 1, rows: [] });
  });
});

/**
 * 低于标准's first pages walk the sort's index and judge cadres until the page is full; later
 * pages judge every cadre in post and sort (db/cadres.ts belowWalk). Both must give the list's
 * order, and the total must be the 首页's count.
 */
describe('低于标准 pages, walked and sorted', () => {
  it('page through every cadre below in the list’s order, whichever way each page is read', async () => {
    const { core } = await coreOn('2026-01-20', YANSHAN);
    const v = await village(core, '东立村');
    // 260 cadres in post since November, names repeating (the id breaks ties); every fifth has
    // 20 in-village days in December (the bar) and is not below.
    const ids: string[] = [];
    for (let i = 0; i < 260; i++) {
      const id = await cadre(core, `${'赵钱孙李周吴郑王冯陈'[i % 10]}${'明芳强军丽伟'[i % 6]}`);
      await post(core, id, v, '工作队员', '2025-11-01');
      ids.push(id);
    }
    await logDays(core, ids[0]!, '2025-12-01', 20);
    // The others' logs written straight to the table (the month's day count follows by trigger).
    core.db
      .prepare(
        `WITH RECURSIVE d (n) AS (SELECT 2 UNION ALL SELECT n + 1 FROM d WHERE n < 21)
         INSERT INTO work_logs (id, created_at, updated_at, seq, version, origin, cadre_id, village_id, log_date, in_village, work_kind, households)
         SELECT c.value || '-' || d.n, w.created_at, w.updated_at, 100000 + c.key * 100 + d.n, 1, w.origin, c.value, w.village_id,
           '2025-12-' || printf('%02d', d.n), 1, w.work_kind, 0
         FROM json_each(@ids) c, d, (SELECT * FROM work_logs LIMIT 1) w WHERE c.key % 5 = 0 AND c.key > 0`,
      )
      .run({ ids: JSON.stringify(ids) });
    const expected = (order: string) =>
      (
        core.db
          .prepare(
            `SELECT c.id FROM cadres c WHERE c.deleted_at IS NULL
             AND (SELECT count(*) FROM work_logs w WHERE w.cadre_id = c.id AND w.deleted_at IS NULL AND w.in_village = 1
                  AND w.log_date BETWEEN '2025-12-01' AND '2025-12-31') < 20 ORDER BY ${order}`,
          )
          .all() as { id: string }[]
      ).map((r) => r.id);
    const walkAll = async (sort: 'name' | 'unit', order: 'asc' | 'desc', pageSize: number) => {
      const seen: string[] = [];
      const totals = new Set<number>();
      for (let page = 1; page <= Math.ceil(208 / pageSize) + 1; page++) {
        const r = await ok(core, 'cadres.list', { belowOnly: true, month: '2025-12', sort, order, page, pageSize });
        seen.push(...r.rows.map((c) => c.id));
        totals.add(r.total);
      }
      return { seen, totals: [...totals] };
    };
    const byName = expected('c.name, c.id');
    expect(byName).toHaveLength(208);
    // 50 a page: pages 1-4 (200 rows) walk, page 5 sorts, page 6 is past the end.
    expect(await walkAll('name', 'asc', 50)).toEqual({ seen: byName, totals: [208] });
    // Units all alike: the order falls to name then id, descending.
    expect(await walkAll('unit', 'desc', 100)).toEqual({ seen: expected('c.unit DESC, c.name DESC, c.id'), totals: [208] });
    expect((await ok(core, 'dashboard.get', {})).figures.belowThreshold).toBe(208);
  }, 60_000);
});
