import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { partyDevContract } from '../api/contracts/partyDev';
import { ACTIVIST_WAYS, EXIT_KINDS } from '../domain/partyDev';
import { checkIdNumber } from '../domain/idNumber';
import type { Draft } from '../xlsx/importRows';
import { rowVillage } from './importVillage';
import { ethnicityCell, ID_NUMBER_HEADERS, idNumberCell, ok, text } from '../xlsx/cells';
import { halfWidth, parseDate, type ColumnSpec, type Parsed, type RawCell } from '../xlsx/read';

/**
 * The columns of a 发展党员工作台账 as a township office keeps it in Excel: one row per person with
 * the date of each step, and the other names a column goes by (the export's short headers among
 * them). A row becomes the person (development.create) and then their steps (development.steps),
 * checked by the same schemas and written by the same services as the two drawers, so the order
 * of the steps and every time rule is judged exactly as for a typed person.
 */

export type DevImportKey =
  | 'village' | 'name' | 'gender' | 'idNumber' | 'ethnicity' | 'education' | 'applicationDate' | 'talkDate' | 'talkBy'
  | 'activistDate' | 'activistWay' | 'contacts' | 'contact1' | 'contact2' | 'candidateDate' | 'introducer1' | 'introducer2'
  | 'reviewDate' | 'trainingDate' | 'publicityStart' | 'publicityEnd' | 'acceptDate' | 'votesFor' | 'votesAgainst' | 'votesAbstain'
  | 'approvalDate' | 'oathDate' | 'extensionDate' | 'extensionMonths' | 'fullApplyDate' | 'fullMeetingDate' | 'fullApprovalDate'
  | 'exitDate' | 'exitKind' | 'exitReason' | 'note';

const date = (c: RawCell): Parsed<string | null> => parseDate(c) ?? ok(null);

const whole = (label: string, unit: RegExp) => (c: RawCell): Parsed<number | null> => {
  const t = halfWidth(c.text).replace(/\s/g, '').replace(unit, '');
  if (!t) return ok(null);
  return /^\d{1,5}$/.test(t) ? ok(Number(t)) : { ok: false, message: `“${c.text}”不是有效的${label}（应为整数）` };
};

const choice = (values: readonly string[]) => (c: RawCell): Parsed<string | null> => {
  const t = halfWidth(c.text).trim();
  if (!t) return ok(null);
  return values.includes(t) ? ok(t) : { ok: false, message: `“${t}”应为以下之一：${values.join('、')}` };
};

/** The short names rosters use for the form's 学历 values. */
const EDUCATION_ALIASES: Record<string, string> = { 本科: '大学本科', 大本: '大学本科', 大专: '大学专科', 专科: '大学专科', 硕士: '研究生', 博士: '研究生', 硕士研究生: '研究生', 博士研究生: '研究生', 小学: '小学及以下' };

const d = (key: DevImportKey, ...headers: string[]): ColumnSpec<DevImportKey> => ({ key, headers, parse: date });
const name = (key: DevImportKey, ...headers: string[]): ColumnSpec<DevImportKey> => ({ key, headers, parse: text });

export const DEV_COLUMNS: ColumnSpec<DevImportKey>[] = [
  { key: 'village', headers: ['村（社区）', '所属村（社区）', '村（社区）名称', '所属党组织', '支部', '村名'], required: true, parse: text },
  { key: 'name', headers: ['姓名'], required: true, parse: text },
  { key: 'gender', headers: ['性别'], parse: text },
  { key: 'idNumber', headers: ID_NUMBER_HEADERS, required: true, parse: idNumberCell(true) },
  { key: 'ethnicity', headers: ['民族'], parse: ethnicityCell },
  { key: 'education', headers: ['学历', '文化程度'], parse: (c) => ok(EDUCATION_ALIASES[c.text] ?? (c.text || null)) },
  { key: 'applicationDate', headers: ['入党申请日期', '入党申请', '递交入党申请书时间', '申请入党时间', '申请日期'], required: true, parse: date },
  d('talkDate', '谈话日期', '谈话', '谈话时间'),
  name('talkBy', '谈话人'),
  d('activistDate', '确定为入党积极分子日期', '确定积极分子', '确定为积极分子时间', '确定入党积极分子时间'),
  { key: 'activistWay', headers: ['推荐方式'], parse: choice(ACTIVIST_WAYS) },
  // The export writes both contacts in one column, joined with 、.
  name('contacts', '培养联系人'),
  name('contact1', '培养联系人一', '培养联系人1'),
  name('contact2', '培养联系人二', '培养联系人2'),
  d('candidateDate', '确定为发展对象日期', '确定发展对象', '确定为发展对象时间'),
  name('introducer1', '入党介绍人一', '入党介绍人1'),
  name('introducer2', '入党介绍人二', '入党介绍人2'),
  d('reviewDate', '政治审查日期', '政治审查', '政审日期', '政审时间'),
  d('trainingDate', '集中培训日期', '集中培训', '集中培训时间'),
  d('publicityStart', '公示开始日期', '公示开始'),
  d('publicityEnd', '公示结束日期', '公示结束'),
  d('acceptDate', '支部大会接收日期', '支部大会接收', '支部大会讨论接收时间', '接收预备党员时间'),
  { key: 'votesFor', headers: ['赞成票'], parse: whole('赞成票', /票$/) },
  { key: 'votesAgainst', headers: ['反对票'], parse: whole('反对票', /票$/) },
  { key: 'votesAbstain', headers: ['弃权票'], parse: whole('弃权票', /票$/) },
  d('approvalDate', '乡镇党委审批日期', '乡镇党委审批', '党委审批时间', '审批日期'),
  d('oathDate', '入党宣誓日期', '入党宣誓', '宣誓日期'),
  d('extensionDate', '延长预备期决定日期', '延长预备期日期'),
  { key: 'extensionMonths', headers: ['延长预备期（月）', '延长预备期', '延长月数'], parse: whole('延长预备期', /(个月|月)$/) },
  d('fullApplyDate', '转正申请日期', '转正申请'),
  d('fullMeetingDate', '转正支部大会日期', '转正支部大会'),
  d('fullApprovalDate', '转正审批日期', '转正审批', '转正日期'),
  d('exitDate', '退出日期'),
  { key: 'exitKind', headers: ['退出情形'], parse: choice(EXIT_KINDS) },
  name('exitReason', '退出原因'),
  name('note', '备注'),
];

const header = (key: DevImportKey) => DEV_COLUMNS.find((c) => c.key === key)!.headers[0]!;

/** Input keys (zod and service paths) to the column the clerk sees. */
export const DEV_LABELS: Record<string, string> = {
  ...Object.fromEntries(DEV_COLUMNS.map((c) => [c.key, c.headers[0]!])),
  villageId: header('village'),
  // Refusals about the order of the steps name no single step.
  steps: '发展步骤',
};

const stepsInput = partyDevContract['development.steps'].input.omit({ id: true, version: true });

/** The person as development.create takes it and their steps as development.steps takes them. */
export const devImportSchema = z.strictObject({
  person: partyDevContract['development.create'].input,
  steps: stepsInput,
});

type Values = Partial<Record<DevImportKey, unknown>>;
const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
const num = (v: unknown) => (typeof v === 'number' ? v : null);

/** 培养联系人 “张三、李四” into the two contacts, unless the file has them apart. */
function contactsOf(v: Values, problems: Draft['problems']): [string | null, string | null] {
  const both = str(v.contacts);
  if (!both) return [str(v.contact1), str(v.contact2)];
  if (str(v.contact1) || str(v.contact2)) problems.push({ field: header('contacts'), message: '已分列填写培养联系人一、二，请清空“培养联系人”列' });
  const names = both.split(/[、，,；;\s/]+/).filter(Boolean);
  if (names.length > 2) problems.push({ field: header('contacts'), message: '培养联系人最多两名，请用“、”分隔' });
  return [names[0] ?? null, names[1] ?? null];
}

export function toDevDraft(db: Database, v: Values): Draft {
  const problems: Draft['problems'] = [];
  const found = rowVillage(db, str(v.village), header('village'), problems);
  const idNumber = String(v.idNumber ?? '');
  const id = checkIdNumber(idNumber);
  const gender = str(v.gender);
  if (id.ok && gender && gender !== id.gender) problems.push({ field: header('gender'), message: `性别“${gender}”与身份证号不一致` });
  if (!str(v.applicationDate)) problems.push({ field: header('applicationDate'), message: '请填写入党申请日期' });
  const [contact1, contact2] = contactsOf(v, problems);
  return {
    input: {
      person: {
        villageId: found?.id ?? '',
        name: str(v.name) ?? '',
        idNumber,
        ethnicity: str(v.ethnicity),
        education: str(v.education),
        applicationDate: str(v.applicationDate) ?? '',
        note: str(v.note),
      },
      steps: {
        talkDate: str(v.talkDate), talkBy: str(v.talkBy), activistDate: str(v.activistDate), activistWay: str(v.activistWay),
        contact1, contact2, candidateDate: str(v.candidateDate), introducer1: str(v.introducer1), introducer2: str(v.introducer2),
        reviewDate: str(v.reviewDate), trainingDate: str(v.trainingDate), publicityStart: str(v.publicityStart), publicityEnd: str(v.publicityEnd),
        acceptDate: str(v.acceptDate), votesFor: num(v.votesFor), votesAgainst: num(v.votesAgainst), votesAbstain: num(v.votesAbstain),
        approvalDate: str(v.approvalDate), oathDate: str(v.oathDate), extensionDate: str(v.extensionDate), extensionMonths: num(v.extensionMonths),
        fullApplyDate: str(v.fullApplyDate), fullMeetingDate: str(v.fullMeetingDate), fullApprovalDate: str(v.fullApprovalDate),
        exitDate: str(v.exitDate), exitKind: str(v.exitKind), exitReason: str(v.exitReason),
      },
    },
    problems,
    key: id.ok ? id.value : null,
    keyField: header('idNumber'),
    duplicate: '身份证号',
  };
}
