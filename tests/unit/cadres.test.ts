import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import type { Input } from '../../electron/api/contract';
import type { ChannelName } from '../../electron/api/channels';
import { currentSeq } from '../../db/sync';
import type { Core } from '../../electron/core';
import { addDays } from '../../electron/domain/dates';
import { checkChar } from '../../electron/domain/idNumber';
import { attendanceBar, postedDays, requiredDays } from '../../electron/domain/cadres';
import { createVillage } from '../../electron/services/villages';
import { freshCore } from '../helpers/core';

// freshCore's clock starts on 2026-01-05, so "today" is 2026-01-05.

async function ok<K extends ChannelName>(core: Core, name: K, input: Input<K>) {
  const r = await dispatch(core, name, input);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.value as never;
}

async function refused<K extends ChannelName>(core: Core, name: K, input: Input<K>) {
  const seq = currentSeq(core.db);
  const r = await dispatch(core, name, input);
  expect(r.ok, `${name} should be refused`).toBe(false);
  expect(currentSeq(core.db), 'nothing written').toBe(seq);
  return (r as { ok: false; error: { code: string; message: string; fields?: { path: unknown[]; message: string }[] } }).error;
}

const id17 = (birth: string, order: string) => `450302${birth}${order}`;
const validId = (birth = '19850314', order = '123') => id17(birth, order) + checkChar(id17(birth, order));

function village(core: Core, name: string) {
  return createVillage(core, { name, code: null, kind: '行政村', partyOrgName: null, partyOrgType: null, secretary: null, secretaryPhone: null, keyVillage: false, relocation: false, note: null, years: [] }).id;
}

const person = (name: string, idNumber: string) => ({ name, idNumber, unit: '雁山区农业农村局', unitLevel: '县区直' as const, mobile: '13812345678' });

async function cadre(core: Core, name: string, idNumber = validId()): Promise<string> {
  return ((await ok(core, 'cadres.create', person(name, idNumber))) as { id: string }).id;
}

describe('cadre profile', () => {
  it('derives birth date and gender from the ID number, and masks it in every answer (full only via cadres.revealId)', async () => {
    const core = await freshCore();
    const man = validId('19850314', '123'); // 17th digit 3: odd, male
    const woman = validId('19920229', '124'); // leap day, 17th digit 4: even, female
    // A typed birth date is not accepted: it is derived only.
    const typed = await refused(core, 'cadres.create', { ...person('李明', man), birthDate: '2000-01-01' } as never);
    expect(typed.message).toContain('不允许的字段：birthDate');
    const m = (await ok(core, 'cadres.create', person('李明', man))) as { birthDate: string; gender: string; idNumber: string };
    expect(m).toMatchObject({ birthDate: '1985-03-14', gender: '男', idNumber: `450302********${man.slice(-4)}` });
    const w = (await ok(core, 'cadres.create', person('王芳', ` ${woman.slice(0, 6)} ${woman.slice(6)} `))) as { birthDate: string; gender: string };
    expect(w).toMatchObject({ birthDate: '1992-02-29', gender: '女' });
    const list = (await ok(core, 'cadres.list', { sort: 'name' })) as { rows: { name: string; idNumber: string; mobile: string }[]; total: number };
    expect(list.total).toBe(2);
    expect(list.rows.find((r) => r.name === '李明')).toMatchObject({ idNumber: `450302********${man.slice(-4)}`, mobile: '138****5678' });
  });

  it('refuses a wrong check digit, a duplicate ID and a bad mobile, naming the field, writing nothing', async () => {
    const core = await freshCore();
    const good = validId();
    const wrong = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const e1 = await refused(core, 'cadres.create', person('李明', wrong));
    expect(e1.fields).toContainEqual({ path: ['idNumber'], message: '身份证号校验位不正确，请逐位核对' });
    await cadre(core, '李明', good);
    const e2 = await refused(core, 'cadres.create', person('李明二', good));
    expect(e2.fields?.[0]).toMatchObject({ path: ['idNumber'] });
    const e3 = await refused(core, 'cadres.create', { ...person('张三', validId('19700101', '001')), mobile: '1381234' });
    expect(e3.fields).toContainEqual({ path: ['mobile'], message: '手机号码应为11位手机号码' });
  });

  it('editing the ID number re-derives birth date and gender; a stale version is refused', async () => {
    const core = await freshCore();
    const id = await cadre(core, '李明');
    const v1 = (await ok(core, 'cadres.get', { id })) as { version: number };
    const edited = (await ok(core, 'cadres.update', { id, version: v1.version, ...person('李明', validId('19900707', '246')) })) as { birthDate: string; gender: string; version: number };
    expect(edited).toMatchObject({ birthDate: '1990-07-07', gender: '女', version: 2 });
    const stale = await refused(core, 'cadres.update', { id, version: 1, ...person('李明', validId()) });
    expect(stale.code).toBe('stale');
  });

  it('removing a cadre tombstones their postings, logs and reviews too', async () => {
    const core = await freshCore();
    const east = village(core, '东立村');
    const id = await cadre(core, '李明');
    await ok(core, 'cadres.post', { cadreId: id, villageId: east, role: '第一书记', startDate: '2025-12-01' });
    await ok(core, 'cadres.saveLog', { cadreId: id, logDate: '2025-12-02', inVillage: true, workKind: '走访农户' });
    await ok(core, 'cadres.saveAssessment', { cadreId: id, year: 2025, result: '称职' });
    await ok(core, 'cadres.remove', { id, version: 1 });
    for (const t of ['cadres', 'cadre_postings', 'work_logs', 'cadre_assessments']) {
      expect(core.db.prepare(`SELECT count(*) AS n FROM ${t} WHERE deleted_at IS NULL`).get(), t).toEqual({ n: 0 });
    }
    // The village is free for a new first secretary.
    const next = await cadre(core, '王芳', validId('19900101', '222'));
    await ok(core, 'cadres.post', { cadreId: next, villageId: east, role: '第一书记', startDate: '2025-12-10' });
  });

  it('finds cadres by name, unit, phone, ID prefix and the last digits of the ID', async () => {
    const core = await freshCore();
    const id = validId('19800101', '555');
    await cadre(core, '李明', id);
    await cadre(core, '王芳', validId('19900101', '222'));
    const find = async (search: string) => ((await ok(core, 'cadres.list', { search })) as { total: number }).total;
    expect(await find('李')).toBe(1);
    expect(await find('农业农村局')).toBe(2);
    expect(await find(id.slice(0, 10))).toBe(1);
    expect(await find(id.slice(-4))).toBe(1);
    expect(await find('999999')).toBe(0);
  });
});

describe('posting rules', () => {
  it('one first secretary in post per village; one posting in post per person; history kept when rotating', async () => {
    const core = await freshCore();
    const east = village(core, '东立村');
    const west = village(core, '西山村');
    const li = await cadre(core, '李明');
    const wang = await cadre(core, '王芳', validId('19900101', '222'));
    const p1 = (await ok(core, 'cadres.post', { cadreId: li, villageId: east, role: '第一书记', startDate: '2024-03-01', plannedEnd: '2026-02-28' })) as { id: string; version: number };

    const e1 = await refused(core, 'cadres.post', { cadreId: wang, villageId: east, role: '第一书记', startDate: '2025-01-01' });
    expect(e1.fields?.[0]).toMatchObject({ path: ['role'] });
    expect(e1.message).toContain('已有在岗第一书记（李明）');
    const e2 = await refused(core, 'cadres.post', { cadreId: li, villageId: west, role: '工作队员', startDate: '2025-01-01' });
    expect(e2.fields?.[0]).toMatchObject({ path: ['cadreId'] });
    // A team member may join the same village.
    await ok(core, 'cadres.post', { cadreId: wang, villageId: east, role: '工作队员', startDate: '2025-01-01' });

    // Recall needs a reason; rotating out frees the village for a new first secretary.
    const e3 = await refused(core, 'cadres.endPosting', { id: p1.id, version: p1.version, status: '召回调整', actualEnd: '2025-06-30' });
    expect(e3.fields?.[0]).toMatchObject({ path: ['reason'] });
    await ok(core, 'cadres.endPosting', { id: p1.id, version: p1.version, status: '期满轮换', actualEnd: '2025-06-30' });
    const e4 = await refused(core, 'cadres.post', { cadreId: li, villageId: west, role: '第一书记', startDate: '2025-06-30' });
    expect(e4.fields?.[0]).toMatchObject({ path: ['startDate'] });
    await ok(core, 'cadres.post', { cadreId: li, villageId: west, role: '第一书记', startDate: '2025-07-01' });
    const ledger = (await ok(core, 'cadres.ledger', { id: li })) as { postings: { villageName: string; status: string; inPost: boolean }[] };
    expect(ledger.postings.map((p) => [p.villageName, p.status, p.inPost])).toEqual([
      ['西山村', '在岗', true],
      ['东立村', '期满轮换', false],
    ]);
  });

  it('a recall with a replacement posts the replacement to the same village and role from the next day', async () => {
    const core = await freshCore();
    const east = village(core, '东立村');
    const li = await cadre(core, '李明');
    const zhao = await cadre(core, '赵强', validId('19880808', '317'));
    const p = (await ok(core, 'cadres.post', { cadreId: li, villageId: east, role: '第一书记', startDate: '2024-03-01', plannedEnd: '2026-02-28' })) as { id: string; version: number };
    const closed = (await ok(core, 'cadres.endPosting', { id: p.id, version: p.version, status: '召回调整', actualEnd: '2025-09-30', reason: '工作调动', replacedByCadreId: zhao })) as { replacedByName: string };
    expect(closed.replacedByName).toBe('赵强');
    const list = (await ok(core, 'cadres.list', { villageId: east, status: '在岗' })) as { rows: { name: string; role: string; startDate: string }[] };
    expect(list.rows).toEqual([expect.objectContaining({ name: '赵强', role: '第一书记', startDate: '2025-10-01' })]);
  });

  it('counts for the district report: sent (and young), rotated, adjusted, found absent, and the ratings', async () => {
    const core = await freshCore();
    const east = village(core, '东立村');
    const west = village(core, '西山村');
    const li = await cadre(core, '李明'); // born 1985
    const young = await cadre(core, '赵强', validId('19950808', '317'));
    const p = (await ok(core, 'cadres.post', { cadreId: li, villageId: east, role: '第一书记', startDate: '2024-03-01' })) as { id: string; version: number };
    await ok(core, 'cadres.post', { cadreId: young, villageId: west, role: '工作队员', startDate: '2025-03-01' });
    await ok(core, 'cadres.endPosting', { id: p.id, version: p.version, status: '召回调整', actualEnd: '2025-05-31', reason: '身体原因' });
    await ok(core, 'cadres.addInspection', { cadreId: young, inspectDate: '2025-04-02', inspector: '王督查', inPost: false });
    await ok(core, 'cadres.addInspection', { cadreId: young, inspectDate: '2025-09-02', inspector: '王督查', inPost: true });
    await ok(core, 'cadres.saveEvaluation', { cadreId: young, year: 2025, quarter: 2, result: '较好' });
    await ok(core, 'cadres.saveEvaluation', { cadreId: young, year: 2025, quarter: 3, result: '好' });
    await ok(core, 'cadres.saveAssessment', { cadreId: young, year: 2025, result: '称职' });
    const half = await ok(core, 'cadres.summary', { from: '2025-01-01', to: '2025-06-30' });
    expect(half).toEqual({
      inPostByRole: { 工作队员: 1 },
      sentByRole: { 工作队员: 1 },
      youngSent: 1,
      rotated: 0,
      adjusted: 1,
      inspections: 1,
      foundAbsent: 1,
      evaluations: { 较好: 1 },
      assessments: { 称职: 1 },
    });
  });

  it('the database itself refuses a second open posting, even past the service', async () => {
    const core = await freshCore();
    const east = village(core, '东立村');
    const li = await cadre(core, '李明');
    await ok(core, 'cadres.post', { cadreId: li, villageId: east, role: '工作队员', startDate: '2024-03-01' });
    const raw = core.db.prepare(
      `INSERT INTO cadre_postings (id, created_at, updated_at, seq, version, origin, cadre_id, village_id, role, start_date, status)
       VALUES ('x', 'a', 'a', 99999, 1, 'o', ?, ?, '工作队员', '2025-01-01', '在岗')`,
    );
    expect(() => raw.run(li, east)).toThrow(/UNIQUE/);
  });
});

describe('work logs and attendance', () => {
  async function posted(core: Core) {
    const east = village(core, '东立村');
    const li = await cadre(core, '李明');
    await ok(core, 'cadres.post', { cadreId: li, villageId: east, role: '第一书记', startDate: '2025-12-01' });
    return li;
  }
  const entry = (cadreId: string, logDate: string, inVillage = true) =>
    ({ cadreId, logDate, inVillage, workKind: '走访农户' as const, households: 3, content: '走访脱贫户' });

  it('counts distinct in-village days per calendar month; a week across the month boundary splits', async () => {
    const core = await freshCore();
    const li = await posted(core);
    // 2025-12-29 .. 2026-01-04: three December days, four January days, one of them away.
    for (let i = 0; i < 7; i++) {
      const day = addDays('2025-12-29', i);
      await ok(core, 'cadres.saveLog', entry(li, day, day !== '2026-01-02'));
    }
    const ledger = (await ok(core, 'cadres.ledger', { id: li })) as { attendance: { month: string; inVillage: number; logged: number; belowThreshold: boolean }[] };
    expect(ledger.attendance).toEqual([
      { month: '2025-12', inVillage: 3, logged: 3, required: 20, belowThreshold: true },
      // Today is 2026-01-05: 26 days are left to reach 20, so January is not flagged yet.
      { month: '2026-01', inVillage: 3, logged: 4, required: 20, belowThreshold: false },
    ]);
    const list = (await ok(core, 'cadres.list', { month: '2025-12' })) as { rows: { monthDays: number; belowThreshold: boolean }[]; threshold: number };
    expect(list.threshold).toBe(20);
    expect(list.rows[0]).toMatchObject({ monthDays: 3, belowThreshold: true });
    const below = (await ok(core, 'cadres.list', { month: '2025-12', belowOnly: true })) as { total: number };
    expect(below.total).toBe(1);
    // Lowering the threshold changes what is flagged.
    await ok(core, 'settings.update', { attendanceThresholdDays: 3 });
    expect(((await ok(core, 'cadres.list', { month: '2025-12', belowOnly: true })) as { total: number }).total).toBe(0);
  });

  it('lists nobody as 低于标准 early in the current month, and the cadre once the days left cannot make up the bar', async () => {
    // The test clock reads 2026-01-05: 26 days of January are left.
    const core = await freshCore();
    await posted(core);
    const list = async (q: Input<'cadres.list'>) => (await ok(core, 'cadres.list', q)) as { total: number; rows: { belowThreshold: boolean }[] };
    expect((await list({ month: '2026-01' })).rows[0]!.belowThreshold).toBe(false);
    expect(await list({ month: '2026-01', belowOnly: true })).toMatchObject({ total: 0, rows: [] });
    await ok(core, 'settings.update', { attendanceThresholdDays: 28 });
    expect((await list({ month: '2026-01' })).rows[0]!.belowThreshold).toBe(true);
    expect((await list({ month: '2026-01', belowOnly: true })).total).toBe(1);
  });

  it('prorates the threshold to the days posted, and judges the current month only once it cannot be made up', () => {
    expect(requiredDays('2025-12', 20, 31)).toBe(20);
    expect(requiredDays('2025-12', 20, 11)).toBe(7); // posted on the 21st: 20 x 11/31 = 7.1
    expect(requiredDays('2026-02', 20, 14)).toBe(10);
    expect(postedDays('2025-12', [{ startDate: '2025-12-21', actualEnd: null }])).toBe(11);
    expect(postedDays('2026-01', [{ startDate: '2025-06-01', actualEnd: '2026-01-10' }, { startDate: '2026-01-20', actualEnd: null }])).toBe(22);
    expect(attendanceBar('2025-12', '2026-01-05', 20)).toBe(20);
    expect(attendanceBar('2026-01', '2026-01-05', 20)).toBe(0);
    expect(attendanceBar('2026-01', '2026-01-25', 20)).toBe(14); // 6 days left
    expect(attendanceBar('2026-02', '2026-01-25', 20)).toBe(0);
  });

  it('a cadre posted mid-month is judged on the days posted, in the ledger and in the list filter alike', async () => {
    const core = await freshCore();
    const east = village(core, '东立村');
    const li = await cadre(core, '李明');
    await ok(core, 'cadres.post', { cadreId: li, villageId: east, role: '第一书记', startDate: '2025-12-21' });
    for (let i = 0; i < 7; i++) await ok(core, 'cadres.saveLog', entry(li, addDays('2025-12-21', i)));
    const ledger = (await ok(core, 'cadres.ledger', { id: li })) as { attendance: { month: string; required: number; belowThreshold: boolean }[] };
    expect(ledger.attendance[0]).toMatchObject({ month: '2025-12', required: 7, belowThreshold: false });
    const list = async (q: Input<'cadres.list'>) => (await ok(core, 'cadres.list', q)) as { total: number; rows: { belowThreshold: boolean }[] };
    expect((await list({ month: '2025-12' })).rows[0]!.belowThreshold).toBe(false);
    expect((await list({ month: '2025-12', belowOnly: true })).total).toBe(0);
    // One day fewer falls short, in both places.
    const log = (core.db.prepare("SELECT id, version FROM work_logs WHERE log_date = '2025-12-27'").get()) as { id: string; version: number };
    await ok(core, 'cadres.removeLog', log);
    expect((await list({ month: '2025-12' })).rows[0]!.belowThreshold).toBe(true);
    expect((await list({ month: '2025-12', belowOnly: true })).total).toBe(1);
  });

  it('filters the list by village, role and status (未派驻 for cadres never posted)', async () => {
    const core = await freshCore();
    const li = await posted(core);
    await cadre(core, '王芳', validId('19900101', '222'));
    const total = async (q: Input<'cadres.list'>) => ((await ok(core, 'cadres.list', q)) as { total: number; rows: { id: string }[] });
    const east = (core.db.prepare("SELECT id FROM villages WHERE name = '东立村'").get() as { id: string }).id;
    expect((await total({ villageId: east })).rows.map((r) => r.id)).toEqual([li]);
    expect((await total({ role: '第一书记', status: '在岗' })).total).toBe(1);
    expect((await total({ role: '工作队员' })).total).toBe(0);
    expect((await total({ status: '未派驻' })).total).toBe(1);
    expect((await total({ sort: 'village', order: 'asc' })).rows[0]!.id).toBe(li);
  });

  it('one entry per day; days outside the posting or in the future are refused; defaults come from the previous entry', async () => {
    const core = await freshCore();
    const li = await posted(core);
    await ok(core, 'cadres.saveLog', { ...entry(li, '2025-12-10'), workKind: '项目推进', households: 0, problems: '道路未硬化' });
    const dup = await refused(core, 'cadres.saveLog', entry(li, '2025-12-10'));
    expect(dup.fields?.[0]).toMatchObject({ path: ['logDate'] });
    expect((await refused(core, 'cadres.saveLog', entry(li, '2025-11-30'))).fields?.[0]?.path).toEqual(['logDate']);
    expect((await refused(core, 'cadres.saveLog', entry(li, '2026-01-06'))).fields?.[0]?.path).toEqual(['logDate']);
    const day = (await ok(core, 'cadres.logDay', { cadreId: li, date: '2025-12-11' })) as { log: unknown; defaults: { workKind: string; problems: string }; posting: { villageName: string }; lastDate: string };
    expect(day.log).toBeNull();
    expect(day.defaults).toMatchObject({ workKind: '项目推进', problems: '道路未硬化' });
    expect(day.posting.villageName).toBe('东立村');
    expect(day.lastDate).toBe('2025-12-10');
  });

  it('ending a posting before existing logs is refused', async () => {
    const core = await freshCore();
    const li = await posted(core);
    await ok(core, 'cadres.saveLog', entry(li, '2025-12-20'));
    const p = ((await ok(core, 'cadres.ledger', { id: li })) as { postings: { id: string; version: number }[] }).postings[0]!;
    const e = await refused(core, 'cadres.endPosting', { id: p.id, version: p.version, status: '期满轮换', actualEnd: '2025-12-15' });
    expect(e.fields?.[0]).toMatchObject({ path: ['actualEnd'] });
  });
});

describe('reviews and the ledger workbook', () => {
  it('one evaluation per quarter (saving again replaces it), no future quarters, and the ledger exports', async () => {
    const core = await freshCore();
    const li = await cadre(core, '李明');
    // Rated only for time served: before the first posting there is nothing to inspect or rate.
    const early = await refused(core, 'cadres.saveEvaluation', { cadreId: li, year: 2025, quarter: 4, result: '好' });
    expect(early.fields?.[0]).toMatchObject({ path: ['quarter'], message: '李明2025年第4季度不在驻村期内（尚未派驻），不能考评' });
    await ok(core, 'cadres.post', { cadreId: li, villageId: village(core, '东立村'), role: '第一书记', startDate: '2025-08-01' });
    expect((await refused(core, 'cadres.saveEvaluation', { cadreId: li, year: 2025, quarter: 2, result: '好' })).fields?.[0]?.path).toEqual(['quarter']);
    expect((await refused(core, 'cadres.saveAssessment', { cadreId: li, year: 2024, result: '称职' })).fields?.[0]).toMatchObject({ path: ['year'], message: '李明2024年度不在驻村期内（驻村时间：2025-08-01起），不能考核' });
    expect((await refused(core, 'cadres.addInspection', { cadreId: li, inspectDate: '2025-07-31', inspector: '王督查', inPost: false })).fields?.[0]?.path).toEqual(['inspectDate']);
    // A quarter served in part (from 2025-08-01) is rated.
    await ok(core, 'cadres.saveEvaluation', { cadreId: li, year: 2025, quarter: 3, result: '好' });
    await ok(core, 'cadres.saveEvaluation', { cadreId: li, year: 2025, quarter: 4, result: '较好', evaluator: '组织委员' });
    await ok(core, 'cadres.saveEvaluation', { cadreId: li, year: 2025, quarter: 4, result: '好', evaluator: '组织委员' });
    expect((await refused(core, 'cadres.saveEvaluation', { cadreId: li, year: 2026, quarter: 2, result: '好' })).fields?.[0]?.path).toEqual(['quarter']);
    await ok(core, 'cadres.saveAssessment', { cadreId: li, year: 2025, result: '优秀' });
    await ok(core, 'cadres.addInspection', { cadreId: li, inspectDate: '2025-12-03', inspector: '王督查', inPost: false, notes: '电话未接' });
    const ledger = (await ok(core, 'cadres.ledger', { id: li })) as { evaluations: { result: string }[] };
    expect(ledger.evaluations.map((e) => e.result)).toEqual(['好', '好']);
    const { readWorkbook, sheetRows } = await import('../helpers/xlsx');
    const file = (await ok(core, 'cadres.exportLedger', { id: li })) as { base64: string; fileName: string };
    expect(file.fileName).toBe('驻村干部台账_李明.xlsx');
    const wb = await readWorkbook(file.base64);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['基本信息', '驻村经历', '驻村日志', '月度在村天数', '督查考评']);
    expect(sheetRows(wb.getWorksheet('基本信息')!)).toContainEqual(['身份证号', validId()]);
    const reviews = sheetRows(wb.getWorksheet('督查考评')!);
    expect(reviews).toContainEqual([1, '督查', '2025-12-03', '不在岗', '王督查', '电话未接']);
    expect(reviews).toContainEqual([2, '季度考评', '2025年第4季度', '好', '组织委员']);
  });

  it('district installations only read', async () => {
    const core = await freshCore({ setup: 'district' });
    const e = await refused(core, 'cadres.create', person('李明', validId()));
    expect(e.code).toBe('read_only');
  });
});
