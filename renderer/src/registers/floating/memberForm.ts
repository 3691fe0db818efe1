import dayjs, { type Dayjs } from 'dayjs';
import type { FloatingDetail, Input } from '../../../../electron/api/contract';
import type { FLOAT_REASONS, MEMBER_TYPES } from '../../../../electron/domain/floating';
import type { EDUCATIONS, ETHNICITIES } from '../../../../electron/domain/person';

/** What the member drawer's form holds; names equal the contract's input keys where they can. */
export interface MemberFormValues {
  villageId: string;
  name: string;
  idNumber: string;
  ethnicity?: (typeof ETHNICITIES)[number] | null;
  education?: (typeof EDUCATIONS)[number] | null;
  joinedPartyDate?: Dayjs | null;
  memberType: (typeof MEMBER_TYPES)[number];
  leftDate?: Dayjs | null;
  /** The cascader's path [province, city?, county?]; named for the server's error path. */
  destProvince?: string[];
  workplace?: string | null;
  reason: (typeof FLOAT_REASONS)[number];
  occupation?: string | null;
  mobile?: string | null;
  wechat?: string | null;
  activityCardNo?: string | null;
  destOrgJoined: boolean;
  destOrgName?: string | null;
  note?: string | null;
}

export const NEW_MEMBER: Partial<MemberFormValues> = { memberType: '正式党员', reason: '务工', destOrgJoined: false, ethnicity: '汉族' };

const opt = (s: string | null | undefined): string | null => (s && s.trim() ? s : null);
export const day = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);
export const toDayjs = (s: string | null | undefined) => (s ? dayjs(s) : undefined);

export function toMemberInput(v: MemberFormValues): Input<'floating.create'> {
  const [p, c, county] = v.destProvince ?? [];
  return {
    villageId: v.villageId,
    name: v.name ?? '',
    idNumber: v.idNumber ?? '',
    ethnicity: v.ethnicity ?? null,
    education: v.education ?? null,
    joinedPartyDate: day(v.joinedPartyDate),
    memberType: v.memberType,
    leftDate: day(v.leftDate) ?? '',
    destProvince: p ?? '',
    destCity: c ?? null,
    destCounty: county ?? null,
    workplace: opt(v.workplace),
    reason: v.reason,
    occupation: opt(v.occupation),
    mobile: opt(v.mobile),
    wechat: opt(v.wechat),
    activityCardNo: opt(v.activityCardNo),
    destOrgJoined: Boolean(v.destOrgJoined),
    destOrgName: v.destOrgJoined ? opt(v.destOrgName) : null,
    note: opt(v.note),
  };
}

export function fromMemberDetail(d: FloatingDetail): Partial<MemberFormValues> {
  return {
    villageId: d.villageId,
    name: d.name,
    idNumber: d.idNumber,
    ethnicity: (d.ethnicity as MemberFormValues['ethnicity']) ?? undefined,
    education: (d.education as MemberFormValues['education']) ?? undefined,
    joinedPartyDate: toDayjs(d.joinedPartyDate),
    memberType: d.memberType as MemberFormValues['memberType'],
    leftDate: toDayjs(d.leftDate),
    destProvince: [d.destProvince, d.destCity, d.destCounty].filter((x): x is string => Boolean(x)),
    workplace: d.workplace ?? undefined,
    reason: d.reason as MemberFormValues['reason'],
    occupation: d.occupation ?? undefined,
    mobile: d.mobile ?? undefined,
    wechat: d.wechat ?? undefined,
    activityCardNo: d.activityCardNo ?? undefined,
    destOrgJoined: d.destOrgJoined,
    destOrgName: d.destOrgName ?? undefined,
    note: d.note ?? undefined,
  };
}
