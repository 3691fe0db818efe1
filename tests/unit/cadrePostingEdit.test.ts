import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import type { Input, Posting } from '../../electron/api/contract';
import type { ChannelName } from '../../electron/api/channels';
import { currentSeq } from '../../db/sync';
import type { Core } from '../../electron/core';
import { checkChar } from '../../electron/domain/idNumber';
import { createVillage } from '../../electron/services/villages';
import { freshCore } from '../helpers/core';

// freshCore's clock starts on 2026-01-05, so "today" is 2026-01-05.

async function ok<K extends ChannelName>(core: Core, name: K, input: Input<K>) {
  const r = await dispatch(core, name, input);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.value as never;
}

async function refused(core: Core, input: Input<'cadres.updatePosting'>) {
  const seq = currentSeq(core.db);
  const r = await dispatch(core, 'cadres.updatePosting', input);
  expect(r.ok, 'cadres.updatePosting should be refused').toBe(false);
  expect(currentSeq(core.db), 'nothing written').toBe(seq);
  const error = (r as { ok: false; error: { code: string; message: string; fields?: { path: unknown[]; message: string }[] } }).error;
  return { code: error.code, path: error.fields?.[0]?.path, message: error.message };
}

const id17 = (birth: string, order: string) => `450302${birth}${order}`;
const validId = (birth: string, order: string) => id17(birth, order) + checkChar(id17(birth, order));

function village(core: Core, name: string) {
  return createVillage(core, { name, code: null, kind: '行政村', partyOrgName: null, partyOrgType: null, secretary: null, secretaryPhone: null, keyVillage: false, relocation: false, note: null, years: [] }).id;
}

async function cadre(core: Core, name: string, order: string): Promise<string> {
  const input = { name, idNumber: validId('19850314', order), unit: '雁山区农业农村局', unitLevel: '县区直' as const, mobile: '13812345678' };
  return ((await ok(core, 'cadres.create', input)) as { id: string }).id;
}

const post = (core: Core, cadreId: string, villageId: string, role: '第一书记' | '工作队员', startDate: string) =>
  ok(core, 'cadres.post', { cadreId, villageId, role, startDate }) as Promise<Posting>;

/** The edit payload for a posting as it stands, with some fields changed. */
const edit = (p: Posting, change: Partial<Input<'cadres.updatePosting'>> = {}): Input<'cadres.updatePosting'> => ({
  id: p.id,
  version: p.version,
  villageId: p.villageId,
  role: p.role as '第一书记',
  startDate: p.startDate,
  plannedEnd: p.plannedEnd,
  actualEnd: p.actualEnd,
  ...change,
});

const log = (core: Core, cadreId: string, logDate: string) => ok(core, 'cadres.saveLog', { cadreId, logDate, inVillage: true, workKind: '走访农户', content: '走访' });

describe('correcting a posting (cadres.updatePosting)', () => {
  it('corrects village, role and dates of a posting in post, carrying the version, and refuses a stale edit', async () => {
    const core = await freshCore();
    const east = village(core, '东立村');
    const west = village(core, '西山村');
    const li = await cadre(core, '李明', '123');
    const p = await post(core, li, east, '工作队员', '2025-03-01');
    const fixed = (await ok(core, 'cadres.updatePosting', edit(p, { villageId: west, role: '第一书记', startDate: '2025-02-15', plannedEnd: '2027-02-14' }))) as Posting;
    expect(fixed).toMatchObject({ villageName: '西山村', role: '第一书记', startDate: '2025-02-15', plannedEnd: '2027-02-14', inPost: true, version: p.version + 1 });
    const list = (await ok(core, 'cadres.list', { villageId: west, status: '在岗' })) as { rows: { name: string; startDate: string }[] };
    expect(list.rows).toEqual([expect.objectContaining({ name: '李明', startDate: '2025-02-15' })]);
    // The first version again: someone saved in between.
    expect(await refused(core, edit(p, { startDate: '2025-01-01' }))).toMatchObject({ code: 'stale', message: expect.stringContaining('已被修改') });
  });

  it('keeps one first secretary in post per village, naming the field changed', async () => {
    const core = await freshCore();
    const east = village(core, '东立村');
    const west = village(core, '西山村');
    const li = await cadre(core, '李明', '123');
    const wang = await cadre(core, '王刚', '135');
    await post(core, li, east, '第一书记', '2025-01-01');
    const member = await post(core, wang, east, '工作队员', '2025-01-01');
    expect(await refused(core, edit(member, { role: '第一书记' }))).toMatchObject({ path: ['role'], message: expect.stringContaining('已有在岗第一书记（李明）') });
    const elsewhere = (await ok(core, 'cadres.updatePosting', edit(member, { villageId: west, role: '第一书记' }))) as Posting;
    expect(await refused(core, edit(elsewhere, { villageId: east }))).toMatchObject({ path: ['villageId'], message: expect.stringContaining('一个村只能有一名在岗第一书记') });
  });

  it('refuses a new posting that starts before a closed one and so would run over it', async () => {
    const core = await freshCore();
    const east = village(core, '东立村');
    const west = village(core, '西山村');
    const li = await cadre(core, '李明', '123');
    const first = await post(core, li, east, '工作队员', '2025-03-05');
    await ok(core, 'cadres.endPosting', { id: first.id, version: first.version, status: '期满轮换', actualEnd: '2025-06-30' });
    const seq = currentSeq(core.db);
    const r = await dispatch(core, 'cadres.post', { cadreId: li, villageId: west, role: '工作队员', startDate: '2025-01-01' });
    expect(r.ok).toBe(false);
    expect((r as { ok: false; error: { fields?: { path: unknown[]; message: string }[] } }).error.fields?.[0]).toMatchObject({
      path: ['startDate'],
      message: expect.stringContaining('早于该干部2025-03-05开始的另一段驻村经历'),
    });
    expect(currentSeq(core.db), 'nothing written').toBe(seq);
    // After the closed stay it is taken.
    expect(await post(core, li, west, '工作队员', '2025-07-01')).toMatchObject({ startDate: '2025-07-01', inPost: true });
  });

  it('refuses a posting that starts after today (it counted as 在岗 at once), except a successor taking over tomorrow', async () => {
    const core = await freshCore();
    const east = village(core, '东立村');
    const li = await cadre(core, '李明', '123');
    const wang = await cadre(core, '王刚', '135');
    const seq = currentSeq(core.db);
    const early = await dispatch(core, 'cadres.post', { cadreId: li, villageId: east, role: '第一书记', startDate: '2026-01-06' });
    expect(early.ok).toBe(false);
    expect((early as { ok: false; error: { fields?: { path: unknown[]; message: string }[] } }).error.fields?.[0]).toMatchObject({ path: ['startDate'], message: '驻村开始日期不能晚于今天：到村后再办理派驻' });
    expect(currentSeq(core.db), 'nothing written').toBe(seq);
    const p = await post(core, li, east, '第一书记', '2025-06-01');
    expect(await refused(core, edit(p, { startDate: '2026-02-01' }))).toMatchObject({ path: ['startDate'], message: '驻村开始日期不能晚于今天：到村后再办理派驻' });
    // Ended today with a successor: the successor's posting starts tomorrow.
    await ok(core, 'cadres.endPosting', { id: p.id, version: p.version, status: '期满轮换', actualEnd: '2026-01-05', replacedByCadreId: wang });
    const list = (await ok(core, 'cadres.list', { villageId: east, status: '在岗' })) as { rows: { name: string; startDate: string }[] };
    expect(list.rows).toEqual([expect.objectContaining({ name: '王刚', startDate: '2026-01-06' })]);
  });

  it('keeps the cadre\'s 督查, 季度考评 and 年终考核 inside a posting when one is corrected, ended or removed', async () => {
    const core = await freshCore();
    const east = village(core, '东立村');
    const li = await cadre(core, '李明', '123');
    const p = await post(core, li, east, '第一书记', '2025-06-01');
    const inspection = (await ok(core, 'cadres.addInspection', { cadreId: li, inspectDate: '2025-07-10', inspector: '督查组', inPost: true })) as { id: string; version: number };
    await ok(core, 'cadres.saveEvaluation', { cadreId: li, year: 2025, quarter: 3, result: '好' });
    expect(await refused(core, edit(p, { startDate: '2025-08-01' }))).toMatchObject({ path: ['startDate'], message: '该干部2025-07-10的督查记录将不在任何一段驻村期内，请核对日期' });
    const seq = currentSeq(core.db);
    const end = await dispatch(core, 'cadres.endPosting', { id: p.id, version: p.version, status: '期满轮换', actualEnd: '2025-06-30' });
    expect(end).toMatchObject({ ok: false, error: { fields: [{ path: ['actualEnd'], message: '该干部2025-07-10的督查记录将不在任何一段驻村期内，请核对日期' }] } });
    const removed = await dispatch(core, 'cadres.removePosting', { id: p.id, version: p.version });
    expect(removed).toMatchObject({ ok: false, error: { message: '该干部2025-07-10的督查记录将不在任何一段驻村期内，请核对日期；如确属误录，请先删除该记录' } });
    expect(currentSeq(core.db), 'nothing written').toBe(seq);
    // Without the 督查, the quarter still holds the start at 2025-09-30 and refuses 2025-10-01.
    await ok(core, 'cadres.removeInspection', { id: inspection.id, version: inspection.version });
    const now = ((await ok(core, 'cadres.ledger', { id: li })) as { postings: Posting[] }).postings[0]!;
    expect(await refused(core, edit(now, { startDate: '2025-10-01' }))).toMatchObject({ path: ['startDate'], message: '该干部2025年第3季度的季度考评将不在任何一段驻村期内，请核对日期' });
    expect(await ok(core, 'cadres.updatePosting', edit(now, { startDate: '2025-09-30' }))).toMatchObject({ startDate: '2025-09-30' });
  });

  it('keeps one posting at a time per person: dates may not overlap another posting', async () => {
    const core = await freshCore();
    const east = village(core, '东立村');
    const west = village(core, '西山村');
    const li = await cadre(core, '李明', '123');
    const first = await post(core, li, east, '工作队员', '2024-01-01');
    const ended = (await ok(core, 'cadres.endPosting', { id: first.id, version: first.version, status: '期满轮换', actualEnd: '2024-12-31' })) as Posting;
    const now = await post(core, li, west, '工作队员', '2025-01-01');
    expect(await refused(core, edit(now, { startDate: '2024-12-31' }))).toMatchObject({ path: ['startDate'], message: expect.stringContaining('2024-01-01开始的另一段驻村经历重叠') });
    expect(await refused(core, edit(ended, { actualEnd: '2025-01-01' }))).toMatchObject({ path: ['actualEnd'], message: expect.stringContaining('重叠') });
    expect(await refused(core, edit(ended, { actualEnd: null }))).toMatchObject({ path: ['actualEnd'], message: '已离岗的驻村经历须填写实际结束日期' });
    expect(await refused(core, edit(now, { actualEnd: '2025-12-31' }))).toMatchObject({ path: ['actualEnd'], message: expect.stringContaining('办理离岗') });
    expect(await refused(core, edit(ended, { actualEnd: '2026-01-06', startDate: '2026-01-01' }))).toMatchObject({ path: ['actualEnd'], message: '实际结束日期不能晚于今天' });
    expect(await refused(core, edit(now, { plannedEnd: '2024-12-31' }))).toMatchObject({ path: ['plannedEnd'] });
    const shorter = (await ok(core, 'cadres.updatePosting', edit(ended, { startDate: '2024-02-01', actualEnd: '2024-11-30' }))) as Posting;
    expect(shorter).toMatchObject({ startDate: '2024-02-01', actualEnd: '2024-11-30', status: '期满轮换', inPost: false });
  });

  it('refuses dates or a village that would leave existing work logs outside the posting', async () => {
    const core = await freshCore();
    const east = village(core, '东立村');
    const west = village(core, '西山村');
    const li = await cadre(core, '李明', '123');
    const first = await post(core, li, east, '工作队员', '2025-01-01');
    await log(core, li, '2025-01-10');
    await log(core, li, '2025-06-20');
    const ended = (await ok(core, 'cadres.endPosting', { id: first.id, version: first.version, status: '期满轮换', actualEnd: '2025-06-30' })) as Posting;
    expect(await refused(core, edit(ended, { startDate: '2025-01-11' }))).toMatchObject({
      path: ['startDate'],
      message: '驻村开始日期之前还有1条本段驻村日志，日志须在驻村期间内，请核对日期',
    });
    expect(await refused(core, edit(ended, { actualEnd: '2025-06-19' }))).toMatchObject({ path: ['actualEnd'], message: expect.stringContaining('实际结束日期之后还有1条') });
    expect(await refused(core, edit(ended, { villageId: west }))).toMatchObject({ path: ['villageId'], message: expect.stringContaining('已有2条驻村日志') });
    // Up to the logs themselves, and wider, is fine; the logs still show in the ledger.
    await ok(core, 'cadres.updatePosting', edit(ended, { startDate: '2024-12-01', actualEnd: '2025-06-20', role: '第一书记' }));
    const ledger = (await ok(core, 'cadres.ledger', { id: li })) as { postings: Posting[]; logs: unknown[] };
    expect(ledger.postings[0]).toMatchObject({ startDate: '2024-12-01', actualEnd: '2025-06-20', role: '第一书记', villageName: '东立村' });
    expect(ledger.logs).toHaveLength(2);
  });
});
