import { allLiveVillages } from '../../db/villages';
import type { ParsedInput } from '../api/contract';
import type { Core } from '../core';
import { addDays, localDay } from '../domain/dates';
import { CADRE_ROLES, CONTACT_WAYS, FLOAT_REASONS } from '../domain/floating';
import { EDUCATIONS } from '../domain/person';
import { createMember } from '../services/floating';
import { addRecord, assignContact } from '../services/floatingContacts';
import { idNumber, mobile, personName, type Rng } from './random';

// County codes of common destinations (province and city are their prefixes).
const DESTINATIONS = ['440306', '440304', '440106', '441302', '450103', '450305', '330106', '310115', '110105', '350203', '320505', '430104'];
const WORKPLACES = ['电子厂', '建筑工地', '物流公司', '餐饮店', '服装厂', '个体经营', '某大学', '汽车配件厂', '家政公司'];
const NEEDS = [null, null, '希望了解家乡发展情况', '子女入学咨询', '希望就近参加组织生活', '医保异地报销'];

/** One floating member's registration form, as a clerk would fill it, for `villageId`. */
export function memberInput(rng: Rng, villageId: string, today: string): ParsedInput<'floating.create'> {
  const county = rng.pick(DESTINATIONS);
  const leftDate = addDays(today, -rng.int(30, 1500));
  const id = idNumber(rng, '450311', 1965, 2002);
  const reason = rng.pick(FLOAT_REASONS);
  const joined = `${Number(id.slice(6, 10)) + rng.int(19, 30)}-07-01`;
  return {
    villageId,
    name: personName(rng),
    idNumber: id,
    ethnicity: rng.chance(0.7) ? '汉族' : rng.pick(['壮族', '瑶族', '回族', '苗族'] as const),
    education: rng.pick(EDUCATIONS),
    joinedPartyDate: joined < leftDate ? joined : null,
    memberType: rng.chance(0.9) ? '正式党员' : '预备党员',
    leftDate,
    destProvince: county.slice(0, 2),
    destCity: county.slice(0, 4),
    destCounty: county,
    workplace: reason === '学习' ? '某大学' : rng.pick(WORKPLACES),
    reason,
    occupation: null,
    mobile: mobile(rng),
    wechat: null,
    activityCardNo: rng.chance(0.5) ? `LD${String(rng.int(0, 999_999)).padStart(6, '0')}` : null,
    destOrgJoined: rng.chance(0.4),
    destOrgName: null,
    note: null,
  };
}

/**
 * About `perVillage` floating members per village through the services (validation, sync
 * columns, audit): most with a contact cadre, 0-6 contact records over the past year, so some
 * are overdue and some have no contact. Deterministic for a given rng. Returns members made.
 */
export function seedFloating(core: Core, rng: Rng, perVillage = 8): number {
  const today = localDay(core.now());
  let made = 0;
  for (const v of allLiveVillages(core.db)) {
    const n = rng.int(Math.max(0, perVillage - 3), perVillage + 3);
    for (let i = 0; i < n; i++) {
      const { leftDate, ...rest } = memberInput(rng, v.id, today);
      let m;
      try {
        m = createMember(core, { leftDate, ...rest });
      } catch {
        continue; // a rare repeated ID number: skip rather than stop the seed
      }
      made++;
      if (rng.chance(0.85)) {
        assignContact(core, { memberId: m.id, cadreName: personName(rng), cadrePhone: mobile(rng), cadreRole: rng.pick(CADRE_ROLES), startDate: leftDate });
      }
      const records = rng.int(0, 6);
      for (let k = 0; k < records; k++) {
        const date = addDays(today, -rng.int(0, 365));
        if (date < leftDate) continue;
        addRecord(core, { memberId: m.id, contactDate: date, way: rng.pick(CONTACT_WAYS), madeBy: personName(rng), content: '了解工作生活情况，传达村党组织近期工作', needs: rng.pick(NEEDS) });
      }
    }
  }
  return made;
}
