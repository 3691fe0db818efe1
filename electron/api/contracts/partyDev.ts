import { z } from 'zod';
import { ACTIVIST_WAYS, ASSESSMENT_KINDS, DEV_STAGES, EXIT_KINDS, MEASURES, RULE_KEYS, type DevAlertKind, type DevDeadlines, type RuleKey } from '../../domain/partyDev';
import { EDUCATIONS, ETHNICITIES } from '../../domain/person';
import * as f from '../fields';
import type { FilePayload, Page } from './common';
import { importInput } from './excel';
import type { ImportReport } from './floating';
import type { RevealedId } from './reveal';
import { channel, ALL_ROLES, TOWNSHIP } from '../channel';

/** 发展党员 (the development pipeline) and 排查整顿 (the review of past developments). */

export interface DevListItem {
  id: string;
  version: number;
  villageId: string;
  villageName: string;
  name: string;
  gender: string;
  birthDate: string;
  /** Masked in lists and details; the full number only through development.revealId. */
  idNumber: string;
  stage: string;
  applicationDate: string;
  /** The date of the last step taken (the stage's own date). */
  stageDate: string;
  exitDate: string | null;
  /** This person's 首页 alerts today (none once exited). */
  alerts: DevAlertKind[];
  updatedAt: string;
}

/** Every step field as the step drawer edits it (all optional). */
export interface DevStepValues {
  talkDate: string | null;
  talkBy: string | null;
  activistDate: string | null;
  activistWay: string | null;
  contact1: string | null;
  contact2: string | null;
  candidateDate: string | null;
  introducer1: string | null;
  introducer2: string | null;
  reviewDate: string | null;
  trainingDate: string | null;
  publicityStart: string | null;
  publicityEnd: string | null;
  acceptDate: string | null;
  votesFor: number | null;
  votesAgainst: number | null;
  votesAbstain: number | null;
  approvalDate: string | null;
  oathDate: string | null;
  extensionDate: string | null;
  extensionMonths: number | null;
  fullApplyDate: string | null;
  fullMeetingDate: string | null;
  fullApprovalDate: string | null;
  exitDate: string | null;
  exitKind: string | null;
  exitReason: string | null;
}

export interface DevDetail extends DevListItem, DevStepValues {
  ethnicity: string | null;
  education: string | null;
  note: string | null;
  deadlines: DevDeadlines;
  /** Time rules the recorded steps did not keep (recorded as they happened, flagged here). */
  breaches: string[];
  assessments: { id: string; version: number; kind: string; date: string; content: string }[];
}

export interface DevAlertItem {
  personId: string;
  name: string;
  villageName: string;
  kind: DevAlertKind;
  /** The deadline (or the first day allowed, for 可确定为发展对象) that raised it. */
  date: string;
}

export interface DevAlerts {
  today: string;
  counts: Record<DevAlertKind, number>;
  /** At most 50, the earliest dates first. */
  items: DevAlertItem[];
  /** Live villages with fewer than 2 activists today. */
  villagesBelow: { id: string; name: string; activists: number }[];
}

export interface RuleItem {
  id: number;
  key: RuleKey;
  label: string;
  unit: string;
  value: number;
  effectiveFrom: string;
  source: string;
  createdAt: string;
  createdBy: string;
  /** The version a step taken today is judged by. */
  current: boolean;
}

export interface CaseListItem {
  id: string;
  version: number;
  villageId: string;
  villageName: string;
  name: string;
  /** Masked; the full number only through rectification.revealId. */
  idNumber: string | null;
  joinedDate: string | null;
  findingDate: string;
  finding: string;
  /** The measures taken, joined with 、 (none: null). */
  measures: string | null;
  updatedAt: string;
}

export interface CaseDetail extends CaseListItem {
  note: string | null;
  measureList: { id: string; version: number; measure: string; date: string; note: string | null }[];
}


const personFields = {
  villageId: f.id('所属村（社区）党组织'),
  name: f.personName('姓名'),
  idNumber: f.idNumber(),
  ethnicity: f.oneOf('民族', ETHNICITIES).nullish().transform((v) => v ?? null),
  education: f.oneOf('学历', EDUCATIONS).nullish().transform((v) => v ?? null),
  applicationDate: f.isoDate('入党申请日期'),
  note: f.optionalText('备注', 500),
};

const optInt = (label: string, min: number, max: number) => f.int(label, min, max).nullish().transform((v) => v ?? null);

const stepFields = {
  talkDate: f.optionalIsoDate('谈话日期'),
  talkBy: f.optionalPersonName('谈话人'),
  activistDate: f.optionalIsoDate('确定为入党积极分子日期'),
  activistWay: f.oneOf('推荐方式', ACTIVIST_WAYS).nullish().transform((v) => v ?? null),
  contact1: f.optionalPersonName('培养联系人一'),
  contact2: f.optionalPersonName('培养联系人二'),
  candidateDate: f.optionalIsoDate('确定为发展对象日期'),
  introducer1: f.optionalPersonName('入党介绍人一'),
  introducer2: f.optionalPersonName('入党介绍人二'),
  reviewDate: f.optionalIsoDate('政治审查日期'),
  trainingDate: f.optionalIsoDate('集中培训日期'),
  publicityStart: f.optionalIsoDate('公示开始日期'),
  publicityEnd: f.optionalIsoDate('公示结束日期'),
  acceptDate: f.optionalIsoDate('支部大会接收日期'),
  votesFor: optInt('赞成票', 0, 10_000),
  votesAgainst: optInt('反对票', 0, 10_000),
  votesAbstain: optInt('弃权票', 0, 10_000),
  approvalDate: f.optionalIsoDate('乡镇党委审批日期'),
  oathDate: f.optionalIsoDate('入党宣誓日期'),
  extensionDate: f.optionalIsoDate('延长预备期决定日期'),
  extensionMonths: optInt('延长预备期（月）', 1, 24),
  fullApplyDate: f.optionalIsoDate('转正申请日期'),
  fullMeetingDate: f.optionalIsoDate('转正支部大会日期'),
  fullApprovalDate: f.optionalIsoDate('转正审批日期'),
  exitDate: f.optionalIsoDate('退出日期'),
  exitKind: f.oneOf('退出情形', EXIT_KINDS).nullish().transform((v) => v ?? null),
  exitReason: f.optionalText('退出原因', 200),
};

const caseFields = {
  villageId: f.id('所属村（社区）党组织'),
  name: f.personName('姓名'),
  idNumber: f.idNumber().nullish().transform((v) => v ?? null),
  joinedDate: f.optionalIsoDate('入党时间'),
  findingDate: f.isoDate('认定日期'),
  finding: f.requiredText('认定的违规违纪问题', 500),
  note: f.optionalText('备注', 500),
};

const revealInput = z.strictObject({ id: f.id(), purpose: f.oneOf('用途', ['view', 'edit'] as const).default('view') });

const devFilters = {
  search: f.search(),
  township: f.township(),
  villageId: f.id('村（社区）').nullish(),
  stage: f.oneOf('所处阶段', DEV_STAGES).nullish(),
  exited: z.boolean({ error: () => '是否退出应为“是”或“否”' }).nullish(),
};

export const partyDevContract = {
  'development.list': channel<Page<DevListItem>>()({ input: z.strictObject({ ...devFilters, page: f.page(), pageSize: f.pageSize() }), roles: ALL_ROLES, writes: false }),
  'development.exportXlsx': channel<FilePayload>()({ input: z.strictObject(devFilters), roles: ALL_ROLES, writes: false }),
  'development.get': channel<DevDetail>()({ input: z.strictObject({ id: f.id() }), roles: ALL_ROLES, writes: false }),
  'development.create': channel<DevDetail>()({ input: z.strictObject(personFields), roles: TOWNSHIP, writes: true }),
  'development.update': channel<DevDetail>()({ input: z.strictObject({ id: f.id(), version: f.version(), ...personFields }), roles: TOWNSHIP, writes: true }),
  /** Records the steps: every step field at once, as the step drawer shows them. */
  'development.steps': channel<DevDetail>()({ input: z.strictObject({ id: f.id(), version: f.version(), ...stepFields }), roles: TOWNSHIP, writes: true }),
  'development.remove': channel<{ id: string }>()({ input: z.strictObject({ id: f.id(), version: f.version() }), roles: TOWNSHIP, writes: true }),
  'development.addAssessment': channel<DevDetail>()({
    input: z.strictObject({ personId: f.id('发展党员对象'), kind: f.oneOf('类别', ASSESSMENT_KINDS), date: f.isoDate('日期'), content: f.requiredText('内容', 500) }),
    roles: TOWNSHIP, writes: true,
  }),
  'development.updateAssessment': channel<DevDetail>()({
    input: z.strictObject({ id: f.id(), version: f.version(), kind: f.oneOf('类别', ASSESSMENT_KINDS), date: f.isoDate('日期'), content: f.requiredText('内容', 500) }),
    roles: TOWNSHIP, writes: true,
  }),
  'development.removeAssessment': channel<DevDetail>()({ input: z.strictObject({ id: f.id(), version: f.version() }), roles: TOWNSHIP, writes: true }),
  'development.template': channel<FilePayload>()({ input: z.strictObject({}), roles: ALL_ROLES, writes: false }),
  'development.importXlsx': channel<ImportReport>()({ input: importInput('台账文件'), roles: TOWNSHIP, writes: true }),
  'development.revealId': channel<RevealedId>()({ input: revealInput, roles: ALL_ROLES, writes: true }),
  'development.alerts': channel<DevAlerts>()({ input: z.strictObject({ township: f.township() }), roles: ALL_ROLES, writes: false }),
  'development.rules': channel<RuleItem[]>()({ input: z.strictObject({}), roles: ALL_ROLES, writes: false }),
  /** A rule's value from a date on; steps before that date keep the value then in force. */
  'development.setRule': channel<RuleItem[]>()({
    input: z.strictObject({
      key: f.oneOf('规则', RULE_KEYS as [RuleKey, ...RuleKey[]]),
      value: f.int('规定值', 0, 120),
      effectiveFrom: f.isoDate('施行日期'),
      source: f.requiredText('依据', 100),
    }),
    roles: TOWNSHIP, writes: true,
  }),
  'development.removeRule': channel<RuleItem[]>()({ input: z.strictObject({ id: f.int('规则编号', 1, Number.MAX_SAFE_INTEGER) }), roles: TOWNSHIP, writes: true }),

  'rectification.list': channel<Page<CaseListItem>>()({
    input: z.strictObject({ search: f.search(), township: f.township(), villageId: f.id('村（社区）').nullish(), page: f.page(), pageSize: f.pageSize() }),
    roles: ALL_ROLES, writes: false,
  }),
  'rectification.exportXlsx': channel<FilePayload>()({ input: z.strictObject({ search: f.search(), township: f.township() }), roles: ALL_ROLES, writes: false }),
  'rectification.get': channel<CaseDetail>()({ input: z.strictObject({ id: f.id() }), roles: ALL_ROLES, writes: false }),
  'rectification.create': channel<CaseDetail>()({ input: z.strictObject(caseFields), roles: TOWNSHIP, writes: true }),
  'rectification.update': channel<CaseDetail>()({ input: z.strictObject({ id: f.id(), version: f.version(), ...caseFields }), roles: TOWNSHIP, writes: true }),
  'rectification.remove': channel<{ id: string }>()({ input: z.strictObject({ id: f.id(), version: f.version() }), roles: TOWNSHIP, writes: true }),
  'rectification.addMeasure': channel<CaseDetail>()({
    input: z.strictObject({ caseId: f.id('排查整顿案例'), measure: f.oneOf('处置措施', MEASURES), date: f.isoDate('处置日期'), note: f.optionalText('说明', 200) }),
    roles: TOWNSHIP, writes: true,
  }),
  'rectification.removeMeasure': channel<CaseDetail>()({ input: z.strictObject({ id: f.id(), version: f.version() }), roles: TOWNSHIP, writes: true }),
  'rectification.revealId': channel<RevealedId>()({ input: revealInput, roles: ALL_ROLES, writes: true }),
};
