import { z } from 'zod';
import { CADRE_ROLES, CONTACT_WAYS, FLOAT_REASONS, FLOAT_STATUSES, MEMBER_TYPES } from '../../domain/floating';
import { EDUCATIONS, ETHNICITIES } from '../../domain/person';
import * as f from '../fields';
import type { FilePayload, Page } from './common';
import { channel, ALL_ROLES, TOWNSHIP, TOWNSHIP_VILLAGE } from '../channel';

export interface FloatingListItem {
  id: string;
  version: number;
  villageId: string;
  villageName: string;
  name: string;
  gender: string;
  birthDate: string;
  /** Masked in lists (450302********1234). */
  idNumber: string;
  memberType: string;
  leftDate: string;
  destText: string;
  workplace: string | null;
  reason: string;
  /** Masked in lists (138****1234). */
  mobile: string;
  status: string;
  statusDate: string | null;
  contactName: string | null;
  contactPhone: string;
  /** Derived from the contact records, never typed. */
  lastContactDate: string | null;
  overdue: boolean;
  noContact: boolean;
  updatedAt: string;
}

export interface MemberContact {
  id: string;
  version: number;
  cadreName: string;
  cadrePhone: string | null;
  cadreRole: string | null;
  startDate: string;
  endDate: string | null;
}

export interface ContactRecord {
  id: string;
  version: number;
  contactDate: string;
  way: string;
  madeBy: string;
  content: string;
  needs: string | null;
}

/** The member's fields a contact record's write can move (the drawer's title, flag and next save's version). */
export interface RecordMoved {
  id: string;
  version: number;
  updatedAt: string;
  lastContactDate: string | null;
  overdue: boolean;
}

/**
 * The answer to a contact record's add, edit or removal: the record as stored (null once removed)
 * and what the write moved on its member. The drawer merges it into the ledger it shows
 * (applyRecordSaved in domain/floating.ts) instead of the whole ledger coming back with every
 * record: reading every record of the member again was the largest part of a save's reply.
 */
export interface RecordSaved {
  /** The record written. */
  id: string;
  record: ContactRecord | null;
  member: RecordMoved;
}

export interface StatusChange {
  status: string;
  date: string;
  transferTo: string | null;
  note: string | null;
}

export interface FloatingDetail extends Omit<FloatingListItem, 'idNumber' | 'mobile' | 'contactPhone'> {
  idNumber: string;
  mobile: string | null;
  contactPhone: string | null;
  ethnicity: string | null;
  education: string | null;
  joinedPartyDate: string | null;
  destProvince: string;
  destCity: string | null;
  destCounty: string | null;
  occupation: string | null;
  wechat: string | null;
  activityCardNo: string | null;
  destOrgJoined: boolean;
  destOrgName: string | null;
  transferTo: string | null;
  note: string | null;
  createdAt: string;
  contacts: MemberContact[];
  records: ContactRecord[];
  history: StatusChange[];
}

export interface ImportProblem {
  /** The Excel row number, as the clerk sees it in Excel. */
  row: number;
  field: string;
  message: string;
  /** The row's 姓名 as written, so the clerk knows whose row it is without opening Excel. */
  name?: string;
}

export interface ImportReport {
  dryRun: boolean;
  mode: 'all-or-nothing' | 'valid-only';
  total: number;
  valid: number;
  written: number;
  /** Excel row numbers left out (valid-only) or blocking the import (all-or-nothing). */
  skippedRows: number[];
  problems: ImportProblem[];
  /** How the file was read beyond its rows: a column it lacks and what was recorded instead. */
  notes?: string[];
}

export interface Division {
  code: string;
  name: string;
}

const nullable = <T extends z.ZodType>(s: T) => s.nullish().transform((v) => v ?? null);
const code = (label: string, digits: number) =>
  z.string({ error: () => `请选择${label}` }).regex(new RegExp(`^\\d{${digits}}$`), `${label}代码应为${digits}位数字`);

export const memberFields = {
  villageId: f.id('所属村（社区）'),
  name: f.personName('姓名'),
  idNumber: f.idNumber(),
  ethnicity: nullable(f.oneOf('民族', ETHNICITIES)),
  education: nullable(f.oneOf('学历', EDUCATIONS)),
  joinedPartyDate: f.optionalIsoDate('入党时间'),
  memberType: f.oneOf('党员类型', MEMBER_TYPES),
  leftDate: f.isoDate('外出时间'),
  destProvince: code('流入地（省）', 2),
  destCity: nullable(code('流入地（市）', 4)),
  destCounty: nullable(code('流入地（县区）', 6)),
  workplace: f.optionalText('工作单位（地点）', 100),
  reason: f.oneOf('外出原因', FLOAT_REASONS),
  occupation: f.optionalText('从事职业', 50),
  mobile: f.mobile('手机号码'),
  wechat: f.optionalText('微信号', 50),
  activityCardNo: f.optionalText('流动党员活动证编号', 40),
  destOrgJoined: f.flag('已参加流入地党组织'),
  destOrgName: f.optionalText('流入地党组织名称', 100),
  note: f.optionalText('备注', 500),
};

const contactFields = {
  cadreName: f.personName('联系人姓名'),
  cadrePhone: f.mobile('联系人电话'),
  cadreRole: nullable(f.oneOf('联系人职务', CADRE_ROLES)),
  startDate: f.isoDate('联系开始日期'),
};

const recordFields = {
  contactDate: f.isoDate('联系日期'),
  way: f.oneOf('联系方式', CONTACT_WAYS),
  madeBy: f.requiredText('联系人员', 30),
  content: f.requiredText('联系内容', 1000),
  needs: f.optionalText('党员诉求', 500),
};

const listFilters = {
  search: f.search(),
  township: f.township(),
  villageId: nullable(f.id('所属村（社区）')),
  status: nullable(f.oneOf('状态', FLOAT_STATUSES)),
  flag: nullable(f.oneOf('提醒', ['overdue', 'noContact'] as const)),
};

export const floatingContract = {
  'floating.list': channel<Page<FloatingListItem>>()({
    input: z.strictObject({
      id: nullable(f.id('流动党员')),
      ...listFilters,
      sort: nullable(f.oneOf('排序字段', ['name', 'left_date', 'last_contact_date', 'updated_at'] as const)),
      order: nullable(f.oneOf('排序方向', ['asc', 'desc'] as const)),
      page: f.page(),
      pageSize: f.pageSize(),
    }),
    roles: ALL_ROLES, writes: false,
  }),
  'floating.alerts': channel<{ overdue: number; noContact: number; out: number; intervalDays: number }>()({
    input: z.strictObject({ township: f.township() }),
    roles: ALL_ROLES, writes: false,
  }),
  'floating.get': channel<FloatingDetail>()({ input: z.strictObject({ id: f.id() }), roles: ALL_ROLES, writes: false }),
  'floating.create': channel<FloatingDetail>()({ input: z.strictObject(memberFields), roles: TOWNSHIP, writes: true }),
  'floating.update': channel<FloatingDetail>()({
    input: z.strictObject({ id: f.id(), version: f.version(), ...memberFields }),
    roles: TOWNSHIP, writes: true,
  }),
  'floating.remove': channel<{ id: string }>()({ input: z.strictObject({ id: f.id(), version: f.version() }), roles: TOWNSHIP, writes: true }),
  'floating.changeStatus': channel<FloatingDetail>()({
    input: z.strictObject({
      id: f.id(),
      version: f.version(),
      status: f.oneOf('状态', FLOAT_STATUSES),
      date: f.isoDate('变更日期'),
      transferTo: f.optionalText('转往党组织', 100),
      note: f.optionalText('说明', 500),
    }),
    roles: TOWNSHIP, writes: true,
  }),
  'floating.assignContact': channel<FloatingDetail>()({
    input: z.strictObject({ memberId: f.id('流动党员'), ...contactFields }),
    roles: TOWNSHIP, writes: true,
  }),
  'floating.addRecord': channel<RecordSaved>()({
    input: z.strictObject({ memberId: f.id('流动党员'), ...recordFields }),
    roles: TOWNSHIP_VILLAGE, writes: true,
  }),
  'floating.updateRecord': channel<RecordSaved>()({
    input: z.strictObject({ id: f.id(), version: f.version(), ...recordFields }),
    roles: TOWNSHIP_VILLAGE, writes: true,
  }),
  'floating.removeRecord': channel<RecordSaved>()({
    input: z.strictObject({ id: f.id(), version: f.version() }),
    roles: TOWNSHIP_VILLAGE, writes: true,
  }),
  'floating.divisions': channel<Division[]>()({
    input: z.strictObject({ parent: nullable(z.string().regex(/^(\d{2}|\d{4})$/, '上级区划代码应为2位或4位数字')) }),
    roles: ALL_ROLES, writes: false,
  }),
  'floating.exportXlsx': channel<FilePayload>()({
    input: z.strictObject(listFilters),
    roles: ALL_ROLES, writes: false,
  }),
  'floating.template': channel<FilePayload>()({ input: z.strictObject({}), roles: ALL_ROLES, writes: false }),
  'floating.importXlsx': channel<ImportReport>()({
    input: z.strictObject({
      file: f.upload('名册文件', 10 * 1024 * 1024),
      villageId: f.id('所属村（社区）'),
      mode: f.oneOf('导入方式', ['all-or-nothing', 'valid-only'] as const),
      dryRun: z.boolean({ error: () => '预检标记应为“是”或“否”' }).default(true),
      // What the clerk chose in the dialog for rows the file leaves blank; nothing is assumed.
      reason: f.oneOf('外出原因', FLOAT_REASONS).nullish().transform((v) => v ?? null),
      contactStart: f.optionalIsoDate('联系开始日期'),
    }),
    roles: TOWNSHIP, writes: true,
  }),
};
