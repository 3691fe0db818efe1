import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import type { Report, ReportFigures } from '../../electron/api/contract';
import { openCore, type Core } from '../../electron/core';
import { reportSections } from '../../electron/domain/reportColumns';
import { completeSetup } from '../../electron/services/setup';
import { exportBundle } from '../../electron/sync/export';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { freshCore, steppingClock } from '../helpers/core';
import { districtKeys, trustDistrict } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';
import { readWorkbook, sheetRows } from '../helpers/xlsx';
import { ok } from './floating.helpers';
import { buildSmallTownship, buildTownship, FROM, TO } from './reports.helpers';

const A_CODES = ['450311100201', '450311100202', '450311100203'];
const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const WAN = 1_000_000;

/** Township A's figures for 2025-07-01..2025-12-31, worked out by hand from reports.helpers.ts. */
const TOWN_A: ReportFigures = {
  cadres: {
    sent: 2,
    sentByRole: { 第一书记: 2, 工作队长: 0, 工作队员: 0 },
    youngSent: 1,
    keyVillageFirstSecretaries: 0,
    relocationTeamMembers: 0,
    adjusted: 2,
    adjustedByStatus: { 期满轮换: 1, 召回调整: 1, 其他: 0 },
    inPost: 2,
    inPostByRole: { 第一书记: 1, 工作队长: 1, 工作队员: 0 },
    inPostByUnitLevel: { 中直: 0, 区直: 1, 市直: 0, 县区直: 1, 乡镇: 0 },
    inspections: 3,
    foundAbsent: 2,
    absentCadres: 2,
    absentList: [
      { name: '王芳', date: '2025-09-15', inspector: '督查组', notes: null },
      { name: '赵强', date: TO, inspector: '督查组', notes: '外出开会未请假' },
    ],
    evaluations: { 好: 1, 较好: 1, 一般: 1, 差: 0 },
    assessments: { 优秀: 1, 称职: 1, 基本称职: 0, 不称职: 0 },
  },
  workLogs: { logDays: 3, daysInVillage: 2, householdsVisited: 5, cadresLogging: 2, villageDays: 0 },
  floating: {
    onRoster: 3,
    villagesWithRoster: 2,
    byProvince: { 浙江省: 2, 广东省: 1 },
    byReason: { 务工: 2, 经商: 1, 学习: 0, 其他: 0 },
    withContactCadre: 1,
    contactedInInterval: 2,
    contactRecords: 3,
    returned: 1,
    transferredOut: 1,
  },
  projects: {
    projects: 3,
    byStatus: { 谋划: 1, 在建: 1, 运营: 1, 停滞: 0, 终止: 0 },
    byCategory: { ...zero(['种植', '养殖', '乡村旅游', '物业经济', '光伏', '农产品加工', '服务业', '其他']), 种植: 1, 养殖: 1, 光伏: 1 },
    investment: { total: 150 * WAN, fiscal: 60 * WAN, aid: 40 * WAN, village: 50 * WAN, social: 0, other: 0 },
    households: 10,
    projectIncome: 5 * WAN,
    villageIncome: 12_345_678,
    villages: 3,
    coveredVillages: 2,
    uncoveredVillages: 1,
    uncoveredList: [{ name: '南村', code: '450311100203' }],
  },
  partyDev: {
    activists: 0,
    villages: 3,
    villagesWithTwo: 0,
    villagesBelowList: [{ name: '东村', code: '450311100201', activists: 0 }, { name: '西村', code: '450311100202', activists: 0 }, { name: '南村', code: '450311100203', activists: 0 }],
    newActivists: 0,
    newProbationers: 0,
    newFullMembers: 0,
    casesFound: 0,
    measures: zero(['重新履行入党手续', '重新讨论预备党员转正', '提醒谈话', '警示谈话', '严重警告', '撤销党内职务']),
  },
  // No village of A is rated or flagged: stars.test.ts works these figures out on its own townships.
  stars: { newFive: 0, newFour: 0, newThree: 0, byStars: zero(['一星', '二星', '三星', '四星', '五星']), rated: 0, weak: 0, rectifications: 0, rectified: 0 },
};

async function report(core: Core, input: { from: string; to: string; township?: string | null }): Promise<Report> {
  return ok(core, 'reports.get', input);
}

describe('report figures for a township', () => {
  it('gives every figure of the period from the live rows, counting the first and last day', async () => {
    const core = await freshCore();
    await buildTownship(core, A_CODES);
    const r = await report(core, { from: FROM, to: TO });
    expect(r).toMatchObject({ unitName: '雁山镇', unitCode: '450311100', role: 'township', from: FROM, to: TO, contactIntervalDays: 90, coverageYear: 2025 });
    expect(r.scopes).toHaveLength(1);
    expect(r.scopes[0]).toMatchObject({ code: '450311100', name: '雁山镇' });
    expect(r.scopes[0]!.figures).toEqual(TOWN_A);
  });

  it('narrows to a single day and follows the contact interval setting', async () => {
    const core = await freshCore();
    await buildTownship(core, A_CODES);
    const last = (await report(core, { from: TO, to: TO })).scopes[0]!.figures;
    expect(last.cadres).toMatchObject({ sent: 0, adjusted: 1, inPost: 2, inspections: 1, foundAbsent: 1, absentCadres: 1 });
    expect(last.workLogs).toEqual({ logDays: 1, daysInVillage: 1, householdsVisited: 2, cadresLogging: 1, villageDays: 0 });
    expect(last.floating).toMatchObject({ onRoster: 3, contactRecords: 1, returned: 1, transferredOut: 0 });
    const before = (await report(core, { from: '2025-06-30', to: '2025-06-30' })).scopes[0]!.figures;
    expect(before.cadres).toMatchObject({ sent: 1, inPost: 2, inspections: 1, foundAbsent: 1 });
    expect(before.floating).toMatchObject({ onRoster: 4, withContactCadre: 2 }); // m5 transferred out only on the next day

    await ok(core, 'settings.update', { contactIntervalDays: 91 });
    const wider = (await report(core, { from: FROM, to: TO })).scopes[0]!.figures;
    expect(wider.floating.contactedInInterval).toBe(2); // m4's 91-day-old contact counts now, but m4 has returned
    await ok(core, 'settings.update', { contactIntervalDays: 89 });
    expect((await report(core, { from: FROM, to: TO })).scopes[0]!.figures.floating.contactedInInterval).toBe(1);
  });

  it('refuses a period that ends before it starts, naming the field, and bad dates', async () => {
    const core = await freshCore();
    const r = await dispatch(core, 'reports.get', { from: TO, to: FROM });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid', fields: [{ path: ['to'], message: '开始日期不能晚于结束日期' }] } });
    const bad = await dispatch(core, 'reports.get', { from: '2025-02-30', to: TO });
    expect(bad).toMatchObject({ ok: false, error: { fields: [{ path: ['from'], message: '开始日期应为有效日期（年-月-日）' }] } });
  });

  it('exports the workbook: a sheet per section with a title row, Chinese headers and the figures', async () => {
    const core = await freshCore();
    await buildTownship(core, A_CODES);
    const file = await ok(core, 'reports.exportXlsx', { from: FROM, to: TO });
    expect(file.fileName).toBe(`雁山镇统计报表_${FROM}_${TO}.xlsx`);
    const wb = await readWorkbook(file.base64);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['驻村干部', '驻村日志', '流动党员', '一村一项目', '发展党员', '评星定级', '督查不在岗名单', '无项目村名单']);
    const cadres = sheetRows(wb.getWorksheet('驻村干部')!);
    expect(cadres[0]![0]).toBe(`雁山镇驻村干部统计（${FROM} 至 ${TO}）`);
    // Two heading rows as on the page: the group merged over its figures, 单位 merged down.
    expect(cadres[1]!.slice(0, 9)).toEqual(['单位', '选派', '选派', '选派', '选派', '选派', '其中增派', '其中增派', '调整']);
    expect(cadres[2]!.slice(0, 9)).toEqual(['单位', '合计', '第一书记', '工作队长', '工作队员', '其中35岁以下', '重点村第一书记', '安置社区工作队员', '合计']);
    const ws = wb.getWorksheet('驻村干部')!;
    expect(ws.getCell('B2').isMerged && ws.getCell('F2').master.address).toBe('B2');
    expect(ws.getCell('A3').master.address).toBe('A2');
    expect(cadres[3]!.slice(0, 6)).toEqual(['雁山镇', 2, 2, 0, 0, 1]);
    // On paper: A4 landscape, one page wide, both heading rows repeated on every page.
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:3' });
    const projects = sheetRows(wb.getWorksheet('一村一项目')!);
    const money = projects[2]!.indexOf('总投资（万元）');
    expect(projects[1]![money]).toBe('投资');
    // Exact 万元 in the cell, two decimals shown.
    expect(projects[3]![money]).toBe(150);
    const village = projects[2]!.indexOf('村级集体经济收入（万元）');
    expect(projects[3]![village]).toBe(12.345678);
    expect(wb.getWorksheet('一村一项目')!.getCell(4, village + 1).numFmt).toBe('#,##0.00');
    expect(sheetRows(wb.getWorksheet('无项目村名单')!)[2]).toEqual(['雁山镇', '南村', '450311100203']);
    expect(sheetRows(wb.getWorksheet('督查不在岗名单')!).slice(2, 4).map((r) => r.slice(1, 3))).toEqual([['王芳', '2025-09-15'], ['赵强', TO]]);
  });
});

async function township(file: string, code: string, name: string): Promise<Core> {
  const core = await openCore(file, { now: steppingClock() });
  completeSetup(core, { role: 'township', code, name, operator: '张三', importVillages: [] });
  trustDistrict(core);
  return core;
}

describe('report figures for a district with two townships', () => {
  it('gives each figure per township (as the township itself counts it) and in total', async () => {
    const dir = tempDir();
    const a = await township(path.join(dir, 'a.db'), '450311100', '雁山镇');
    const b = await township(path.join(dir, 'b.db'), '450311101', '柘木镇');
    const district = await freshCore({ setup: 'district' });
    try {
      await buildTownship(a, A_CODES);
      await buildSmallTownship(b, '450311101201');
      for (const town of [a, b]) {
        const { file } = await exportBundle(town, { dir: tempDir() });
        await applyStaged(district, await stageBundle(district, file, districtKeys().keys));
      }
      const own = async (town: Core) => (await report(town, { from: FROM, to: TO })).scopes[0]!.figures;
      const r = await report(district, { from: FROM, to: TO });
      expect(r.role).toBe('district');
      // Every township of the district is a row: those that sent nothing are marked 未报送 and count 0.
      expect(r.scopes.map((s) => [s.code, s.name, s.data?.sent])).toEqual([
        ['450311001', '良丰街道', false],
        ['450311100', '雁山镇', true],
        ['450311101', '柘木镇', true],
        ['450311200', '大埠乡', false],
        ['450311201', '草坪回族乡', false],
        [null, '合计', undefined],
      ]);
      const by = (code: string | null) => r.scopes.find((s) => s.code === code)!;
      expect(by('450311001').data).toMatchObject({ asOf: null, importedAt: null, daysOld: null });
      expect(by('450311100').data!.asOf).toBe(district.db.prepare("SELECT created_at AS c FROM sync_in WHERE township_code = '450311100'").pluck().get());
      const [ra, rb, total] = ['450311100', '450311101', null].map((c) => by(c).figures) as [ReportFigures, ReportFigures, ReportFigures];
      const empty = by('450311200').figures;
      expect(ra).toEqual(TOWN_A);
      expect(rb).toEqual(await own(b));
      expect(rb.cadres).toMatchObject({ sent: 1, youngSent: 1, inPost: 1, inspections: 0 });
      expect(rb.floating).toMatchObject({ onRoster: 1, byProvince: { 浙江省: 1 }, contactedInInterval: 1 });
      expect(rb.projects).toMatchObject({ projects: 1, projectIncome: 1.5 * WAN, uncoveredVillages: 0 });
      // Every column of every section adds up to the total.
      for (const s of reportSections(r)) {
        for (const c of s.columns) {
          expect(c.value(total), `${s.title} ${c.label}`).toBe(r.scopes.slice(0, -1).reduce((a, x) => a + c.value(x.figures), 0));
          expect(c.value(total), `${s.title} ${c.label}`).toBe(c.value(ra) + c.value(rb));
          expect(c.value(empty), `${s.title} ${c.label}`).toBe(0);
        }
      }
      expect(total.cadres.absentList).toEqual(TOWN_A.cadres.absentList);
      expect(total.projects.uncoveredList).toEqual(TOWN_A.projects.uncoveredList);
      expect(total.floating.byProvince).toEqual({ 浙江省: 3, 广东省: 1 });

      const one = await report(district, { from: FROM, to: TO, township: '450311101' });
      expect(one.scopes).toEqual([{ code: '450311101', name: '柘木镇', figures: rb, attendance: by('450311101').attendance, data: by('450311101').data }]);

      const wb = await readWorkbook((await ok(district, 'reports.exportXlsx', { from: FROM, to: TO })).base64);
      expect(wb.worksheets[0]!.name).toBe('报送情况');
      expect(sheetRows(wb.getWorksheet('报送情况')!).slice(2).map((x) => x.slice(0, 2))).toEqual([
        ['良丰街道', '未报送'], ['雁山镇', '已报送'], ['柘木镇', '已报送'], ['大埠乡', '未报送'], ['草坪回族乡', '未报送'],
      ]);
      const rows = sheetRows(wb.getWorksheet('驻村日志')!);
      expect(rows[1]).toEqual(['乡镇（街道）', '日志天数', '在村天数', '走访农户（户次）', '记日志干部（人）', '其中驻村版录入（天）', '驻村版录入占比（%）']);
      expect(rows.slice(2, 8)).toEqual([
        ['良丰街道（未报送）', 0, 0, 0, 0, 0, 0], ['雁山镇', 3, 2, 5, 2, 0, 0], ['柘木镇', 1, 1, 7, 1, 0, 0], ['大埠乡（未报送）', 0, 0, 0, 0, 0, 0], ['草坪回族乡（未报送）', 0, 0, 0, 0, 0, 0], ['合计', 4, 3, 12, 3, 0, 0],
      ]);
    } finally {
      a.close();
      b.close();
    }
  });
});
