import type { Core } from '../../electron/core';
import { memberInput, ok, validId } from './floating.helpers';

/**
 * A township built through the services with known report figures for the period 2025 下半年
 * (2025-07-01..2025-12-31; the test clock reads 2026-01-05). Rows on the first and last day
 * count; the day before and after do not. The expected figures are in TOWN_A below.
 */
export const FROM = '2025-07-01';
export const TO = '2025-12-31';

async function villages(core: Core, codes: string[]) {
  const [east, west, south] = await Promise.all(
    ['东村', '西村', '南村'].map(async (name, i) =>
      (
        await ok(core, 'villages.create', {
          name,
          code: codes[i]!,
          kind: '行政村',
          years: name === '东村' ? [{ year: 2025, income: '12.345678' }] : name === '西村' ? [{ year: 2024, income: '8' }] : [],
        })
      ).id,
    ),
  );
  return { east: east!, west: west!, south: south! };
}

async function cadre(core: Core, name: string, birth: string, unitLevel: '中直' | '区直' | '市直' | '县区直' | '乡镇') {
  const idNumber = validId(`450302${birth}${String(name.charCodeAt(0) % 900).padStart(3, '1')}`);
  return (await ok(core, 'cadres.create', { name, idNumber, unit: '雁山区某局', unitLevel, mobile: '13812345678' })).id;
}

async function post(core: Core, cadre: string, villageId: string, role: '第一书记' | '工作队长' | '工作队员', startDate: string) {
  return ok(core, 'cadres.post', { cadreId: cadre, villageId, role, startDate });
}

async function cadres(core: Core, v: { east: string; west: string; south: string }) {
  const li = await cadre(core, '李明', '19950701', '县区直'); // 30 on 2025-07-01: young
  const wang = await cadre(core, '王芳', '19800101', '市直');
  const zhao = await cadre(core, '赵强', '19850101', '区直');
  const chen = await cadre(core, '陈刚', '19900101', '乡镇');
  const zhou = await cadre(core, '周敏', '19700101', '中直');
  await post(core, li, v.east, '第一书记', FROM); // sent on the first day
  const w = await post(core, wang, v.west, '工作队员', '2025-01-10');
  await ok(core, 'cadres.endPosting', { id: w.id, version: w.version, status: '期满轮换', actualEnd: TO }); // adjusted on the last day
  await post(core, zhao, v.west, '工作队长', '2025-06-30'); // the day before: in post, not sent
  await post(core, chen, v.south, '工作队员', '2026-01-02'); // after the period
  const z = await post(core, zhou, v.south, '第一书记', '2025-08-01');
  await ok(core, 'cadres.endPosting', { id: z.id, version: z.version, status: '召回调整', actualEnd: '2025-11-30', reason: '工作调整' });
  const log = (cadreId: string, logDate: string, inVillage: boolean, households: number) =>
    ok(core, 'cadres.saveLog', { cadreId, logDate, inVillage, workKind: households ? '走访农户' : '召开会议', households });
  await log(li, FROM, true, 3);
  await log(li, TO, true, 2);
  await log(zhao, '2025-06-30', true, 5);
  await log(zhao, '2025-07-02', false, 0);
  await log(zhao, '2026-01-02', true, 4);
  const inspect = (cadreId: string, inspectDate: string, inPost: boolean, notes?: string) =>
    ok(core, 'cadres.addInspection', { cadreId, inspectDate, inspector: '督查组', inPost, notes });
  await inspect(li, FROM, true);
  await inspect(zhao, TO, false, '外出开会未请假');
  await inspect(zhao, '2025-06-30', false);
  await inspect(wang, '2025-09-15', false);
  const removed = await inspect(li, '2025-09-16', false);
  await ok(core, 'cadres.removeInspection', { id: removed.id, version: removed.version });
  const evaluate = (cadreId: string, year: number, quarter: number, result: '好' | '较好' | '一般' | '差') => ok(core, 'cadres.saveEvaluation', { cadreId, year, quarter, result });
  await evaluate(li, 2025, 3, '好');
  await evaluate(zhao, 2025, 4, '较好');
  await evaluate(zhao, 2025, 2, '差');
  await evaluate(wang, 2025, 3, '一般');
  await ok(core, 'cadres.saveAssessment', { cadreId: zhao, year: 2025, result: '优秀' });
  await ok(core, 'cadres.saveAssessment', { cadreId: wang, year: 2025, result: '称职' });
  await ok(core, 'cadres.saveAssessment', { cadreId: chen, year: 2026, result: '不称职' }); // a year after the period's
}

const GD = { destProvince: '44', destCity: '4403', destCounty: '440306' };
const ZJ = { destProvince: '33', destCity: '3301', destCounty: '330106' };

async function floating(core: Core, v: { east: string; west: string; south: string }) {
  let n = 100;
  const member = async (villageId: string, leftDate: string, over: Record<string, unknown>) =>
    ok(core, 'floating.create', memberInput(villageId, { name: `党员${'甲乙丙丁戊己'[n - 100]}`, idNumber: validId(`45031119900101${++n}`), leftDate, ...over }));
  const contact = (memberId: string, startDate: string) => ok(core, 'floating.assignContact', { memberId, cadreName: '黄书记', cadrePhone: '13900001111', startDate });
  const record = (memberId: string, contactDate: string) => ok(core, 'floating.addRecord', { memberId, contactDate, way: '电话', madeBy: '黄书记', content: '了解近况' });
  const status = async (id: string, s: '已返回' | '组织关系转出', date: string) => {
    const m = await ok(core, 'floating.get', { id });
    return ok(core, 'floating.changeStatus', { id, version: m.version, status: s, date, transferTo: s === '组织关系转出' ? '深圳某党支部' : null });
  };
  const m1 = await member(v.east, '2025-03-01', { ...GD, reason: '务工' });
  await contact(m1.id, '2025-05-01');
  await record(m1.id, '2025-10-02'); // exactly 90 days before the last day: in time
  await member(v.west, TO, { ...ZJ, reason: '经商' }); // left on the last day: on the roster
  await member(v.east, '2026-01-02', { ...GD, reason: '务工' }); // left after the period
  const m4 = await member(v.south, '2024-05-01', { ...GD, reason: '务工' });
  await contact(m4.id, '2025-01-01');
  await record(m4.id, '2025-10-01'); // 91 days before: not in time (and the member returned anyway)
  await status(m4.id, '已返回', TO);
  const m5 = await member(v.south, '2024-01-01', { ...GD, reason: '学习' });
  await status(m5.id, '组织关系转出', FROM);
  const m6 = await member(v.west, '2025-02-01', { ...ZJ, reason: '务工' });
  await record(m6.id, TO);
  await contact(m6.id, '2026-01-01'); // assigned after the period
  await status(m6.id, '已返回', '2026-01-03'); // returned after the period: away at its end
}

async function projects(core: Core, v: { east: string; west: string; south: string }) {
  const base = { model: '村集体自营' as const };
  await ok(core, 'projects.create', {
    ...base, villageId: v.east, year: 2025, name: '东村光伏', category: '光伏', status: '运营', total: '100', fiscal: '60', aid: '40', households: 10,
    incomes: [{ year: 2025, income: '5' }, { year: 2024, income: '3' }],
  });
  await ok(core, 'projects.create', { ...base, villageId: v.west, year: 2024, name: '西村种植', category: '种植', status: '在建', total: '50', village: '50' });
  await ok(core, 'projects.create', { ...base, villageId: v.south, year: 2025, name: '南村养殖', category: '养殖', status: '谋划', total: '0' });
  await ok(core, 'projects.create', { ...base, villageId: v.south, year: 2023, name: '南村旅游', category: '乡村旅游', status: '终止', total: '20', other: '20', actualStart: '2023-05-01', actualEnd: '2024-12-31' });
  await ok(core, 'projects.create', { ...base, villageId: v.east, year: 2026, name: '东村新项目', category: '种植', status: '在建', total: '30', social: '30' });
  const gone = await ok(core, 'projects.create', { ...base, villageId: v.south, year: 2025, name: '已删除项目', category: '其他', status: '运营', total: '1000', fiscal: '1000' });
  await ok(core, 'projects.remove', { id: gone.id, version: gone.version });
}

/** Builds township A's rows; `codes` are its three villages' 12-digit codes. */
export async function buildTownship(core: Core, codes: string[]): Promise<void> {
  const v = await villages(core, codes);
  await cadres(core, v);
  await floating(core, v);
  await projects(core, v);
}

/** A second, smaller township: one first secretary sent, one member away, one running project. */
export async function buildSmallTownship(core: Core, code: string): Promise<void> {
  const village = (await ok(core, 'villages.create', { name: '柘木村', code, kind: '行政村' })).id;
  const c = await cadre(core, '刘洋', '19980301', '县区直');
  await post(core, c, village, '第一书记', '2025-09-01');
  await ok(core, 'cadres.saveLog', { cadreId: c, logDate: '2025-09-02', inVillage: true, workKind: '走访农户', households: 7 });
  const m = await ok(core, 'floating.create', memberInput(village, { name: '柘木党员', idNumber: validId('45031119910101123'), leftDate: '2025-08-01', ...ZJ, reason: '经商' }));
  await ok(core, 'floating.addRecord', { memberId: m.id, contactDate: '2025-12-01', way: '微信', madeBy: '刘洋', content: '了解近况' });
  await ok(core, 'projects.create', { villageId: village, year: 2025, name: '柘木物业', category: '物业经济', model: '租赁', status: '运营', total: '20', aid: '20', incomes: [{ year: 2025, income: '1.5' }] });
}
