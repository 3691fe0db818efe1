import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Input } from '../../electron/api/contract';
import { openCore, type Core } from '../../electron/core';
import { alertsOf, deadlines, orderProblems, ruleBreaches, type DevSteps, type RuleVersion } from '../../electron/domain/partyDev';
import { completeSetup } from '../../electron/services/setup';
import { ruleVersions } from '../../db/partyDev';
import { counterIds } from '../helpers/core';
import { trustDistrict } from '../helpers/sync';
import { craftBundle, townshipLines } from '../helpers/faultBundle';
import { district, exported, imported, refusedAtPreview, township, writeBundle } from '../helpers/trust';
import { tempDir } from '../helpers/tmp';
import { ok, validId } from './floating.helpers';

/**
 * 发展党员 (issue 15): the time rules' deadlines at their boundaries, rules changed from a date,
 * the report's figures on a township built through the services, and a hostile bundle.
 */

const open: Core[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

/** A township whose clock reads the day set (08:00 UTC, one millisecond more per reading). */
async function townAt(day: string, code = '450311100', name = '雁山镇'): Promise<{ core: Core; setDay: (d: string) => void }> {
  let base = Date.parse(`${day}T08:00:00.000Z`);
  let tick = 0;
  const core = await openCore(path.join(tempDir(), 'dev.db'), { now: () => new Date(base + ++tick), newId: code === '450311100' ? counterIds() : undefined });
  open.push(core);
  completeSetup(core, { role: 'township', code, name, operator: '张三', importVillages: [] });
  return { core, setDay: (d) => (base = Date.parse(`${d}T08:00:00.000Z`)) };
}

const NONE: DevSteps = {
  application_date: '2025-01-01', talk_date: null, activist_date: null, candidate_date: null, publicity_start: null, publicity_end: null,
  accept_date: null, approval_date: null, extension_date: null, extension_months: null, full_approval_date: null, exit_date: null,
};

async function defaults(): Promise<RuleVersion[]> {
  const { core } = await townAt('2026-01-05');
  return ruleVersions(core.db);
}

describe('the 2014 defaults, labelled as such', () => {
  it('holds every rule once from 2014 with its source', async () => {
    const rules = await defaults();
    expect(Object.fromEntries(rules.map((r) => [r.key, r.value]))).toEqual({
      talk_months: 1, activist_months: 12, publicity_workdays: 5, approval_months: 3, approval_max_months: 6, probation_months: 12, extension_min_months: 6, extension_max_months: 12,
    });
    for (const r of rules) expect(r.source).toMatch(/默认值/);
    expect(rules.filter((r) => r.key === 'talk_months')[0]!.source).toBe('《中国共产党发展党员工作细则》（2014年）（默认值）');
  });
});

describe('each rule at its boundaries (the day before, the day, the day after)', () => {
  it('talk within 1 month of the application: a 31st counts to the end of a shorter month', async () => {
    const rules = await defaults();
    const s = { ...NONE, application_date: '2026-01-31' };
    expect(deadlines(s, rules).talkDue).toBe('2026-02-28');
    expect(alertsOf(s, rules, '2026-02-27')).toEqual([]);
    expect(alertsOf(s, rules, '2026-02-28')).toEqual([]);
    expect(alertsOf(s, rules, '2026-03-01')).toEqual(['talk_overdue']);
    expect(alertsOf({ ...s, talk_date: '2026-03-01' }, rules, '2026-03-01')).toEqual([]);
    expect(ruleBreaches({ ...s, talk_date: '2026-02-28' }, rules)).toEqual([]);
    expect(ruleBreaches({ ...s, talk_date: '2026-03-01' }, rules)).toEqual(['谈话晚于期限（应在2026-02-28前）']);
  });

  it('at least 1 year as activist before 发展对象: eligible from the anniversary', async () => {
    const rules = await defaults();
    const s = { ...NONE, application_date: '2025-02-01', talk_date: '2025-02-10', activist_date: '2025-03-15' };
    expect(deadlines(s, rules).candidateFrom).toBe('2026-03-15');
    expect(alertsOf(s, rules, '2026-03-14')).toEqual([]);
    expect(alertsOf(s, rules, '2026-03-15')).toEqual(['eligible']);
    expect(alertsOf(s, rules, '2026-03-16')).toEqual(['eligible']);
    expect(ruleBreaches({ ...s, candidate_date: '2026-03-14' }, rules)).toEqual(['培养考察不足规定时间即确定为发展对象（应在2026-03-15及以后）']);
    expect(ruleBreaches({ ...s, candidate_date: '2026-03-15' }, rules)).toEqual([]);
    expect(alertsOf({ ...s, candidate_date: '2026-03-15' }, rules, '2026-03-16')).toEqual([]);
  });

  it('公示 of at least 5 working days: weekends do not count', async () => {
    const rules = await defaults();
    // 2026-01-08 is a Thursday: Thu, Fri, Mon, Tue, Wed.
    const s = { ...NONE, publicity_start: '2026-01-08' };
    expect(deadlines(s, rules).publicityDue).toBe('2026-01-14');
    expect(ruleBreaches({ ...s, publicity_end: '2026-01-13' }, rules)).toEqual(['公示不足规定工作日（应至2026-01-14）']);
    expect(ruleBreaches({ ...s, publicity_end: '2026-01-14' }, rules)).toEqual([]);
    expect(ruleBreaches({ ...s, publicity_end: '2026-01-15' }, rules)).toEqual([]);
  });

  it('township approval within 3 months (alert), at most 6 (breach)', async () => {
    const rules = await defaults();
    const s = { ...NONE, application_date: '2024-01-01', talk_date: '2024-01-05', activist_date: '2024-02-01', candidate_date: '2025-03-01', accept_date: '2026-01-10' };
    expect(deadlines(s, rules)).toMatchObject({ approvalDue: '2026-04-10', approvalMax: '2026-07-10' });
    expect(alertsOf(s, rules, '2026-04-09')).toEqual([]);
    expect(alertsOf(s, rules, '2026-04-10')).toEqual([]);
    expect(alertsOf(s, rules, '2026-04-11')).toEqual(['approval_overdue']);
    expect(ruleBreaches({ ...s, approval_date: '2026-07-10' }, rules)).toEqual([]);
    expect(ruleBreaches({ ...s, approval_date: '2026-07-11' }, rules)).toEqual(['审批超过最长期限（2026-07-10）']);
  });

  it('probation of 1 year from the 支部大会: alert 30 days before its end; extended once by 6 to 12 months', async () => {
    const rules = await defaults();
    const s = { ...NONE, application_date: '2023-01-01', talk_date: '2023-01-05', activist_date: '2023-02-01', candidate_date: '2024-03-01', accept_date: '2025-02-10', approval_date: '2025-03-01' };
    expect(deadlines(s, rules).probationEnd).toBe('2026-02-10');
    expect(alertsOf(s, rules, '2026-01-10')).toEqual([]);
    expect(alertsOf(s, rules, '2026-01-11')).toEqual(['probation_ending']);
    expect(alertsOf(s, rules, '2026-01-12')).toEqual(['probation_ending']);
    const extended = { ...s, extension_date: '2026-02-01', extension_months: 6 };
    expect(deadlines(extended, rules).probationEnd).toBe('2026-08-10');
    expect(alertsOf(extended, rules, '2026-02-01')).toEqual([]);
    expect(alertsOf(extended, rules, '2026-07-11')).toEqual(['probation_ending']);
    expect(orderProblems(extended, rules)).toEqual([]);
    expect(orderProblems({ ...extended, extension_months: 12 }, rules)).toEqual([]);
    expect(orderProblems({ ...extended, extension_months: 5 }, rules)).toEqual(['延长预备期应为6至12个月（只能延长一次）']);
    expect(orderProblems({ ...extended, extension_months: 13 }, rules)).toEqual(['延长预备期应为6至12个月（只能延长一次）']);
    expect(alertsOf({ ...s, full_approval_date: '2026-02-10' }, rules, '2026-02-01')).toEqual([]);
    expect(alertsOf({ ...s, exit_date: '2026-01-20' }, rules, '2026-02-01')).toEqual([]);
  });
});

const personInput = (villageId: string, over: Partial<Input<'development.create'>> = {}): Input<'development.create'> => ({
  villageId, name: '黄丽', idNumber: validId('45031120000606002'), applicationDate: '2026-01-02', ...over,
});

let idSeq = 100;
const two = (n: number) => String(n).padStart(2, '0');
/** A different valid ID number per call (born on a different day of 1995). */
const nextId = () => {
  ++idSeq;
  return validId(`4503111995${two(1 + (Math.floor(idSeq / 28) % 12))}${two(1 + (idSeq % 28))}001`);
};

async function person(core: Core, villageId: string, applicationDate: string, steps: Partial<Input<'development.steps'>> = {}) {
  const p = await ok(core, 'development.create', personInput(villageId, { name: '测试', idNumber: nextId(), applicationDate }));
  if (!Object.keys(steps).length) return p;
  return ok(core, 'development.steps', { id: p.id, version: p.version, ...steps });
}

describe('rules edited in settings', () => {
  it('a rule changed from a date applies to steps on or after that date only, with an audit entry', async () => {
    const { core } = await townAt('2026-09-01');
    const v = (await ok(core, 'villages.create', { name: '东立村', kind: '行政村' })).id;
    const rules = await ok(core, 'development.setRule', { key: 'talk_months', value: 2, effectiveFrom: '2026-06-01', source: '《中国共产党发展党员工作细则》（2026年修订）' });
    expect(rules.filter((r) => r.key === 'talk_months').map((r) => [r.effectiveFrom, r.value, r.current])).toEqual([['2014-05-28', 1, false], ['2026-06-01', 2, true]]);
    const before = await person(core, v, '2026-05-31');
    const after = await person(core, v, '2026-06-01');
    expect(before.deadlines.talkDue).toBe('2026-06-30');
    expect(after.deadlines.talkDue).toBe('2026-08-01');
    const audit = core.db.prepare("SELECT action, after FROM audit_log WHERE table_name = 'dev_rules'").all() as { action: string; after: string }[];
    expect(audit.map((a) => [a.action, JSON.parse(a.after)])).toEqual([['insert', { rule: 'talk_months', value: 2, effective_from: '2026-06-01', source: '《中国共产党发展党员工作细则》（2026年修订）' }]]);
    const bad = await import('../../electron/api/dispatch').then((m) => m.dispatch(core, 'development.setRule', { key: 'extension_min_months', value: 13, effectiveFrom: '2026-06-01', source: '错' }));
    expect(bad).toMatchObject({ ok: false, error: { message: '延长预备期至少（13）不能大于延长预备期最多（12）' } });
  });

  it('refuses steps out of order and an exit without its kind, writing nothing', async () => {
    const { core } = await townAt('2026-09-01');
    const v = (await ok(core, 'villages.create', { name: '东立村', kind: '行政村' })).id;
    const p = await person(core, v, '2026-01-02');
    const { dispatch } = await import('../../electron/api/dispatch');
    const r1 = await dispatch(core, 'development.steps', { id: p.id, version: p.version, candidateDate: '2026-03-01' });
    expect(r1).toMatchObject({ ok: false, error: { message: expect.stringContaining('已填写确定为发展对象日期，但尚未填写谈话日期') } });
    const r2 = await dispatch(core, 'development.steps', { id: p.id, version: p.version, talkDate: '2026-01-10', exitDate: '2026-02-01' });
    expect(r2).toMatchObject({ ok: false, error: { fields: [{ path: ['exitKind'], message: '请选择退出情形' }] } });
    const r3 = await dispatch(core, 'development.steps', { id: p.id, version: p.version, talkDate: '2025-12-31' });
    expect(r3).toMatchObject({ ok: false, error: { message: expect.stringContaining('谈话日期不能早于入党申请日期（2026-01-02）') } });
    expect((await ok(core, 'development.get', { id: p.id })).version).toBe(1);
  });

  it('keeps the 培养考察记录 inside the steps: the activist date may not move past one, nor an exit before one', async () => {
    const { core } = await townAt('2026-09-01');
    const v = (await ok(core, 'villages.create', { name: '东立村', kind: '行政村' })).id;
    const p = await person(core, v, '2026-01-02');
    const steps = { talkDate: '2026-01-10', activistDate: '2026-02-01' };
    const a = await ok(core, 'development.steps', { id: p.id, version: p.version, ...steps });
    const withRecord = await ok(core, 'development.addAssessment', { personId: p.id, kind: '考察', date: '2026-03-01', content: '表现良好' });
    const { dispatch } = await import('../../electron/api/dispatch');
    const later = await dispatch(core, 'development.steps', { id: p.id, version: withRecord.version, ...steps, activistDate: '2026-04-01' });
    expect(later).toMatchObject({ ok: false, error: { fields: [{ path: ['activistDate'], message: '确定为入党积极分子日期不能晚于已有培养考察记录的日期（2026-03-01）' }] } });
    const exit = await dispatch(core, 'development.steps', { id: p.id, version: withRecord.version, ...steps, exitDate: '2026-02-15', exitKind: '本人撤回申请' });
    expect(exit).toMatchObject({ ok: false, error: { fields: [{ path: ['exitDate'], message: '退出日期不能早于已有培养考察记录的日期（2026-03-01）' }] } });
    expect((await ok(core, 'development.get', { id: p.id })).version).toBe(withRecord.version);
    expect(a.activistDate).toBe('2026-02-01');
  });
});

describe('首页 alerts through the services', () => {
  it('raise and clear as steps are recorded, and count villages below 2 activists', async () => {
    const { core, setDay } = await townAt('2026-01-05');
    const v = (await ok(core, 'villages.create', { name: '东立村', kind: '行政村' })).id;
    const p = await person(core, v, '2026-01-05');
    let a = await ok(core, 'development.alerts', {});
    expect(a.counts.talk_overdue).toBe(0);
    expect(a.villagesBelow).toEqual([{ id: v, name: '东立村', activists: 0 }]);
    setDay('2026-02-06');
    a = await ok(core, 'development.alerts', {});
    expect(a.items).toEqual([{ personId: p.id, name: '测试', villageName: '东立村', kind: 'talk_overdue', date: '2026-02-05' }]);
    const talked = await ok(core, 'development.steps', { id: p.id, version: p.version, talkDate: '2026-02-06', activistDate: '2026-02-06' });
    a = await ok(core, 'development.alerts', {});
    expect(a.items).toEqual([]);
    expect(a.villagesBelow).toEqual([{ id: v, name: '东立村', activists: 1 }]);
    await person(core, v, '2026-01-20', { talkDate: '2026-02-01', activistDate: '2026-02-06' });
    expect((await ok(core, 'development.alerts', {})).villagesBelow).toEqual([]);
    setDay('2027-02-06');
    a = await ok(core, 'development.alerts', {});
    expect(a.counts.eligible).toBe(2);
    expect(talked.stage).toBe('入党积极分子');
  });
});

/** 东村, 西村, 南村 (codes under `code`) with people at every stage and review cases, around 2026-01-01..06-30. */
async function buildDevTownship(core: Core, code = '450311100') {
    const village = async (name: string, code: string) => (await ok(core, 'villages.create', { name, code, kind: '行政村' })).id;
    const east = await village('东村', `${code}201`);
    const west = await village('西村', `${code}202`);
    const south = await village('南村', `${code}203`);
    const act = (d: string) => ({ talkDate: d, activistDate: d });
    await person(core, east, '2025-02-01', act('2025-03-01')); // activist at the end
    await person(core, east, '2025-04-01', { ...act('2025-05-01'), candidateDate: '2026-05-20' }); // 发展对象 by the end
    await person(core, east, '2026-01-10', act('2026-02-01')); // activist, new in the period
    await person(core, east, '2024-12-01', { ...act('2025-01-01'), exitDate: '2026-03-01', exitKind: '本人撤回申请' }); // left
    await person(core, west, '2026-06-01', act('2026-06-30')); // the last day counts
    await person(core, south, '2026-06-01', act('2026-07-01')); // after the period
    const gone = await person(core, south, '2026-01-01', act('2026-03-01'));
    await ok(core, 'development.remove', { id: gone.id, version: gone.version });
    await person(core, west, '2024-01-01', { talkDate: '2024-01-10', activistDate: '2024-02-01', candidateDate: '2025-03-01', acceptDate: '2025-12-15', approvalDate: '2026-01-01' });
    await person(core, south, '2023-01-01', { talkDate: '2023-01-10', activistDate: '2023-02-01', candidateDate: '2024-03-01', acceptDate: '2025-06-01', approvalDate: '2025-06-30', fullApprovalDate: '2026-06-30' });

    const kase = async (villageId: string, name: string, findingDate: string, measures: [Input<'rectification.addMeasure'>['measure'], string][]) => {
      const c = await ok(core, 'rectification.create', { villageId, name, findingDate, finding: '培养考察时间不足' });
      for (const [measure, date] of measures) await ok(core, 'rectification.addMeasure', { caseId: c.id, measure, date });
      return ok(core, 'rectification.get', { id: c.id });
    };
    await kase(east, '周明', '2026-03-01', [['重新履行入党手续', '2026-04-01'], ['提醒谈话', '2026-04-02']]);
    await kase(west, '吴刚', '2025-12-31', [['提醒谈话', '2026-01-05']]);
    const removed = await kase(east, '陈某', '2026-03-01', [['警示谈话', '2026-03-05']]);
    await ok(core, 'rectification.remove', { id: removed.id, version: removed.version });
    await kase(south, '李某', '2026-06-30', [['严重警告', '2026-07-01']]);
}

describe('report figures on a township built through the services', () => {
  it('counts the activist stock, villages with 2, and the review cases and measures of the period', async () => {
    const { core } = await townAt('2026-07-10');
    await buildDevTownship(core);
    const r = await ok(core, 'reports.get', { from: '2026-01-01', to: '2026-06-30' });
    expect(r.scopes[0]!.figures.partyDev).toEqual({
      activists: 3,
      villages: 3,
      villagesWithTwo: 1,
      villagesBelowList: [{ name: '西村', code: '450311100202', activists: 1 }, { name: '南村', code: '450311100203', activists: 0 }],
      newActivists: 2,
      newProbationers: 1,
      newFullMembers: 1,
      casesFound: 2,
      measures: { 重新履行入党手续: 1, 重新讨论预备党员转正: 0, 提醒谈话: 2, 警示谈话: 0, 严重警告: 0, 撤销党内职务: 0 },
    });
  });
});

describe('report figures in a district with two townships imported through real bundles', () => {
  it('gives each township its own figures and 合计 their sum', async () => {
    const a = (await townAt('2026-07-10')).core;
    const b = (await townAt('2026-07-10', '450311101', '柘木镇')).core;
    await buildDevTownship(a);
    await buildDevTownship(b, '450311101');
    // B has one activist more in 南村: its figures differ from A's.
    const south = (await ok(b, 'villages.list', { search: '南村' })).rows[0]!.id;
    await person(b, south, '2026-01-02', { talkDate: '2026-01-05', activistDate: '2026-01-06' });
    const d = await district();
    for (const t of [a, b]) {
      trustDistrict(t);
      await imported(d, await exported(t));
    }
    const period = { from: '2026-01-01', to: '2026-06-30' };
    const own = async (t: Core) => (await ok(t, 'reports.get', period)).scopes[0]!.figures.partyDev;
    const r = await ok(d, 'reports.get', period);
    const by = (code: string | null) => r.scopes.find((x) => x.code === code)!.figures.partyDev;
    expect(by('450311100')).toEqual(await own(a));
    expect(by('450311101')).toEqual(await own(b));
    expect(by('450311101')).toMatchObject({ activists: 4, villagesWithTwo: 1, newActivists: 3 });
    const total = by(null);
    const fa = await own(a);
    const fb = await own(b);
    expect(total).toEqual({
      activists: 7, villages: 6, villagesWithTwo: 2,
      villagesBelowList: [...fa.villagesBelowList, ...fb.villagesBelowList],
      newActivists: 5, newProbationers: 2, newFullMembers: 2, casesFound: 4,
      measures: { 重新履行入党手续: 2, 重新讨论预备党员转正: 0, 提醒谈话: 4, 警示谈话: 0, 严重警告: 0, 撤销党内职务: 0 },
    });
  });
});

type Line = { table: string; row: Record<string, unknown> };

describe('a hostile bundle at the district', () => {
  it("refuses another township's pipeline rows: a person under its village, an assessment of its person", async () => {
    const d = await district();
    const a = await township('450311100', '雁山镇', 'aa');
    const b = await township('450311101', '柘木镇', 'bb');
    const aVillage = (await ok(a, 'villages.create', { name: '东立村', code: '450311100200', kind: '行政村' })).id;
    const bVillage = (await ok(b, 'villages.create', { name: '柘木村', code: '450311101200', kind: '行政村' })).id;
    const aPerson = await ok(a, 'development.create', personInput(aVillage, { applicationDate: '2025-01-02' }));
    const bPerson = await ok(b, 'development.create', personInput(bVillage, { idNumber: validId('45031119990909111'), applicationDate: '2025-01-02' }));
    await ok(b, 'development.steps', { id: bPerson.id, version: bPerson.version, talkDate: '2025-01-10', activistDate: '2025-02-01' });
    await ok(b, 'development.addAssessment', { personId: bPerson.id, kind: '考察', date: '2025-06-01', content: '良好' });
    await imported(d, await exported(a));
    await imported(d, await exported(b));
    const lines = townshipLines(b).map((l) => JSON.parse(l) as Line);
    const clock = (b.db.prepare('SELECT seq FROM sync_clock').get() as { seq: number }).seq;
    const withRow = (table: string, row: Record<string, unknown>) =>
      writeBundle(craftBundle(b, { payload: [...lines, { table, row: { ...row, origin: b.installation()!.installationId, seq: clock } }].map((l) => JSON.stringify(l)).join('\n') + '\n' }));
    const own = lines.find((l) => l.table === 'dev_people')!.row;
    await refusedAtPreview(d, withRow('dev_people', { ...own, id: 'bb000000-0000-4000-8000-000000009001', village_id: aVillage }), 'out_of_scope', /^发展党员对象 bb000000-0000-4000-8000-000000009001 属于 雁山镇 的 东立村，不在本乡镇范围内/);
    const ownA = lines.find((l) => l.table === 'dev_assessments')!.row;
    await refusedAtPreview(d, withRow('dev_assessments', { ...ownA, id: 'bb000000-0000-4000-8000-000000009002', person_id: aPerson.id }), 'out_of_scope', /属于 雁山镇/);
    // A's own person overwritten by B (same id), signed by B's key.
    await refusedAtPreview(d, withRow('dev_people', { ...own, id: aPerson.id }), 'out_of_scope', /属于 雁山镇/);
  });
});
