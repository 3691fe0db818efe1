import { z } from 'zod';
import {
  ASSESSMENT_RESULTS,
  CADRE_LIST_STATUSES,
  CADRE_ROLES,
  EVALUATION_RESULTS,
  POSTING_END_STATUSES,
  UNIT_LEVELS,
  WORK_KINDS,
} from '../../domain/cadres';
import { EDUCATIONS, ETHNICITIES, POLITICAL_STATUSES } from '../../domain/person';
import * as f from '../fields';
import type { FilePayload, Page } from './common';
import type { CadreFigures } from '../../../db/cadreStats';
import { channel, ALL_ROLES, TOWNSHIP, TOWNSHIP_VILLAGE } from '../channel';

export type { CadreFigures };

export interface CadreListItem {
  id: string;
  version: number;
  name: string;
  gender: string;
  birthDate: string;
  /** Masked in lists (450302********1234). */
  idNumber: string;
  unit: string;
  unitLevel: string;
  postRank: string | null;
  /** Masked in lists (138****1234). */
  mobile: string;
  villageId: string | null;
  villageName: string | null;
  role: string | null;
  /** The current (or latest) posting's status, or 未派驻. */
  status: string;
  startDate: string | null;
  /** Days in the village in the list's month. */
  monthDays: number;
  /** In post and below the township's threshold that month. */
  belowThreshold: boolean;
  updatedAt: string;
}

export interface CadreList extends Page<CadreListItem> {
  month: string;
  threshold: number;
}

export interface CadreDetail {
  id: string;
  version: number;
  name: string;
  idNumber: string;
  birthDate: string;
  gender: string;
  ethnicity: string | null;
  politicalStatus: string | null;
  education: string | null;
  unit: string;
  unitLevel: string;
  postRank: string | null;
  mobile: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Posting {
  id: string;
  version: number;
  villageId: string;
  villageName: string;
  role: string;
  startDate: string;
  plannedEnd: string | null;
  actualEnd: string | null;
  status: string;
  reason: string | null;
  replacedByCadreId: string | null;
  replacedByName: string | null;
  inPost: boolean;
}

export interface WorkLogValues {
  inVillage: boolean;
  workKind: string;
  households: number;
  content: string | null;
  problems: string | null;
  followUp: string | null;
}

export interface WorkLog extends WorkLogValues {
  id: string;
  version: number;
  logDate: string;
  villageId: string;
  villageName: string | null;
  /**
   * 来源: 驻村版 when the entry as it stands was made on a village work team's laptop (its origin is
   * a laptop pinned to a village), 乡镇录入 otherwise (typed in at the township, or corrected there).
   */
  source: '驻村版' | '乡镇录入';
}

export interface LogDay {
  date: string;
  /** The entry already made for this day, if any. */
  log: WorkLog | null;
  /** Values of the latest earlier entry: the form's defaults for a new day. */
  defaults: WorkLogValues | null;
  /** The posting covering this day; without one the day cannot be logged. */
  posting: { villageName: string; role: string } | null;
  /** The cadre's latest entry on any day, so entry can resume the day after it. */
  lastDate: string | null;
}

export interface MonthAttendance {
  month: string;
  inVillage: number;
  logged: number;
  /** The threshold in proportion to the days posted that month. */
  required: number;
  belowThreshold: boolean;
}

export interface Inspection {
  id: string;
  version: number;
  inspectDate: string;
  inspector: string;
  inPost: boolean;
  notes: string | null;
}

export interface Evaluation {
  id: string;
  version: number;
  year: number;
  quarter: number;
  result: string;
  evaluator: string | null;
  notes: string | null;
}

export interface Assessment {
  id: string;
  version: number;
  year: number;
  result: string;
  notes: string | null;
}

export interface CadreLedger {
  cadre: CadreDetail;
  postings: Posting[];
  logs: WorkLog[];
  attendance: MonthAttendance[];
  threshold: number;
  inspections: Inspection[];
  evaluations: Evaluation[];
  assessments: Assessment[];
}

const nullable = <T extends z.ZodType>(s: T) => s.nullish().transform((v) => v ?? null);
const month = (label: string) => z.string({ error: () => `${label}应为年-月` }).regex(/^(19|20)\d\d-(0[1-9]|1[0-2])$/, `${label}应为年-月，如 2026-01`);
const idAndVersion = z.strictObject({ id: f.id(), version: f.version() });

const cadreFields = {
  name: f.personName('姓名'),
  idNumber: f.idNumber(),
  ethnicity: nullable(f.oneOf('民族', ETHNICITIES)),
  politicalStatus: nullable(f.oneOf('政治面貌', POLITICAL_STATUSES)),
  education: nullable(f.oneOf('学历', EDUCATIONS)),
  unit: f.requiredText('派出单位', 60),
  unitLevel: f.oneOf('派出单位层级', UNIT_LEVELS),
  postRank: f.optionalText('职务职级', 40),
  mobile: f.mobile('手机号码'),
  note: f.optionalText('备注', 500),
};

const logFields = {
  cadreId: f.id('驻村干部'),
  logDate: f.isoDate('日期'),
  inVillage: z.boolean({ error: () => '是否在村应为“是”或“否”' }),
  workKind: f.oneOf('工作类型', WORK_KINDS),
  households: f.int('走访户数', 0, 999).default(0),
  content: f.optionalText('工作内容', 1000),
  problems: f.optionalText('发现问题', 500),
  followUp: f.optionalText('跟进措施', 500),
};

export const cadresContract = {
  'cadres.list': channel<CadreList>()({
    input: z.strictObject({
      id: nullable(f.id('驻村干部')),
      search: f.search(),
      township: f.township(),
      villageId: nullable(f.id('村（社区）')),
      role: nullable(f.oneOf('驻村角色', CADRE_ROLES)),
      status: nullable(f.oneOf('状态', CADRE_LIST_STATUSES)),
      month: nullable(month('考勤月份')),
      belowOnly: f.flag('只看低于标准'),
      sort: nullable(f.oneOf('排序字段', ['name', 'birth_date', 'unit', 'village', 'start_date', 'updated_at'] as const)),
      order: nullable(f.oneOf('排序方向', ['asc', 'desc'] as const)),
      page: f.page(),
      pageSize: f.pageSize(),
    }),
    roles: ALL_ROLES, writes: false,
  }),
  'cadres.get': channel<CadreDetail>()({ input: z.strictObject({ id: f.id() }), roles: ALL_ROLES, writes: false }),
  'cadres.create': channel<CadreDetail>()({ input: z.strictObject(cadreFields), roles: TOWNSHIP, writes: true }),
  'cadres.update': channel<CadreDetail>()({
    input: z.strictObject({ id: f.id(), version: f.version(), ...cadreFields }),
    roles: TOWNSHIP, writes: true,
  }),
  'cadres.remove': channel<{ id: string }>()({ input: idAndVersion, roles: TOWNSHIP, writes: true }),
  'cadres.post': channel<Posting>()({
    input: z.strictObject({
      cadreId: f.id('驻村干部'),
      villageId: f.id('驻村村（社区）'),
      role: f.oneOf('驻村角色', CADRE_ROLES),
      startDate: f.isoDate('驻村开始日期'),
      plannedEnd: f.optionalIsoDate('计划结束日期'),
    }),
    roles: TOWNSHIP, writes: true,
  }),
  'cadres.endPosting': channel<Posting>()({
    input: z.strictObject({
      id: f.id(),
      version: f.version(),
      status: f.oneOf('离岗方式', POSTING_END_STATUSES),
      actualEnd: f.isoDate('实际结束日期'),
      reason: f.optionalText('调整原因', 200),
      replacedByCadreId: nullable(f.id('接替人')),
    }),
    roles: TOWNSHIP, writes: true,
  }),
  'cadres.removePosting': channel<{ id: string }>()({ input: idAndVersion, roles: TOWNSHIP, writes: true }),
  /** Corrects a posting typed wrong; ending one stays cadres.endPosting, so actualEnd is only for closed ones. */
  'cadres.updatePosting': channel<Posting>()({
    input: z.strictObject({
      id: f.id(),
      version: f.version(),
      villageId: f.id('驻村村（社区）'),
      role: f.oneOf('驻村角色', CADRE_ROLES),
      startDate: f.isoDate('驻村开始日期'),
      plannedEnd: f.optionalIsoDate('计划结束日期'),
      actualEnd: f.optionalIsoDate('实际结束日期'),
    }),
    roles: TOWNSHIP, writes: true,
  }),
  'cadres.logDay': channel<LogDay>()({
    input: z.strictObject({ cadreId: f.id('驻村干部'), date: f.isoDate('日期') }),
    roles: ALL_ROLES, writes: false,
  }),
  'cadres.saveLog': channel<WorkLog>()({
    input: z.strictObject({ id: nullable(f.id()), version: nullable(f.version()), ...logFields }),
    roles: TOWNSHIP_VILLAGE, writes: true,
  }),
  'cadres.removeLog': channel<{ id: string }>()({ input: idAndVersion, roles: TOWNSHIP_VILLAGE, writes: true }),
  'cadres.monthLogs': channel<{ logs: WorkLog[]; attendance: MonthAttendance; threshold: number }>()({
    input: z.strictObject({ cadreId: f.id('驻村干部'), month: month('月份') }),
    roles: ALL_ROLES, writes: false,
  }),
  'cadres.addInspection': channel<Inspection>()({
    input: z.strictObject({
      cadreId: f.id('驻村干部'),
      inspectDate: f.isoDate('督查日期'),
      inspector: f.requiredText('督查人', 30),
      inPost: z.boolean({ error: () => '是否在岗应为“是”或“否”' }),
      notes: f.optionalText('督查情况', 500),
    }),
    roles: TOWNSHIP, writes: true,
  }),
  'cadres.removeInspection': channel<{ id: string }>()({ input: idAndVersion, roles: TOWNSHIP, writes: true }),
  'cadres.saveEvaluation': channel<Evaluation>()({
    input: z.strictObject({
      cadreId: f.id('驻村干部'),
      year: f.int('考评年度', 2000, 2100),
      quarter: f.int('季度', 1, 4),
      result: f.oneOf('考评结果', EVALUATION_RESULTS),
      evaluator: f.optionalText('考评人', 30),
      notes: f.optionalText('考评意见', 500),
    }),
    roles: TOWNSHIP, writes: true,
  }),
  'cadres.removeEvaluation': channel<{ id: string }>()({ input: idAndVersion, roles: TOWNSHIP, writes: true }),
  'cadres.saveAssessment': channel<Assessment>()({
    input: z.strictObject({
      cadreId: f.id('驻村干部'),
      year: f.int('考核年度', 2000, 2100),
      result: f.oneOf('考核结果', ASSESSMENT_RESULTS),
      notes: f.optionalText('考核意见', 500),
    }),
    roles: TOWNSHIP, writes: true,
  }),
  'cadres.removeAssessment': channel<{ id: string }>()({ input: idAndVersion, roles: TOWNSHIP, writes: true }),
  'cadres.summary': channel<CadreFigures>()({
    input: z
      .strictObject({ from: f.isoDate('开始日期'), to: f.isoDate('结束日期'), township: f.township() })
      .refine((r) => r.from <= r.to, { message: '开始日期不能晚于结束日期', path: ['to'] }),
    roles: ALL_ROLES, writes: false,
  }),
  'cadres.ledger': channel<CadreLedger>()({ input: z.strictObject({ id: f.id() }), roles: ALL_ROLES, writes: false }),
  'cadres.exportLedger': channel<FilePayload>()({ input: z.strictObject({ id: f.id() }), roles: ALL_ROLES, writes: false }),
};
