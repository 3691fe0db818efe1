import { describe, expect, it } from 'vitest';
import { SYNC_TABLES } from '../../db/tables';
import type { Core } from '../../electron/core';
import { exportBundle } from '../../electron/sync/export';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { freshCore } from '../helpers/core';
import { districtKeys, trustDistrict } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';
import { caseInput, devInput, cadreInput, call, makeWorld, memberInput, projectInput, recordInput, validId, villageInput, type World } from './fuzz.fixtures';

/**
 * The sync round trip, derived from the table registry: every table in SYNC_TABLES must hold a
 * live and a tombstoned row at the township (made through the services), and every column of
 * every row but the installation-local seq must arrive unchanged at the district. A new register
 * only has to make its rows in a function called from `township()` below; the comparison needs no change.
 */

type Row = Record<string, unknown> & { id: string };

const ref = (r: { id: string; version: number }) => ({ id: r.id, version: r.version });

/** A township with a live and a deleted row in every register table, made as a clerk would. */
async function township(): Promise<Core> {
  const town = await freshCore();
  trustDistrict(town);
  const w = await makeWorld(town);
  await villagesBoth(town, w);
  await cadresBoth(town, w);
  await floatingBoth(town, w);
  await projectsBoth(town, w);
  await partyDevBoth(town, w);
  await starsBoth(town, w);
  return town;
}

/** Villages and their yearly rows: a village with years, and one removed with its years. */
async function villagesBoth(town: Core, w: World) {
  const village = { ...villageInput({ code: '450311100200', partyOrgType: '党支部', secretaryPhone: '13812345678' }), years: [{ year: 2025, stars: 4, income: '12.345678' }] };
  await call(town, 'villages.update', { ...ref(w.village), ...village });
  const gone = await call(town, 'villages.create', villageInput({ name: '枫林村', years: [{ year: 2024, stars: 2, income: '3.5' }] }));
  await call(town, 'villages.remove', ref(gone));
}

/**
 * Cadres: a removed cadre; an ended posting and a removed one; logs, inspections, evaluations
 * and assessments both kept and removed.
 */
async function cadresBoth(town: Core, w: World) {
  const v = w.village.id;
  await call(town, 'cadres.remove', ref(w.spare));
  const other = await call(town, 'cadres.create', cadreInput({ name: '周敏', idNumber: validId('45030219880808444'), ethnicity: '壮族', politicalStatus: '中共党员', education: '大学本科' }));
  const posted = await call(town, 'cadres.post', { cadreId: other.id, villageId: v, role: '工作队员', startDate: '2025-03-01', plannedEnd: '2027-02-28' });
  await call(town, 'cadres.endPosting', { ...ref(posted), status: '召回调整', actualEnd: '2025-10-01', reason: '工作需要', replacedByCadreId: w.cadre.id });
  await call(town, 'cadres.removePosting', ref(await call(town, 'cadres.post', { cadreId: other.id, villageId: v, role: '工作队员', startDate: '2025-11-01' })));
  const c = w.cadre.id;
  await call(town, 'cadres.saveLog', { cadreId: c, logDate: '2025-12-08', inVillage: true, workKind: '矛盾调解', households: 3, content: '调解纠纷', problems: '宅基地边界', followUp: '请国土所测量' });
  await call(town, 'cadres.removeLog', ref(await call(town, 'cadres.saveLog', { cadreId: c, logDate: '2025-12-09', inVillage: false, workKind: '召开会议', content: '镇里开会' })));
  await call(town, 'cadres.removeInspection', ref(await call(town, 'cadres.addInspection', { cadreId: c, inspectDate: '2025-12-10', inspector: '钱督查', inPost: false, notes: '外出' })));
  await call(town, 'cadres.saveEvaluation', { cadreId: c, year: 2025, quarter: 2, result: '好', evaluator: '孙书记', notes: '表现突出' });
  await call(town, 'cadres.removeEvaluation', ref(await call(town, 'cadres.saveEvaluation', { cadreId: c, year: 2025, quarter: 4, result: '较好' })));
  await call(town, 'cadres.saveAssessment', { cadreId: c, year: 2025, result: '称职', notes: '完成任务' });
  await call(town, 'cadres.removeAssessment', ref(await call(town, 'cadres.saveAssessment', { cadreId: c, year: 2026, result: '优秀' })));
}

/**
 * Floating members: the kept member changes contact cadre (the first gets an end date), has a
 * record removed and a status change; a second member with all of those is removed, which
 * tombstones everything hanging off them.
 */
async function floatingBoth(town: Core, w: World) {
  const v = w.village.id;
  const m = w.member.id;
  await call(town, 'floating.assignContact', { memberId: m, cadreName: '李书记', cadrePhone: '13900000001', cadreRole: '党组织书记', startDate: '2025-04-01' });
  await call(town, 'floating.assignContact', { memberId: m, cadreName: '赵委员', startDate: '2025-09-01' });
  const second = await call(town, 'floating.addRecord', { memberId: m, ...recordInput(), contactDate: '2025-12-11', way: '微信', content: '微信联系' });
  await call(town, 'floating.removeRecord', ref(second.record as { id: string; version: number }));
  const kept = await call(town, 'floating.get', { id: m });
  await call(town, 'floating.changeStatus', { ...ref(kept), status: '已返回', date: '2025-12-20', note: '返乡' });
  const leaving = await call(
    town,
    'floating.create',
    memberInput(v, {
      name: '陈红',
      idNumber: validId('45031119920202222'),
      mobile: '13812340000',
      ethnicity: '瑶族',
      education: '大学专科',
      joinedPartyDate: '2015-07-01',
      occupation: '会计',
      wechat: 'chenhong92',
      activityCardNo: 'HD-0042',
      destOrgJoined: true,
      destOrgName: '深圳市宝安区流动党员党支部',
    }),
  );
  await call(town, 'floating.assignContact', { memberId: leaving.id, cadreName: '赵委员', startDate: '2025-05-01' });
  await call(town, 'floating.addRecord', { memberId: leaving.id, ...recordInput() });
  const moved = await call(town, 'floating.get', { id: leaving.id });
  const transferred = await call(town, 'floating.changeStatus', { ...ref(moved), status: '组织关系转出', date: '2025-12-21', transferTo: '南宁市某支部' });
  await call(town, 'floating.remove', ref(transferred));
}

/** Projects: dates, people and incomes on the kept one; a removed project with its incomes and progress. */
async function projectsBoth(town: Core, w: World) {
  const v = w.village.id;
  const dated = { responsible: '李四', plannedStart: '2025-01-01', plannedEnd: '2025-12-31', actualStart: '2025-02-01', actualEnd: '2025-11-30', households: 40 };
  await call(town, 'projects.update', { ...ref(w.project), ...projectInput(v, { ...dated, incomes: [{ year: 2025, income: '1.25' }] }) });
  const dropped = await call(town, 'projects.create', projectInput(v, { name: '茶叶加工厂', incomes: [{ year: 2024, income: '0.5' }] }));
  const withProgress = await call(town, 'projects.addProgress', { projectId: dropped.id, reportDate: '2025-11-01', percent: 10, note: '选址', problems: '用地未批' });
  await call(town, 'projects.remove', ref(withProgress));
}

/**
 * 发展党员: the kept person goes every step to full member (with an extended probation); a second
 * one leaves the pipeline and is removed with an assessment; a review case is kept with a measure,
 * a second removed with its own.
 */
async function partyDevBoth(town: Core, w: World) {
  const v = w.village.id;
  const p = await call(town, 'development.update', { ...ref(w.devPerson), ...devInput(v, { applicationDate: '2023-01-01', note: '返乡青年' }) });
  await call(town, 'development.steps', {
    ...ref(p), talkDate: '2023-01-20', talkBy: '李四', activistDate: '2023-03-01', activistWay: '党员推荐', contact1: '李四', contact2: '王五',
    candidateDate: '2024-03-05', introducer1: '李四', introducer2: '王五', reviewDate: '2024-03-20', trainingDate: '2024-03-25',
    publicityStart: '2024-04-01', publicityEnd: '2024-04-08', acceptDate: '2024-04-10', votesFor: 20, votesAgainst: 1, votesAbstain: 0,
    approvalDate: '2024-05-10', oathDate: '2024-05-20', extensionDate: '2025-04-01', extensionMonths: 6, fullApplyDate: '2025-09-20',
    fullMeetingDate: '2025-10-09', fullApprovalDate: '2025-10-20',
  });
  const other = await call(town, 'development.create', devInput(v, { name: '蒙山', idNumber: validId('45031119990909111'), applicationDate: '2024-01-01' }));
  const activist = await call(town, 'development.steps', { ...ref(other), talkDate: '2024-01-10', activistDate: '2024-03-01' });
  await call(town, 'development.addAssessment', { personId: other.id, kind: '培训', date: '2024-04-01', content: '培训班' });
  const left = await call(town, 'development.steps', { ...ref(activist), talkDate: '2024-01-10', activistDate: '2024-03-01', exitDate: '2024-06-01', exitKind: '本人撤回申请', exitReason: '外出务工' });
  await call(town, 'development.remove', ref(left));
  await call(town, 'rectification.update', { ...ref(w.devCase), ...caseInput(v, { note: '已整改' }) });
  const gone = await call(town, 'rectification.addMeasure', { caseId: (await call(town, 'rectification.create', caseInput(v, { name: '吴刚' }))).id, measure: '严重警告', date: '2025-11-01', note: '党委决定' });
  await call(town, 'rectification.remove', ref(gone));
}

/** 评星定级: a rating with every field, one of its two corrective items dropped; a removed rating. */
async function starsBoth(town: Core, w: World) {
  const v = w.village.id;
  const item = (n: number) => ({ item: `整改事项${n}`, deadline: '2026-06-30', responsible: '李四', result: '已整改', doneDate: '2026-05-01' });
  const rating = { villageId: v, year: 2026, score: 71, stars: 3, changeReason: '集体经济收入下降', publicityStart: '2026-01-10', publicityEnd: '2026-01-16', note: '镇党委评定' };
  const made = await call(town, 'stars.create', { ...rating, rectifications: [item(1), item(2)] });
  await call(town, 'stars.update', { ...ref(made), ...rating, rectifications: [item(1)] });
  await call(town, 'stars.remove', ref(await call(town, 'stars.create', { villageId: v, year: 2023, stars: 2, rectifications: [item(3)] })));
}

function rowsById(core: Core, table: string): Map<string, Row> {
  return new Map((core.db.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Row[]).map((r) => [r.id, r]));
}

/** Every difference between two installations' synced rows, named table.column of id; seq is local. */
function differences(a: Core, b: Core): string[] {
  const out: string[] = [];
  for (const t of SYNC_TABLES) {
    const cols = (a.db.prepare(`PRAGMA table_info(${t.name})`).all() as { name: string }[]).map((c) => c.name).filter((c) => c !== 'seq');
    const left = rowsById(a, t.name);
    const right = rowsById(b, t.name);
    for (const id of new Set([...left.keys(), ...right.keys()])) {
      const x = left.get(id);
      const y = right.get(id);
      if (!x || !y) {
        out.push(`${t.name} ${id}: only at ${x ? 'the township' : 'the district'}`);
        continue;
      }
      for (const c of cols) if (!Object.is(x[c], y[c])) out.push(`${t.name}.${c} of ${id}: ${JSON.stringify(x[c])} → ${JSON.stringify(y[c])}`);
    }
  }
  return out;
}

/** Columns null in every row: a round trip of them would prove nothing. */
function emptyColumns(core: Core): string[] {
  return SYNC_TABLES.flatMap((t) =>
    t.columns.filter((c) => (core.db.prepare(`SELECT count(*) AS n FROM ${t.name} WHERE ${c} IS NOT NULL`).get() as { n: number }).n === 0).map((c) => `${t.name}.${c}`),
  );
}

describe('sync round trip over every registered table', () => {
  it('carries every column of every live and deleted row of every synced table to the district', async () => {
    const town = await township();
    const coverage = SYNC_TABLES.map((t) => {
      const r = town.db.prepare(`SELECT count(*) FILTER (WHERE deleted_at IS NULL) AS live, count(*) FILTER (WHERE deleted_at IS NOT NULL) AS deleted FROM ${t.name}`).get() as { live: number; deleted: number };
      return { table: t.name, live: r.live > 0, deleted: r.deleted > 0 };
    });
    expect(coverage.filter((c) => !c.live || !c.deleted), 'tables the township lacks a live or a deleted row in').toEqual([]);
    expect(coverage.map((c) => c.table)).toContain('contact_records');
    expect(emptyColumns(town), 'columns no row of the township fills').toEqual([]);

    const district = await freshCore({ setup: 'district' });
    const { file } = await exportBundle(town, { dir: tempDir() });
    const result = applyStaged(district, await stageBundle(district, file, districtKeys().keys));
    expect(result.result).toBe('applied');
    expect(differences(town, district)).toEqual([]);

    // The comparison names what an import would get wrong: one column of one row, a missing row.
    const record = town.db.prepare('SELECT id FROM contact_records WHERE deleted_at IS NULL').get() as { id: string };
    district.db.prepare("UPDATE contact_records SET needs = '改动' WHERE id = ?").run(record.id);
    const tomb = town.db.prepare('SELECT id FROM project_progress WHERE deleted_at IS NOT NULL').get() as { id: string };
    district.db.prepare('DELETE FROM project_progress WHERE id = ?').run(tomb.id);
    expect(differences(town, district)).toEqual([`contact_records.needs of ${record.id}: "无" → "改动"`, `project_progress ${tomb.id}: only at the township`]);
  });
});
