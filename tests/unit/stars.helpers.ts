import type { Input, StarReport } from '../../electron/api/contract';
import type { Core } from '../../electron/core';
import { township } from '../helpers/trust';
import { ok, validId } from './floating.helpers';

/**
 * Townships built through the services with known 评星定级 and 增派 figures for 2026年上半年
 * (2026-01-01..2026-06-30). The expected figures are worked out by hand beside each row.
 */
export const FROM = '2026-01-01';
export const TO = '2026-06-30';

/**
 * A township whose clock stands after the period (2026-07-15): the postings below reach 2026-07-01,
 * and a posting may not start after today.
 */
export const ratedTownship = (code: string, name: string, prefix: string) => township(code, name, prefix, undefined, '2026-07-15T08:00:00.000Z');

type Flags = { keyVillage?: boolean; relocation?: boolean; years?: { year: number; stars: number }[] };

export async function village(core: Core, name: string, code: string, flags: Flags = {}): Promise<string> {
  return (await ok(core, 'villages.create', { name, code, kind: '行政村', ...flags })).id;
}


export async function rate(core: Core, villageId: string, year: number, stars: number, more: Partial<Input<'stars.create'>> = {}) {
  return ok(core, 'stars.create', { villageId, year, stars, changeReason: '按年度考评结果', ...more });
}

let cadreNo = 0;
/** A cadre posted to a village in a role from a day (each posting its own cadre). */
export async function posting(core: Core, villageId: string, role: '第一书记' | '工作队长' | '工作队员', startDate: string) {
  const n = ++cadreNo;
  const idNumber = validId(`4503021980${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(100 + n).slice(-3)}`);
  const cadre = await ok(core, 'cadres.create', { name: `干部${'甲乙丙丁戊己庚辛壬癸'[n % 10]}${'一二三四五六七八九十'[Math.floor(n / 10) % 10]}`, idNumber, unit: '雁山区某局', unitLevel: '县区直', mobile: '13812345678' });
  return ok(core, 'cadres.post', { cadreId: cadre.id, villageId, role, startDate });
}

/**
 * Township A (codes under `prefix`, 9 digits): eight villages rated for 2026, the year before
 * from ratings or the villages register.
 */
export async function buildTownshipA(core: Core, prefix: string): Promise<void> {
  const code = (n: number) => `${prefix}${String(200 + n)}`;
  const jia = await village(core, '甲村', code(1));
  await rate(core, jia, 2025, 4);
  await rate(core, jia, 2026, 5, { score: 95 }); // 新增五星 (4 → 5)
  const yi = await village(core, '乙村', code(2));
  await rate(core, yi, 2026, 5); // 新增五星 (none → 5)
  const bing = await village(core, '丙村', code(3));
  await rate(core, bing, 2025, 5);
  await rate(core, bing, 2026, 5); // five again: not 新增
  // 2025 from the villages register (rated before this register existed): 5 → 4 is not 新增四星.
  const ding = await village(core, '丁村', code(4), { years: [{ year: 2025, stars: 5 }] });
  await rate(core, ding, 2026, 4);
  // 新增三星 (2 → 3), a relocation community with two corrective items, one done in the period.
  const wu = await village(core, '戊村', code(5), { relocation: true });
  await rate(core, wu, 2025, 2, { rectifications: [{ item: '健全村务监督委员会' }] });
  await rate(core, wu, 2026, 3, {
    rectifications: [
      { item: '规范“三会一课”', deadline: '2026-06-30', responsible: '李四', result: '已建立记录本', doneDate: '2026-05-01' },
      { item: '发展村级集体经济', deadline: '2026-12-31', responsible: '李四' },
    ],
  });
  // 4 → 3 is not 新增三星; its item is done after the period (not yet 已完成 on 6月30日).
  const ji = await village(core, '己村', code(6));
  await rate(core, ji, 2025, 4);
  await rate(core, ji, 2026, 3, { rectifications: [{ item: '调整村党组织班子', result: '已调整', doneDate: '2026-07-05' }] });
  // One star: 软弱涣散; a key village.
  const geng = await village(core, '庚村', code(7), { keyVillage: true });
  await rate(core, geng, 2026, 1, { rectifications: [{ item: '选派第一书记整顿' }] });
  // 2025 from the villages register: 3 → 4 is 新增四星.
  const xin = await village(core, '辛村', code(8), { years: [{ year: 2025, stars: 3 }] });
  await rate(core, xin, 2026, 4);
  // Removed, and another year: neither counts.
  const ren = await village(core, '壬村', code(9));
  const gone = await rate(core, ren, 2026, 5);
  await ok(core, 'stars.remove', { id: gone.id, version: gone.version });
  await rate(core, ren, 2027, 5);
  const gui = await village(core, '癸村', code(10), { keyVillage: true }); // not rated

  await posting(core, geng, '第一书记', FROM); // 增派重点村第一书记, on the first day
  await posting(core, gui, '第一书记', '2025-12-31'); // the day before
  await posting(core, geng, '工作队员', '2026-03-01'); // not a first secretary
  await posting(core, wu, '工作队员', TO); // 增派安置社区工作队员, on the last day
  await posting(core, wu, '工作队长', '2026-02-01'); // 工作队长 counts as a team member
  await posting(core, wu, '第一书记', '2026-02-01'); // a first secretary is not a team member
  await posting(core, jia, '工作队员', '2026-03-01'); // no flag
  await posting(core, wu, '工作队员', '2026-07-01'); // the day after
}

const stars = (five: number, four: number, three: number, two: number, one: number) => ({ 一星: one, 二星: two, 三星: three, 四星: four, 五星: five });

/** Township A's figures for 2026年上半年, by hand from buildTownshipA. */
export const STARS_A: StarReport = {
  newFive: 2, // 甲村, 乙村
  newFour: 1, // 辛村
  newThree: 1, // 戊村
  byStars: stars(3, 2, 2, 0, 1), // 甲乙丙 / 丁辛 / 戊己 / — / 庚
  rated: 8,
  weak: 1, // 庚村
  rectifications: 4, // 戊村 2, 己村 1, 庚村 1 (戊村's 2025 item is another year)
  rectified: 1, // 戊村's first; 己村's was done on 2026-07-05
};
export const POSTINGS_A = { keyVillageFirstSecretaries: 1, relocationTeamMembers: 2 };

/** Township B: a smaller one. */
export async function buildTownshipB(core: Core, prefix: string): Promise<void> {
  const code = (n: number) => `${prefix}${String(200 + n)}`;
  const east = await village(core, '东岭村', code(1), { keyVillage: true });
  await rate(core, east, 2025, 3);
  await rate(core, east, 2026, 5); // 新增五星
  const west = await village(core, '西岭村', code(2), { relocation: true });
  await rate(core, west, 2026, 3, { rectifications: [{ item: '完善阵地建设', result: '已完善', doneDate: '2026-03-01' }] }); // 新增三星
  await village(core, '南岭村', code(3)); // not rated
  await posting(core, east, '第一书记', '2026-04-01');
  await posting(core, west, '工作队员', '2026-04-01');
  await posting(core, west, '工作队员', '2026-05-01');
}

export const STARS_B: StarReport = { newFive: 1, newFour: 0, newThree: 1, byStars: stars(1, 0, 1, 0, 0), rated: 2, weak: 0, rectifications: 1, rectified: 1 };
export const POSTINGS_B = { keyVillageFirstSecretaries: 1, relocationTeamMembers: 2 };
