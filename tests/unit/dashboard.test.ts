import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import type { Core } from '../../electron/core';
import { maskIdNumber } from '../../electron/domain/idNumber';
import { exportBundle } from '../../electron/sync/export';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { tempDir } from '../helpers/tmp';
import { districtKeys, trustDistrict } from '../helpers/sync';
import { ok } from './floating.helpers';
import {
  DISTRICT,
  YANSHAN,
  ZHEMU,
  cadre,
  contactCadre,
  contacted,
  coreOn,
  logDays,
  member,
  nextId,
  post,
  project,
  village,
} from './dashboard.helpers';

const check = (d: Awaited<ReturnType<typeof dashboardOf>>, key: string) => d.quality.find((q) => q.key === key)!;
const dashboardOf = (core: Core, township: string | null = null) => ok(core, 'dashboard.get', { township });

/**
 * One township on 2026-01-05 (judged month 2025-12, this year 2026, last year 2025; interval 90
 * days so the overdue cutoff is 2025-10-07 and twice the interval 2025-07-09; threshold 20 days).
 */
async function township() {
  const { core, clock } = await coreOn('2026-01-05', YANSHAN);
  const v = { east: await village(core, '东立村'), west: await village(core, '西村'), south: await village(core, '南村'), north: await village(core, '北村') };
  // Cadres: A and B first secretaries since November, C and D team members posted on 12-21
  // (11 of 31 days: they owe round(20 × 11 / 31) = 7 days), E never posted.
  const a = await cadre(core, '甲书记');
  await post(core, a, v.east, '第一书记', '2025-11-01');
  await logDays(core, a, '2025-12-01', 20);
  await logDays(core, a, '2026-01-01', 1);
  const b = await cadre(core, '乙书记');
  await post(core, b, v.west, '第一书记', '2025-11-01');
  await logDays(core, b, '2025-12-13', 19);
  const c = await cadre(core, '丙队员');
  await post(core, c, v.east, '工作队员', '2025-12-21');
  await logDays(core, c, '2025-12-21', 7);
  const d = await cadre(core, '丁队长');
  await post(core, d, v.south, '工作队长', '2025-12-21');
  await logDays(core, d, '2025-12-21', 6);
  const sharedId = nextId();
  await cadre(core, '戊干部', sharedId);
  // Floating members.
  const m1 = await member(core, v.east, '成员一', '2025-10-07', sharedId);
  await contactCadre(core, m1.id, '2025-10-07');
  const m2 = await member(core, v.east, '成员二', '2025-10-06');
  const m3 = await member(core, v.west, '成员三', '2025-03-01');
  await contactCadre(core, m3.id, '2025-03-01');
  await contacted(core, m3.id, '2025-07-09');
  const m4 = await member(core, v.west, '成员四', '2025-03-01');
  await contactCadre(core, m4.id, '2025-03-01');
  await contacted(core, m4.id, '2025-07-08');
  const m5 = await member(core, v.south, '成员五', '2025-01-01');
  await ok(core, 'floating.changeStatus', { id: m5.id, version: m5.version, status: '已返回', date: '2025-12-01' });
  // Projects.
  await project(core, v.east, { name: '百香果基地', year: 2024, status: '运营', total: '100', fiscal: '100', incomes: [{ year: 2025, income: '3' }] });
  await project(core, v.west, { name: '光伏电站', year: 2025, status: '在建', total: '50', fiscal: '50' });
  await project(core, v.south, { name: '民宿', year: 2026, status: '谋划' });
  await project(core, v.south, { name: '旧厂房', year: 2024, status: '终止', total: '5', fiscal: '5', actualEnd: '2024-12-31' });
  await project(core, v.north, { name: '门面出租', year: 2025, status: '运营', total: '0', fiscal: '0' });
  await project(core, v.north, { name: '养牛场', year: 2025, status: '运营', total: '8', fiscal: '8', incomes: [{ year: 2025, income: '0' }] });
  return { core, clock, v, m2, sharedId };
}

describe('home dashboard (township)', () => {
  it('counts every figure from the live rows, the same as the lists the numbers open', async () => {
    const { core } = await township();
    const d = await dashboardOf(core);
    expect(d).toMatchObject({ role: 'township', today: '2026-01-05', attendanceMonth: '2025-12', year: 2026, contactIntervalDays: 90, attendanceThresholdDays: 20 });
    expect(d.figures).toEqual({
      cadresInPost: 4,
      inPostByRole: { 第一书记: 2, 工作队员: 1, 工作队长: 1 },
      // B: 19 of 20 days; D: 6 of the 7 owed for 11 days posted. A has 20, C its 7.
      belowThreshold: 2,
      floatingOut: 4,
      // M1 was last heard of exactly 90 days ago (in time); M2 91 days; M3 and M4 long ago.
      overdue: 3,
      noContact: 1,
      villages: 4,
      // 南村 has only a 谋划 project and one that ended before 2026.
      villagesWithoutProject: 1,
      projectsByStatus: { 运营: 3, 在建: 1, 谋划: 1, 终止: 1 },
    });
    const below = await ok(core, 'cadres.list', { month: '2025-12', belowOnly: true, page: 1, pageSize: 50 });
    expect(below.rows.map((r) => r.name).sort()).toEqual(['丁队长', '乙书记']);
    const overdue = await ok(core, 'floating.list', { flag: 'overdue', page: 1, pageSize: 50 });
    expect(overdue.rows.map((r) => r.name).sort()).toEqual(['成员三', '成员二', '成员四']);
    const noContact = await ok(core, 'floating.list', { flag: 'noContact', page: 1, pageSize: 50 });
    expect(noContact.rows.map((r) => r.name)).toEqual(['成员二']);
    const coverage = await ok(core, 'projects.coverage', { year: 2026 });
    expect(coverage.uncovered).toBe(d.figures.villagesWithoutProject);
    expect(d.townships).toEqual([]);
  });

  it('lists each data-quality check with its count and the rows, boundaries included', async () => {
    const { core, sharedId } = await township();
    const d = await dashboardOf(core);
    // B's last log is 12-31 (last month); A logged on 01-01. C has no log but is no secretary.
    expect(check(d, 'secretaryNoLog')).toMatchObject({ count: 1, items: [{ register: '驻村干部', name: '乙书记', village: '西村', detail: '最近日志 2025-12-31' }] });
    // Exactly twice the interval (M3, 2025-07-09) is not yet a hit; a day more (M4) is. M5 has returned.
    expect(check(d, 'longUncontacted')).toMatchObject({ count: 1, items: [{ name: '成员四', village: '西村', detail: '最近联系 2025-07-08' }] });
    expect(check(d, 'longUncontacted').title).toBe('超过180天未联系的流动党员');
    // 光伏电站 invested without a 2025 income; 养牛场 recorded 0; 门面出租 has no investment;
    // 民宿 is only planned; 旧厂房 ended before 2025; 百香果基地 reported.
    expect(check(d, 'projectNoIncome')).toMatchObject({ count: 1, items: [{ register: '一村一项目', name: '光伏电站', village: '西村', detail: '总投资 50.00 万元' }] });
    // The same ID number on a cadre and a floating member, masked.
    const shared = check(d, 'sharedIdNumber');
    expect(shared.count).toBe(1);
    expect(shared.items[0]!.detail).toBe(`身份证号 ${maskIdNumber(sharedId)}`);
    expect(shared.items[0]!.name).toBe('戊干部（驻村干部）、成员一（流动党员·东立村）');
    expect(JSON.stringify(d)).not.toContain(sharedId);
    // Every hit names the rows it opens, by record id; each list filtered to that id shows the one person.
    expect(check(d, 'secretaryNoLog').items[0]!.records).toMatchObject([{ register: 'cadres', name: '乙书记' }]);
    expect(check(d, 'longUncontacted').items[0]!.records).toMatchObject([{ register: 'floating', name: '成员四' }]);
    expect(check(d, 'projectNoIncome').items[0]!.records).toMatchObject([{ register: 'projects', name: '光伏电站' }]);
    const [cadreRec, memberRec] = shared.items[0]!.records;
    expect([cadreRec!.register, memberRec!.register]).toEqual(['cadres', 'floating']);
    const cadreList = await ok(core, 'cadres.list', { id: cadreRec!.id, page: 1, pageSize: 50 });
    expect(cadreList.rows.map((r) => r.name)).toEqual(['戊干部']);
    expect(cadreList.total).toBe(1);
    const memberList = await ok(core, 'floating.list', { id: memberRec!.id, page: 1, pageSize: 50 });
    expect(memberList.rows.map((r) => r.name)).toEqual(['成员一']);
    expect(memberList.total).toBe(1);
  });

  it('changes at once when a register changes: nothing is cached', async () => {
    const { core, m2 } = await township();
    expect((await dashboardOf(core)).figures.overdue).toBe(3);
    await contacted(core, m2.id, '2026-01-04');
    await contactCadre(core, m2.id, '2026-01-04');
    const d = await dashboardOf(core);
    expect(d.figures).toMatchObject({ overdue: 2, noContact: 0 });
    await ok(core, 'settings.update', { contactIntervalDays: 30 });
    const again = await dashboardOf(core);
    // 30 days: everyone out but M2 is overdue; 60 days twice: M1 (10-07), M3, M4.
    expect(again.figures.overdue).toBe(3);
    expect(check(again, 'longUncontacted').count).toBe(3);
  });

  it('moves the judged month with the clock: on 1 February January is judged', async () => {
    const { core, clock } = await township();
    clock.jump('2026-02-01');
    const d = await dashboardOf(core);
    expect(d.attendanceMonth).toBe('2026-01');
    // In January only A logged one day; all four in post are short.
    expect(d.figures.belowThreshold).toBe(4);
    // Nobody has logged in February yet: both secretaries are listed.
    expect(check(d, 'secretaryNoLog').count).toBe(2);
  });

  it('counts the days since the last sync export', async () => {
    const { core, clock } = await coreOn('2026-01-05', YANSHAN);
    expect(await dashboardOf(core)).toMatchObject({ lastExportAt: null, daysSinceExport: null });
    trustDistrict(core);
    await exportBundle(core, { dir: tempDir() });
    expect(await dashboardOf(core)).toMatchObject({ daysSinceExport: 0 });
    clock.jump('2026-01-12');
    const d = await dashboardOf(core);
    expect(d.lastExportAt?.slice(0, 10)).toBe('2026-01-05');
    expect(d.daysSinceExport).toBe(7);
  });
});

/** A township with one village, a secretary without logs, one member overdue and no contact cadre. */
async function yanshanData(core: Core, idNumber: string) {
  const v = await village(core, '东立村');
  const a = await cadre(core, '雁山书记', idNumber);
  await post(core, a, v, '第一书记', '2025-11-01');
  await member(core, v, '雁山成员', '2025-06-01');
}

async function zhemuData(core: Core, idNumber: string) {
  await village(core, '柘木一村');
  await village(core, '柘木二村');
  await cadre(core, '柘木干部', idNumber);
}

describe('home dashboard (district)', () => {
  it('gives the district total, per township figures and days since each last bundle', async () => {
    const { core: district, clock } = await coreOn('2026-01-05', DISTRICT);
    const yanshan = await coreOn('2026-01-05', YANSHAN);
    const zhemu = await coreOn('2026-01-05', ZHEMU);
    const sharedId = nextId();
    await yanshanData(yanshan.core, sharedId);
    await zhemuData(zhemu.core, sharedId);
    const importFrom = async (town: Core) => {
      trustDistrict(town);
      const { file } = await exportBundle(town, { dir: tempDir() });
      applyStaged(district, await stageBundle(district, file, districtKeys().keys));
    };
    await importFrom(yanshan.core);
    clock.jump('2026-01-08');
    zhemu.clock.jump('2026-01-08');
    await importFrom(zhemu.core);

    const d = await dashboardOf(district);
    expect(d.role).toBe('district');
    expect(d.figures).toMatchObject({ cadresInPost: 1, overdue: 1, noContact: 1, villages: 3, villagesWithoutProject: 3 });
    const row = (code: string) => d.townships.find((t) => t.code === code)!;
    expect(d.townships.map((t) => t.code)).toEqual([...d.townships.map((t) => t.code)].sort());
    expect(row('450311100')).toMatchObject({ name: '雁山镇', sent: true, daysOld: 3, clockNote: null, figures: { cadresInPost: 1, overdue: 1, noContact: 1, villages: 1, villagesWithoutProject: 1 } });
    expect(row('450311101')).toMatchObject({ name: '柘木镇', sent: true, daysOld: 0, figures: { cadresInPost: 0, overdue: 0, villages: 2, villagesWithoutProject: 2 } });
    // A township of the district that never sent a bundle is listed with nothing.
    expect(row('450311200')).toMatchObject({ sent: false, asOf: null, importedAt: null, daysOld: null, figures: { villages: 0, cadresInPost: 0 } });
    // The same person registered in two townships.
    expect(check(d, 'sharedIdNumber')).toMatchObject({ count: 1, items: [{ name: '柘木干部（驻村干部）、雁山书记（驻村干部·东立村）' }] });
    expect(check(d, 'secretaryNoLog').count).toBe(1);

    // The header's township picker narrows the figures and the checks, not the per-township table.
    const one = await dashboardOf(district, '450311101');
    expect(one.figures).toMatchObject({ cadresInPost: 0, overdue: 0, villages: 2, villagesWithoutProject: 2 });
    expect(check(one, 'sharedIdNumber').count).toBe(0);
    expect(check(one, 'secretaryNoLog').count).toBe(0);
    expect(one.townships).toHaveLength(d.townships.length);
  });

  it('counts a township\'s data as of its export, not of the import, and says when the two are days apart', async () => {
    const { core: district } = await coreOn('2026-01-05', DISTRICT);
    // The township's PC (or the USB stick's journey) is three weeks behind the district.
    const yanshan = await coreOn('2025-12-15', YANSHAN);
    await village(yanshan.core, '东立村');
    trustDistrict(yanshan.core);
    const { file } = await exportBundle(yanshan.core, { dir: tempDir() });
    applyStaged(district, await stageBundle(district, file, districtKeys().keys));
    const row = (await dashboardOf(district)).townships.find((t) => t.code === '450311100')!;
    expect(row).toMatchObject({ sent: true, daysOld: 21, importedAt: expect.stringMatching(/^2026-01-05/) });
    expect(row.asOf!.slice(0, 10)).toBe('2025-12-15');
    expect(row.clockNote).toMatch(/数据截至 2025-12-15.*2026-01-05 才导入/);
    // The 报送情况 grid credits the week the data was exported in, not the week it arrived.
    const grid = await ok(district, 'sync.completeness', { weeks: 8 });
    const counts = new Map(grid.weeks.map((w, i) => [w.start, grid.townships.find((t) => t.code === '450311100')!.counts[i]]));
    expect(counts.get('2025-12-15')).toBe(1);
    expect(counts.get('2026-01-05')).toBe(0);
  });

  it('refuses a township code that is not 9 digits, in Chinese', async () => {
    const { core } = await coreOn('2026-01-05', DISTRICT);
    const r = await dispatch(core, 'dashboard.get', { township: '4503' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/乡镇代码应为9位数字/);
  });
});
