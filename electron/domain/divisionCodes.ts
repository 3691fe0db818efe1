import { halfWidth } from './text';

/** Statistical division codes: 6 digits county/district, 9 township, 12 village/community. */
export const isDistrictCode = (c: string): boolean => /^\d{6}$/.test(c) && !c.endsWith('00');
export const isTownshipCode = (c: string): boolean => /^\d{9}$/.test(c) && isDistrictCode(c.slice(0, 6));
export const isVillageCode = (c: string): boolean => /^\d{12}$/.test(c) && isTownshipCode(c.slice(0, 9));

/**
 * A 区划代码 as typed or pasted: full-width digits (４５０３１１) and spaces, inside or around it
 * (450311 100 200, a copied cell's no-break space), are the digits they show.
 */
export const divisionDigits = (s: string): string => halfWidth(s).replace(/\s/g, '');

export const VILLAGE_KINDS = ['行政村', '社区', '农场社区', '其他'] as const;
export type VillageKind = (typeof VILLAGE_KINDS)[number];

/** The village's Party organization: a committee, a general branch or a branch. */
export const PARTY_ORG_TYPES = ['党委', '党总支', '党支部'] as const;

/**
 * The official list names committees ("东立村委会", "良丰农场社区居委会"); registers name
 * the village ("东立村", "良丰农场社区"). The kind follows from the name.
 */
export function villageFromOfficial(officialName: string): { name: string; kind: VillageKind } {
  let name = officialName.trim();
  if (name.endsWith('村委会')) name = name.slice(0, -3) + '村';
  else if (name.endsWith('社区居委会')) name = name.slice(0, -3);
  else if (name.endsWith('居委会')) name = name.slice(0, -3) + '社区';
  else if (name.endsWith('村民委员会')) name = name.slice(0, -5) + '村';
  else if (name.endsWith('居民委员会')) name = name.slice(0, -5) + '社区';
  const kind: VillageKind = name.includes('农场') ? '农场社区' : name.endsWith('村') ? '行政村' : name.endsWith('社区') ? '社区' : '其他';
  return { name, kind };
}

/**
 * The name a new installation proposes from its division: a district's office is its Party
 * committee's organization department (雁山区 → 雁山区委组织部); a township is known by its name.
 */
export function defaultUnitName(role: 'township' | 'district', divisionName: string): string {
  const name = divisionName.trim();
  if (role === 'township' || !name || name.endsWith('委组织部')) return name;
  return `${name}委组织部`;
}
