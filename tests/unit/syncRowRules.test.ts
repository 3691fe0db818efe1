import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSyncRow } from '../../db/sync';
import { dispatch } from '../../electron/api/dispatch';
import { takeDownload } from '../../electron/transfers';
import { SYNC_TABLES } from '../../db/tables';
import type { Core } from '../../electron/core';
import { checkChar } from '../../electron/domain/idNumber';
import { Rng } from '../../electron/seed/random';
import { seedCadres } from '../../electron/seed/cadres';
import { seedFloating } from '../../electron/seed/floating';
import { caseInput } from './fuzz.fixtures';
import { seedPartyDev } from '../../electron/seed/partyDev';
import { seedStars } from '../../electron/seed/stars';
import { seedProjects } from '../../electron/seed/projects';
import { seedVillages } from '../../electron/seed/villages';
import { exportBundle } from '../../electron/sync/export';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { freshCore } from '../helpers/core';
import { craftBundle, townshipLines } from '../helpers/faultBundle';
import { dbDigest, districtKeys, syncedRows, trustDistrict } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';
import { ok } from './floating.helpers';

/**
 * Rows arriving in a bundle pass the same field rules as the forms and the API, from the column
 * declarations of the table registrations. The bundles are validly signed with the township's real
 * key and encrypted to the district's real key, so what refuses them is the row check alone.
 */

/** A township with every register filled through the app's own services (the seeds and the API). */
async function township(): Promise<Core> {
  const town = await freshCore();
  trustDistrict(town);
  const rng = new Rng('row-rules');
  town.db.transaction(() => {
    seedVillages(town, rng, 3, 2026);
    seedCadres(town, rng);
    seedProjects(town, rng, 2026);
    seedFloating(town, rng, 3);
    seedPartyDev(town, rng);
    seedStars(town, rng, 2026);
  })();
  // What the seeds leave out: a village with only the required fields, a member moved away, a
  // contact handed over (the old one gets an end date), a deletion.
  const bare = await ok(town, 'villages.create', { name: '无码村', kind: '其他' });
  await ok(town, 'projects.create', {
    villageId: bare.id, year: 2024, name: '光伏电站', category: '光伏', model: '村集体自营', status: '运营',
    total: '50', fiscal: '40', village: '10', incomes: [{ year: 2024, income: '3.2' }, { year: 2025, income: '4.05' }],
  });
  const member = town.db.prepare("SELECT id, version FROM floating_members WHERE deleted_at IS NULL ORDER BY id LIMIT 1").get() as { id: string; version: number };
  await ok(town, 'floating.assignContact', { memberId: member.id, cadreName: '欧阳·春', cadrePhone: '13900001111', cadreRole: '其他', startDate: '2025-12-01' });
  const after = town.db.prepare('SELECT version FROM floating_members WHERE id = ?').get(member.id) as { version: number };
  await ok(town, 'floating.changeStatus', { id: member.id, version: after.version, status: '组织关系转出', date: '2025-12-20', transferTo: '中共深圳市宝安区某街道委员会', note: '已办理转出' });
  const other = town.db.prepare('SELECT id, version FROM floating_members WHERE deleted_at IS NULL AND id <> ? ORDER BY id LIMIT 1').get(member.id) as { id: string; version: number };
  await ok(town, 'floating.remove', other);
  // The seed records no training or assessment of an activist.
  const activist = town.db.prepare('SELECT id, activist_date AS day FROM dev_people WHERE activist_date IS NOT NULL AND deleted_at IS NULL ORDER BY id LIMIT 1').get() as { id: string; day: string };
  await ok(town, 'development.addAssessment', { personId: activist.id, kind: '培训', date: activist.day, content: '入党积极分子培训班' });
  // A review case with a measure, which the seed makes only now and then.
  const found = await ok(town, 'rectification.create', caseInput(bare.id));
  await ok(town, 'rectification.addMeasure', { caseId: found.id, measure: '提醒谈话', date: '2025-11-01' });
  return town;
}

const importFile = async (district: Core, file: string) => applyStaged(district, await stageBundle(district, file, districtKeys().keys));

describe('every synced row is checked like a form', () => {
  it('passes every row the app itself writes: a township built through the services round-trips', async () => {
    const town = await township();
    for (const t of SYNC_TABLES) {
      const rows = town.db.prepare(`SELECT * FROM ${t.name}`).all() as Record<string, unknown>[];
      expect(rows.length, `${t.name} has rows to check`).toBeGreaterThan(0);
      for (const r of rows) expect(checkSyncRow(t, r), `${t.name} ${JSON.stringify(r)}`).toBeNull();
    }
    // Optional columns are exercised both empty and filled.
    expect(town.db.prepare('SELECT count(*) AS n FROM member_contacts WHERE end_date IS NOT NULL').get()).toEqual({ n: 1 });
    expect(town.db.prepare("SELECT count(*) AS n FROM member_status_history WHERE transfer_to IS NOT NULL").get()).toEqual({ n: 1 });

    const district = await freshCore({ setup: 'district' });
    const { file } = await exportBundle(town, { dir: tempDir() });
    expect(await importFile(district, file)).toMatchObject({ result: 'applied' });
    expect(syncedRows(district)).toEqual(syncedRows(town));
  });
});

describe('domain-invalid values in a validly signed bundle', () => {
  const validId = (first17: string) => first17 + checkChar(first17);
  const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

  it('refuses each one with a Chinese message naming the table, the row and the field; the district is unchanged', async () => {
    const town = await township();
    const district = await freshCore({ setup: 'district' });
    const dir = tempDir();
    const lines = townshipLines(town);

    /** The township's own payload with the first row of `table` edited. */
    const edited = (table: string, edit: (row: Record<string, unknown>) => void) => {
      let at = -1;
      let rowId = '';
      const out = lines.map((l, i) => {
        const item = JSON.parse(l) as { table: string; row: Record<string, unknown> };
        if (at >= 0 || item.table !== table || item.row.deleted_at !== null) return l;
        at = i + 1;
        rowId = item.row.id as string;
        edit(item.row);
        return JSON.stringify(item);
      });
      expect(at, table).toBeGreaterThan(0);
      return { payload: out.join('\n') + '\n', line: at, rowId };
    };

    const cases: { what: string; table: string; label: string; column: string; edit: (r: Record<string, unknown>) => void; why: RegExp }[] = [
      { what: 'bidi override in a name', table: 'villages', label: '村（社区）', column: 'name', edit: (r) => (r.name = '东立\u202E村'), why: /不可见的控制字符/ },
      { what: 'bidi isolate in a member name', table: 'floating_members', label: '流动党员', column: 'name', edit: (r) => (r.name = '王\u2067小明'), why: /不可见的控制字符/ },
      { what: 'birth date that is no date', table: 'cadres', label: '驻村干部', column: 'birth_date', edit: (r) => (r.birth_date = '不是日期'), why: /有效日期/ },
      { what: '1 MB village name', table: 'villages', label: '村（社区）', column: 'name', edit: (r) => (r.name = '村'.repeat(350_000)), why: /不能超过50个字/ },
      { what: 'key_village 7', table: 'villages', label: '村（社区）', column: 'key_village', edit: (r) => (r.key_village = 7), why: /0（否）或 1（是）/ },
      { what: 'a work log on 2026-02-31', table: 'work_logs', label: '驻村日志', column: 'log_date', edit: (r) => (r.log_date = '2026-02-31'), why: /有效日期/ },
      { what: 'bad ID check character', table: 'cadres', label: '驻村干部', column: 'id_number', edit: (r) => (r.id_number = wrongCheck(r.id_number as string)), why: /校验位不正确/ },
      { what: 'ID number not normalized', table: 'floating_members', label: '流动党员', column: 'id_number', edit: (r) => (r.id_number = validId('11010519491231002').toLowerCase()), why: /规范写法/ },
      { what: 'unknown enum value', table: 'cadres', label: '驻村干部', column: 'unit_level', edit: (r) => (r.unit_level = '国家级'), why: /应为以下之一：中直、区直/ },
      { what: 'unknown enum value in projects', table: 'projects', label: '项目', column: 'category', edit: (r) => (r.category = '挖矿'), why: /应为以下之一/ },
      { what: 'negative money', table: 'project_incomes', label: '项目年度收益', column: 'income_fen', edit: (r) => (r.income_fen = -1), why: /不能小于0/ },
      { what: 'year out of range', table: 'cadre_evaluations', label: '季度考评', column: 'year', edit: (r) => (r.year = 1990), why: /不能小于2000/ },
      { what: 'empty required text', table: 'contact_records', label: '联系记录', column: 'content', edit: (r) => (r.content = '   '), why: /不能为空白/ },
      { what: 'not a mobile number', table: 'villages', label: '村（社区）', column: 'secretary_phone', edit: (r) => (r.secretary_phone = '110'), why: /11位手机号码/ },
      { what: 'digits in a person name', table: 'cadre_inspections', label: '督查记录', column: 'inspector', edit: (r) => (r.inspector = 'x'.repeat(31)), why: /不能超过30个字/ },
      // Rules across columns, as the forms keep them.
      { what: 'birth date not that of the ID number', table: 'cadres', label: '驻村干部', column: 'birth_date', edit: (r) => (r.birth_date = '1970-01-01'), why: /与身份证号中的出生日期不一致/ },
      { what: 'sex not that of the ID number', table: 'floating_members', label: '流动党员', column: 'gender', edit: (r) => (r.gender = r.gender === '男' ? '女' : '男'), why: /与身份证号不一致/ },
      { what: 'posting planned to end before it starts', table: 'cadre_postings', label: '驻村经历', column: 'planned_end', edit: (r) => (r.planned_end = '2000-01-01'), why: /不能早于“驻村开始日期”/ },
      { what: 'sources that do not add up', table: 'projects', label: '项目', column: 'total_fen', edit: (r) => (r.total_fen = (r.total_fen as number) + 1), why: /各来源合计/ },
      { what: 'a reference that is no id', table: 'village_years', label: '村年度记录', column: 'village_id', edit: (r) => (r.village_id = '\u0000'), why: /不可见的控制字符/ },
      // The times the write path stamps, as any installation writes them (UTC, ISO 8601).
      { what: 'a formula and a bidi mark as the creation time', table: 'villages', label: '村（社区）', column: 'created_at', edit: (r) => (r.created_at = '\u202E=HYPERLINK("http://x")'), why: /不是有效的时间/ },
      { what: 'a megabyte as the update time', table: 'cadres', label: '驻村干部', column: 'updated_at', edit: (r) => (r.updated_at = '2'.repeat(1_000_000)), why: /不是有效的时间/ },
      { what: 'an empty deletion time', table: 'projects', label: '项目', column: 'deleted_at', edit: (r) => (r.deleted_at = ''), why: /不是有效的时间/ },
      { what: 'a local time without its zone', table: 'work_logs', label: '驻村日志', column: 'created_at', edit: (r) => (r.created_at = '2025-12-01 08:00:00'), why: /不是有效的时间/ },
    ];

    let n = 0;
    for (const c of cases) {
      const { payload, line, rowId } = edited(c.table, c.edit);
      const file = path.join(dir, `bad-${++n}.tlbundle`);
      fs.writeFileSync(file, craftBundle(town, { payload }));
      const before = dbDigest(district);
      const err = await importFile(district, file).then(
        () => null,
        (e: { code?: string; message: string }) => e,
      );
      expect(err, c.what).not.toBeNull();
      expect(err!.code, c.what).toBe('bad_row');
      const msg = err!.message;
      expect(msg, c.what).toContain(`第 ${line} 条`);
      expect(msg, c.what).toContain(`（${c.label}）`);
      expect(msg, c.what).toContain(`记录 ${rowId} 的`);
      expect(msg, c.what).toContain(`（${c.column}）`);
      expect(msg, c.what).toMatch(c.why);
      expect(msg, c.what).toContain('未导入任何数据');
      // A refusal never echoes a huge value back.
      expect(msg.length, c.what).toBeLessThan(600);
      expect(dbDigest(district), c.what).toBe(before);
    }

    // The genuine township's honest bundle is still accepted afterwards.
    const honest = path.join(dir, 'honest.tlbundle');
    fs.writeFileSync(honest, craftBundle(town));
    expect(await importFile(district, honest)).toMatchObject({ result: 'applied' });
    expect(syncedRows(district)).toEqual(syncedRows(town));
  });
});

describe('a refused row through the district import screen', () => {
  it('is recorded in the import history with the reason naming the table, row and field', async () => {
    const district = await freshCore({ setup: 'district' });
    const town = await freshCore();
    await ok(town, 'villages.create', { name: '东立村', kind: '行政村', code: '450311100200' });
    const keys = await ok(district, 'sync.createDistrictKeys', { passphrase: 'yanshan-2026!' });
    const pub = takeDownload(keys.publicKey.downloadId)!;
    await ok(town, 'sync.setDistrictKey', { file: { fileName: 'district.pub', base64: fs.readFileSync(pub.file).toString('base64') } });
    const payload = townshipLines(town).map((l) => l.replace('"东立村"', '"东立\\u202e村"')).join('\n') + '\n';
    expect(payload).toContain('\\u202e');
    const bytes = craftBundle(town, { payload });

    const r = await dispatch(district, 'sync.preview', { file: { fileName: '伪造.tlbundle', base64: bytes.toString('base64') }, passphrase: 'yanshan-2026!' });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_row' } });
    const hist = await ok(district, 'sync.history', {});
    expect(hist.rows).toEqual([
      expect.objectContaining({ result: 'refused', fileName: '伪造.tlbundle', reason: expect.stringMatching(/第 1 条数据（村（社区））不合规：记录 \S+ 的“村（社区）名称”（name）含有不可见的控制字符/) }),
    ]);
    expect(district.db.prepare('SELECT count(*) AS n FROM villages').get()).toEqual({ n: 0 });
  });
});
