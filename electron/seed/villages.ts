import { allLiveVillages } from '../../db/villages';
import type { Core } from '../core';
import { createVillage } from '../services/villages';
import { mobile, personName, type Rng } from './random';

const STEMS = '东西南北上下新老大小长石龙凤山水江河塘坪岭湾桥田林竹枫松柏桃李梅兰茶果云花月星金银宝安平和兴隆福寿永庆'.split('');

/**
 * Adds `count` villages through the app's own write path (validation, change sequence, audit),
 * with codes under the township's code and a secretary with a valid mobile. Existing names and
 * codes are skipped, so seeding twice never duplicates.
 */
export function seedVillages(core: Core, rng: Rng, count: number, year: number): number {
  const inst = core.installation()!;
  const names = new Set(allLiveVillages(core.db).map((v) => v.name));
  const codes = new Set(allLiveVillages(core.db).map((v) => v.code));
  let made = 0;
  let serial = 200;
  for (let guard = 0; made < count && guard < count * 50; guard++) {
    const community = rng.chance(0.15);
    const name = rng.pick(STEMS) + rng.pick(STEMS) + (community ? '社区' : '村');
    if (names.has(name)) continue;
    let code: string;
    do code = `${inst.unitCode}${String(serial++).padStart(3, '0')}`;
    while (codes.has(code));
    if (serial > 999) break;
    const org = community ? `中共${name}委员会` : `中共${name}${rng.pick(['委员会', '总支部委员会', '支部委员会'])}`;
    createVillage(core, {
      name,
      code,
      kind: community ? '社区' : '行政村',
      partyOrgName: org,
      partyOrgType: org.endsWith('总支部委员会') ? '党总支' : org.endsWith('支部委员会') ? '党支部' : '党委',
      secretary: personName(rng),
      secretaryPhone: mobile(rng),
      keyVillage: rng.chance(0.2),
      relocation: community && rng.chance(0.3),
      note: null,
      years: [year - 1, year].map((y) => ({
        year: y,
        stars: rng.int(1, 5),
        income: rng.int(50_000, 3_000_000) * 100, // 5万 to 300万元 in fen, whole yuan
      })),
    });
    names.add(name);
    codes.add(code);
    made++;
  }
  return made;
}
