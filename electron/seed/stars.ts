import { liveRatingOf } from '../../db/stars';
import { allLiveVillages, villageYears } from '../../db/villages';
import type { Core } from '../core';
import { localDay } from '../domain/dates';
import { RECTIFY_BELOW } from '../domain/stars';
import { createRating } from '../services/stars';
import { personName, type Rng } from './random';

const REASONS_UP = ['村级集体经济收入增长，党组织服务群众能力提升', '“三会一课”落实到位，组织生活规范', '乡村振兴项目推进有力，群众满意度提高'];
const REASONS_DOWN = ['组织生活不规范，党员教育管理薄弱', '村级集体经济收入下降', '班子战斗力不强，群众反映问题较多'];
const ITEMS = ['规范“三会一课”和主题党日记录', '发展壮大村级集体经济，明确增收项目', '调整充实村“两委”班子', '健全村务监督委员会，落实“四议两公开”', '完善党群服务中心阵地建设'];

/**
 * A rating for each village and each of the last two years, through the register's own service,
 * with the stars the villages register already holds for those years (so both agree), a score in
 * the band of the stars, a reason where the stars changed, 公示 in January of the following year
 * when that has passed, and for fewer than four stars one or two corrective items, some done.
 * A village already rated for a year is left as it is, so seeding twice never duplicates.
 */
export function seedStars(core: Core, rng: Rng, year: number): number {
  const today = localDay(core.now());
  let made = 0;
  for (const v of allLiveVillages(core.db)) {
    const years = new Map(villageYears(core.db, v.id).map((y) => [y.year, y.stars]));
    for (const y of [year - 1, year]) {
      const stars = years.get(y) ?? rng.int(2, 5);
      if (liveRatingOf(core.db, v.id, y)) continue;
      const previous = liveRatingOf(core.db, v.id, y - 1)?.stars ?? years.get(y - 1) ?? null;
      const publicityStart = `${y + 1}-01-10`;
      const items = stars < RECTIFY_BELOW ? rng.int(1, 2) : 0;
      createRating(core, {
        villageId: v.id,
        year: y,
        score: Math.min(100, 40 + stars * 10 + rng.int(0, 9)),
        stars,
        changeReason: previous === null || previous === stars ? null : rng.pick(previous < stars ? REASONS_UP : REASONS_DOWN),
        publicityStart: publicityStart <= today ? publicityStart : null,
        publicityEnd: publicityStart <= today ? `${y + 1}-01-16` : null,
        note: null,
        rectifications: Array.from({ length: items }, (_, i) => {
          const done = rng.chance(0.5) && `${y + 1}-05-20` <= today;
          return {
            item: ITEMS[(i + rng.int(0, ITEMS.length - 1)) % ITEMS.length]!,
            deadline: `${y + 1}-06-30`,
            responsible: personName(rng),
            result: done ? '已完成整改，经镇党委验收' : null,
            doneDate: done ? `${y + 1}-05-20` : null,
          };
        }),
      });
      made++;
    }
  }
  return made;
}
