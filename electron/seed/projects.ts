import { allLiveVillages } from '../../db/villages';
import type { ParsedInput } from '../api/contract';
import type { Core } from '../core';
import { addDays, localDay } from '../domain/dates';
import { PROJECT_CATEGORIES, PROJECT_MODELS, type ProjectCategory } from '../domain/projects';
import { addProgress, createProject } from '../services/projects';
import { personName, type Rng } from './random';

const NAMES: Record<ProjectCategory, string[]> = {
  种植: ['沙田柚种植基地', '罗汉果种植示范园', '金槐种植项目', '高山茶园提升项目'],
  养殖: ['生态养鱼项目', '肉牛养殖场', '林下养鸡项目'],
  乡村旅游: ['田园综合体', '民宿改造项目', '农家乐集群'],
  物业经济: ['标准厂房出租项目', '农贸市场铺面项目', '集体仓储用房'],
  光伏: ['屋顶分布式光伏电站', '村级光伏电站'],
  农产品加工: ['农产品初加工车间', '米粉加工厂', '果蔬冷链仓储'],
  服务业: ['村级电商服务站', '农机作业服务队', '劳务合作社'],
  其他: ['集体资产盘活项目', '土地流转服务项目'],
};

/** Fen amounts, whole yuan mostly and now and then to the fen, split over one to three sources. */
function funding(rng: Rng): { total: number; fiscal: number; aid: number; village: number; social: number; other: number } {
  const parts = [0, 0, 0, 0, 0];
  for (let k = rng.int(1, 3); k > 0; k--) parts[rng.int(0, 4)]! += rng.int(20_000, 2_000_000) * 100 + (rng.chance(0.2) ? rng.int(1, 99) : 0);
  const [fiscal, aid, village, social, other] = parts as [number, number, number, number, number];
  return { total: parts.reduce((a, b) => a + b, 0), fiscal, aid, village, social, other };
}

/** One project's form for village `v` counted for `year`: some started in earlier years and are operating. */
export function projectInput(rng: Rng, v: { id: string; name: string }, year: number): ParsedInput<'projects.create'> {
  const category = rng.pick(PROJECT_CATEGORIES);
  const started = rng.chance(0.35) ? year - rng.int(1, 3) : year;
  const status = started < year ? '运营' : rng.pick(['谋划', '在建', '在建', '运营'] as const);
  const begun = status !== '谋划';
  return {
    villageId: v.id,
    year: started,
    name: `${v.name}${rng.pick(NAMES[category])}`,
    category,
    model: rng.pick(PROJECT_MODELS),
    partner: rng.chance(0.5) ? `桂林市${rng.pick(['绿源', '丰收', '山水', '兴农'])}农业发展有限公司` : null,
    responsible: personName(rng),
    plannedStart: `${started}-03-01`,
    plannedEnd: `${started}-12-31`,
    actualStart: begun ? `${started}-0${rng.int(3, 9)}-15` : null,
    actualEnd: null,
    status,
    ...funding(rng),
    households: rng.int(10, 300),
    note: null,
    incomes: Array.from({ length: year - started }, (_, i) => ({ year: started + i, income: rng.int(10_000, 500_000) * 100 })),
  };
}

/** One project for village `v` counted for `year`, through the services, with 1-4 progress updates. */
export function seedProject(core: Core, rng: Rng, v: { id: string; name: string }, year: number, today: string): void {
  const input = projectInput(rng, v, year);
  const begun = input.status !== '谋划';
  const detail = createProject(core, input);
  const updates = rng.int(1, 4);
  let percent = 0;
  for (let i = 0; i < updates; i++) {
    percent = Math.min(100, percent + rng.int(10, 40));
    const date = addDays(today, -30 * (updates - i) - rng.int(0, 20));
    // Work done is reported from 实际开工 on (the service's rule); before it, 0 %.
    const started = begun && input.actualStart !== null && date >= input.actualStart;
    addProgress(core, { projectId: detail.id, reportDate: date, percent: started ? percent : 0, note: '按计划推进', problems: null });
  }
}

/**
 * About 80% of villages get one or two projects counted for `year` (some started in earlier
 * years and still operating), each with 1-4 progress updates and income for its past years.
 * Everything goes through the services, so the sum rule, sync columns and audit apply.
 */
export function seedProjects(core: Core, rng: Rng, year: number): number {
  const today = localDay(core.now());
  let made = 0;
  for (const v of allLiveVillages(core.db)) {
    if (!rng.chance(0.8)) continue;
    for (let n = rng.int(1, 2); n > 0; n--) {
      seedProject(core, rng, v, year, today);
      made++;
    }
  }
  return made;
}
