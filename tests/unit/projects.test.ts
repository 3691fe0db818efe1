import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import type { ProjectCoverage, ProjectDetail, ProjectListItem } from '../../electron/api/contract';
import type { Core } from '../../electron/core';
import { Rng } from '../../electron/seed/random';
import { seedProjects } from '../../electron/seed/projects';
import { seedVillages } from '../../electron/seed/villages';
import { createVillage } from '../../electron/services/villages';
import { currentSeq } from '../../db/sync';
import { freshCore } from '../helpers/core';
import { readWorkbook, sheetRows } from '../helpers/xlsx';

function village(core: Core, name: string, code: string, years: { year: number; income: number }[] = []) {
  return createVillage(core, {
    name,
    code,
    kind: '行政村',
    partyOrgName: null,
    partyOrgType: null,
    secretary: null,
    secretaryPhone: null,
    keyVillage: false,
    relocation: false,
    note: null,
    years: years.map((y) => ({ ...y, stars: null })),
  });
}

const project = (villageId: string, extra: Record<string, unknown> = {}) => ({
  villageId,
  year: 2025,
  name: '村级光伏电站',
  category: '光伏',
  model: '入股分红',
  status: '运营',
  total: '100',
  fiscal: '60',
  aid: '40',
  ...extra,
});

async function ok<T>(p: Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error!.message);
  return r.value as T;
}

describe('projects: sources, incomes, progress', () => {
  it('refuses sources that do not add up under 总投资 and saves nothing; blank sources count as 0', async () => {
    const core = await freshCore();
    const v = village(core, '东立村', '450311100200');
    const seq = currentSeq(core.db);
    const bad = await dispatch(core, 'projects.create', project(v.id, { total: '1,000.5', fiscal: '600', aid: '400.4' }));
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid', fields: [{ path: ['total'], message: '各来源合计 1,000.4 万元，与总投资 1,000.5 万元不一致' }] },
    });
    expect(currentSeq(core.db)).toBe(seq);
    expect(core.db.prepare('SELECT count(*) AS n FROM projects').get()).toEqual({ n: 0 });

    const d = await ok<ProjectDetail>(dispatch(core, 'projects.create', project(v.id, { total: '1,000.5', fiscal: '600', aid: '400.5', social: '' })));
    expect(d).toMatchObject({ total: '1,000.5', fiscal: '600', aid: '400.5', village: '0', social: '0', other: '0', villageName: '东立村', progress: null });
    expect(core.db.prepare('SELECT total_fen, fiscal_fen, aid_fen, social_fen FROM projects').get()).toEqual({
      total_fen: 1_000_500_000,
      fiscal_fen: 600_000_000,
      aid_fen: 400_500_000,
      social_fen: 0,
    });
    // The schema's CHECK is the last line of defence even for a write that skips the service.
    expect(() => core.db.prepare('UPDATE projects SET total_fen = total_fen + 1').run()).toThrow(/CHECK/);
  });

  it('names bad fields: 7 decimals, missing total, dates running backwards, unknown village', async () => {
    const core = await freshCore();
    const v = village(core, '东立村', '450311100200');
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [project(v.id, { fiscal: '60.0000001' }), 'fiscal', /财政资金：金额最多保留6位小数/],
      [project(v.id, { total: '' }), 'total', /请填写总投资/],
      [project(v.id, { plannedStart: '2025-05-01', plannedEnd: '2025-04-01' }), 'plannedEnd', /不能早于计划开工日期/],
      [project('00000000-0000-4000-8000-999999999999'), 'villageId', /不存在/],
      [project(v.id, { incomes: [{ year: 2024, income: '1' }, { year: 2024, income: '2' }] }), 'incomes', /同一年度/],
    ];
    for (const [payload, field, msg] of cases) {
      const seq = currentSeq(core.db);
      const r = await dispatch(core, 'projects.create', payload);
      expect(r.ok).toBe(false);
      const f = (r as { error: { fields: { path: string[]; message: string }[] } }).error.fields.find((x) => x.path[0] === field);
      expect(f?.message, field).toMatch(msg);
      expect(currentSeq(core.db)).toBe(seq);
    }
  });

  it('keeps progress going forward and after 实际开工, naming the update it would contradict', async () => {
    const core = await freshCore();
    const v = village(core, '东立村', '450311100200');
    const d = await ok<ProjectDetail>(dispatch(core, 'projects.create', project(v.id, { actualStart: '2025-04-01' })));
    const add = (reportDate: string, percent: number) => dispatch(core, 'projects.addProgress', { projectId: d.id, reportDate, percent });
    const seq = currentSeq(core.db);
    expect(await add('2025-03-15', 10)).toMatchObject({ ok: false, error: { fields: [{ path: ['reportDate'], message: '项目2025-04-01实际开工，此前的进展完成进度应为0' }] } });
    expect(currentSeq(core.db)).toBe(seq);
    await ok(add('2025-03-15', 0)); // 前期工作 before the start
    await ok(add('2025-06-01', 60));
    expect(await add('2025-07-01', 50)).toMatchObject({ ok: false, error: { fields: [{ path: ['percent'], message: '完成进度不能低于2025-06-01已登记的60%；如那次登记有误，请先删除' }] } });
    expect(await add('2025-05-01', 70)).toMatchObject({ ok: false, error: { fields: [{ path: ['percent'], message: '完成进度不能高于2025-06-01已登记的60%；如那次登记有误，请先删除' }] } });
    await ok(add('2025-05-01', 40));
    await ok(add('2025-07-01', 60));
    // 实际开工 moved past work already reported is refused naming the update.
    const moved = await dispatch(core, 'projects.update', { ...project(v.id), id: d.id, version: d.version, actualStart: '2025-05-15' });
    expect(moved).toMatchObject({ ok: false, error: { fields: [{ path: ['actualStart'], message: '实际开工日期不能晚于已登记的项目进展（2025-05-01，完成40%）' }] } });
    expect(await dispatch(core, 'projects.update', { ...project(v.id), id: d.id, version: d.version, actualStart: '2025-05-01' })).toMatchObject({ ok: true });
  });

  it('keeps yearly incomes, shows the latest progress as current, and removes a project with its children', async () => {
    const core = await freshCore();
    const v = village(core, '东立村', '450311100200');
    const d = await ok<ProjectDetail>(dispatch(core, 'projects.create', project(v.id, { incomes: [{ year: 2024, income: '3.5' }, { year: 2025, income: '12.000001' }] })));
    expect(d.incomes).toEqual([{ year: 2025, income: '12.000001' }, { year: 2024, income: '3.5' }]);
    expect(d.income).toBe('12.000001'); // the project's own 年度 when not filtered by year

    const add = (reportDate: string, percent: number) => ok<ProjectDetail>(dispatch(core, 'projects.addProgress', { projectId: d.id, reportDate, percent, note: '进展', problems: null }));
    await add('2025-06-01', 60);
    await add('2025-03-01', 30); // entered later but reported earlier: not current
    let cur = await add('2025-06-01', 70); // same day, entered last: current
    expect(cur.progress).toBe(70);
    expect(cur.progressDate).toBe('2025-06-01');
    expect(cur.progressHistory.map((p) => p.percent)).toEqual([70, 60, 30]);
    const future = await dispatch(core, 'projects.addProgress', { projectId: d.id, reportDate: '2099-01-01', percent: 1 });
    expect(future).toMatchObject({ ok: false, error: { fields: [{ path: ['reportDate'] }] } });

    cur = await ok<ProjectDetail>(dispatch(core, 'projects.removeProgress', { id: cur.progressHistory[0]!.id, version: 1 }));
    expect(cur.progress).toBe(60);
    const list = await ok<{ rows: ProjectListItem[] }>(dispatch(core, 'projects.list', { year: 2024 }));
    expect(list.rows).toEqual([]);
    const listed = await ok<{ rows: ProjectListItem[] }>(dispatch(core, 'projects.list', {}));
    expect(listed.rows[0]).toMatchObject({ progress: 60, income: '12.000001' });

    const upd = await ok<ProjectDetail>(
      dispatch(core, 'projects.update', { ...project(v.id), name: '光伏电站二期', id: d.id, version: d.version, incomes: [{ year: 2025, income: '13' }] }),
    );
    expect(upd).toMatchObject({ name: '光伏电站二期', version: 2, incomes: [{ year: 2025, income: '13' }] });
    expect(await dispatch(core, 'projects.update', { ...project(v.id), id: d.id, version: d.version })).toMatchObject({ ok: false, error: { code: 'stale' } });

    expect(await dispatch(core, 'projects.remove', { id: d.id, version: upd.version })).toMatchObject({ ok: true });
    for (const t of ['projects', 'project_incomes', 'project_progress']) {
      expect(core.db.prepare(`SELECT count(*) AS n FROM ${t} WHERE deleted_at IS NULL`).get(), t).toEqual({ n: 0 });
    }
    const audits = core.db.prepare("SELECT table_name, action, count(*) AS n FROM audit_log WHERE table_name LIKE 'project%' GROUP BY 1, 2 ORDER BY 1, 2").all();
    expect(audits).toEqual(
      expect.arrayContaining([
        { table_name: 'projects', action: 'delete', n: 1 },
        { table_name: 'project_progress', action: 'insert', n: 3 },
        { table_name: 'project_incomes', action: 'delete', n: 2 }, // 2024 dropped by the edit, 2025 with the project
      ]),
    );
  });

  it('returns from every save the project as the list shows it, and refuses a removed one', async () => {
    const core = await freshCore();
    const a = village(core, '东立村', '450311100200');
    const b = village(core, '西立村', '450311100201');
    const p1 = await ok<ProjectDetail>(dispatch(core, 'projects.create', project(a.id, { incomes: [{ year: 2024, income: '1' }, { year: 2025, income: '2.5' }] })));
    const p2 = await ok<ProjectDetail>(dispatch(core, 'projects.create', project(b.id, { year: 2024, name: '茶叶加工厂', incomes: [{ year: 2024, income: '7' }] })));
    const withProgress = await ok<ProjectDetail>(dispatch(core, 'projects.addProgress', { projectId: p2.id, reportDate: '2025-05-01', percent: 40 }));
    const listed = await ok<{ rows: ProjectListItem[] }>(dispatch(core, 'projects.list', {}));
    for (const d of [p1, withProgress]) {
      const { incomes: _i, progressHistory: _p, plannedStart: _ps, plannedEnd: _pe, actualStart: _as, actualEnd: _ae, note: _n, createdAt: _c, ...asListed } = d;
      expect(asListed).toEqual(listed.rows.find((r) => r.id === d.id));
    }
    expect(p1).toMatchObject({ villageName: '东立村', income: '2.5', progress: null });
    expect(withProgress).toMatchObject({ villageName: '西立村', income: '7', progress: 40, progressDate: '2025-05-01' });
    expect(await ok<ProjectDetail>(dispatch(core, 'projects.get', { id: p1.id }))).toEqual(p1);
    await ok(dispatch(core, 'projects.remove', { id: p1.id, version: p1.version }));
    expect(await dispatch(core, 'projects.get', { id: p1.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('filters by village, year, status and category, searches and sorts in SQL', async () => {
    const core = await freshCore();
    const a = village(core, '东立村', '450311100200');
    const b = village(core, '西山村', '450311100201');
    await ok(dispatch(core, 'projects.create', project(a.id, { name: '光伏A', year: 2024 })));
    await ok(dispatch(core, 'projects.create', project(a.id, { name: '民宿', category: '乡村旅游', status: '在建', total: '5', fiscal: '5', aid: '' })));
    await ok(dispatch(core, 'projects.create', project(b.id, { name: '养鱼', category: '养殖', status: '谋划', total: '0', fiscal: '', aid: '' })));
    const names = async (q: Record<string, unknown>) => (await ok<{ rows: ProjectListItem[] }>(dispatch(core, 'projects.list', q))).rows.map((r) => r.name);
    expect(await names({ villageId: a.id, sort: 'name', order: 'asc' })).toEqual(['光伏A', '民宿']);
    expect(await names({ year: 2024 })).toEqual(['光伏A']);
    expect(await names({ status: '谋划' })).toEqual(['养鱼']);
    expect(await names({ category: '乡村旅游' })).toEqual(['民宿']);
    expect(await names({ search: '西山' })).toEqual(['养鱼']);
    expect(await names({ sort: 'total', order: 'desc' })).toEqual(['光伏A', '民宿', '养鱼']);
  });

  it('is read-only in district mode', async () => {
    const core = await freshCore({ setup: 'district' });
    const r = await dispatch(core, 'projects.create', project('00000000-0000-4000-8000-000000000001'));
    expect(r).toMatchObject({ ok: false, error: { code: 'read_only' } });
  });
});

describe('coverage: which villages have a project in a year', () => {
  it('counts a project for the years it was running: started by then, 在建/运营, not ended before', async () => {
    const core = await freshCore();
    const running = village(core, '运营村', '450311100201', [{ year: 2025, income: 80_000_000 }]);
    const planned = village(core, '谋划村', '450311100202');
    const ended = village(core, '终止村', '450311100203');
    const stalled = village(core, '停滞村', '450311100204');
    const building = village(core, '在建村', '450311100205');
    const none = village(core, '空白村', '450311100206');
    await ok(dispatch(core, 'projects.create', project(running.id, { year: 2023, incomes: [{ year: 2025, income: '2.5' }] })));
    await ok(dispatch(core, 'projects.create', project(running.id, { year: 2024, name: '第二个', incomes: [{ year: 2025, income: '1.25' }] })));
    await ok(dispatch(core, 'projects.create', project(planned.id, { year: 2025, status: '谋划' })));
    await ok(dispatch(core, 'projects.create', project(ended.id, { year: 2022, status: '终止', actualStart: '2022-03-01', actualEnd: '2024-06-30' })));
    await ok(dispatch(core, 'projects.create', project(ended.id, { year: 2022, name: '无终止日期', status: '终止' })));
    await ok(dispatch(core, 'projects.create', project(stalled.id, { year: 2023, status: '停滞' })));
    const b = await ok<ProjectDetail>(dispatch(core, 'projects.create', project(building.id, { year: 2025, status: '在建' })));
    void none;

    const covered = async (year: number) => {
      const c = await ok<ProjectCoverage>(dispatch(core, 'projects.coverage', { year }));
      expect(c.uncovered).toBe(c.villages.filter((v) => v.projects === 0).length);
      return c.villages.filter((v) => v.projects > 0).map((v) => v.name);
    };
    expect(await covered(2021)).toEqual([]);
    expect(await covered(2022)).toEqual(['终止村']);
    expect(await covered(2023)).toEqual(['运营村', '终止村']);
    expect(await covered(2024)).toEqual(['运营村', '终止村']);
    expect(await covered(2025)).toEqual(['运营村', '在建村']);
    expect(await covered(2026)).toEqual(['运营村', '在建村']);

    // Per-village income for the year: projects' sum beside the register's 村级集体经济收入.
    const c2025 = await ok<ProjectCoverage>(dispatch(core, 'projects.coverage', { year: 2025 }));
    expect(c2025.villages.find((v) => v.name === '运营村')).toMatchObject({ projects: 2, projectIncome: '3.75', villageIncome: '80' });
    expect(c2025.villages.find((v) => v.name === '空白村')).toMatchObject({ projects: 0, projectIncome: null, villageIncome: null });

    // A deleted project no longer covers its village.
    await ok(dispatch(core, 'projects.remove', { id: b.id, version: b.version }));
    expect(await covered(2025)).toEqual(['运营村']);
  });
});

describe('Excel export', () => {
  it('writes the filtered list with exact 万元 numbers and the current progress', async () => {
    const core = await freshCore();
    const v = village(core, '东立村', '450311100200');
    const d = await ok<ProjectDetail>(
      dispatch(core, 'projects.create', project(v.id, { name: '=HYPERLINK("x")', total: '1234.5', fiscal: '1234.499999', aid: '0.000001', households: 12, incomes: [{ year: 2025, income: '12.5' }] })),
    );
    await ok(dispatch(core, 'projects.create', project(v.id, { year: 2024, name: '旧项目' })));
    await ok(dispatch(core, 'projects.addProgress', { projectId: d.id, reportDate: '2025-09-01', percent: 45 }));
    const file = await ok<{ fileName: string; base64: string }>(dispatch(core, 'projects.exportXlsx', { year: 2025 }));
    expect(file.fileName).toBe('雁山镇2025年度一村一项目台账.xlsx');
    const ws = (await readWorkbook(file.base64)).getWorksheet('一村一项目')!;
    const rows = sheetRows(ws);
    expect(rows[1]).toEqual(['序号', '村（社区）', '年度', '项目名称', '类别', '经营模式', '状态', '总投资（万元）', '财政资金（万元）', '帮扶单位（万元）', '村集体自筹（万元）', '社会资本（万元）', '其他（万元）', '当年收益（万元）', '带动户数', '当前进度', '合作主体', '负责人', '计划开工日期', '计划完工日期', '实际开工日期', '实际完工（终止）日期', '备注']);
    expect(rows[2]).toEqual([1, '东立村', 2025, '\'=HYPERLINK("x")', '光伏', '入股分红', '运营', 1234.5, 1234.499999, 0.000001, 0, 0, 0, 12.5, 12, '45%']);
    expect(rows.filter((r) => r[3] === '旧项目')).toEqual([]);
    expect(ws.getCell('H3').numFmt).toBe('#,##0.00####');
  });
});

describe('seed', () => {
  it('gives about 80% of villages a project counted for the year, each with 1-4 progress updates', async () => {
    const core = await freshCore();
    const rng = new Rng('seed-test');
    core.db.transaction(() => seedVillages(core, rng, 40, 2026))();
    const made = core.db.transaction(() => seedProjects(core, rng, 2026))();
    expect(made).toBeGreaterThan(30);
    const c = await ok<ProjectCoverage>(dispatch(core, 'projects.coverage', { year: 2026 }));
    // 谋划 projects do not count, so coverage is a little under the 80% that got a project.
    expect(c.uncovered).toBeGreaterThan(2);
    expect(c.uncovered).toBeLessThan(20);
    const perProject = core.db
      .prepare('SELECT min(n) AS lo, max(n) AS hi FROM (SELECT count(*) AS n FROM project_progress GROUP BY project_id)')
      .get() as { lo: number; hi: number };
    expect(perProject.lo).toBeGreaterThanOrEqual(1);
    expect(perProject.hi).toBeLessThanOrEqual(4);
    expect(core.db.prepare('SELECT count(*) AS n FROM project_incomes WHERE year >= 2026').get()).toEqual({ n: 0 });
  });
});
