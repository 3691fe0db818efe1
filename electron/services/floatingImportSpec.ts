import { resolveDestination } from '../../db/divisions';
import type { Input } from '../api/contract';
import { checkIdNumber } from '../domain/idNumber';
import { FLOAT_REASONS } from '../domain/floating';
import { ethnicityCell, ID_NUMBER_HEADERS, idNumberCell, mobileCell, ok, text } from '../xlsx/cells';
import { parseDate, type ColumnSpec, type Parsed, type RawCell } from '../xlsx/read';

/**
 * The columns of a floating-member roster as villages keep them in Excel, with the other names
 * the same column goes by, and how each cell is read. Values are checked again by the same zod
 * schema and database rules as the form, so an imported row is exactly as valid as a typed one.
 */

export type ImportKey =
  | 'name' | 'gender' | 'idNumber' | 'ethnicity' | 'education' | 'joinedPartyDate' | 'memberType' | 'leftDate'
  | 'destination' | 'workplace' | 'reason' | 'occupation' | 'mobile' | 'wechat' | 'activityCardNo' | 'destOrgName'
  | 'contactName' | 'contactPhone' | 'contactStart' | 'note';

const required = (label: string) => (c: RawCell) => (c.text ? ok(c.text) : { ok: false as const, message: `请填写${label}` });
const date = (label: string, need: boolean) => (c: RawCell): Parsed<string | null> => {
  const d = parseDate(c);
  if (d === null) return need ? { ok: false, message: `请填写${label}` } : ok(null);
  return d;
};

export const IMPORT_COLUMNS: ColumnSpec<ImportKey>[] = [
  { key: 'name', headers: ['姓名'], required: true, parse: required('姓名') },
  { key: 'gender', headers: ['性别'], parse: text },
  {
    key: 'idNumber',
    headers: ID_NUMBER_HEADERS,
    required: true,
    parse: idNumberCell(true),
  },
  { key: 'ethnicity', headers: ['民族'], parse: ethnicityCell },
  { key: 'education', headers: ['学历', '文化程度'], parse: text },
  { key: 'joinedPartyDate', headers: ['入党时间', '入党日期', '入党年月'], parse: date('入党时间', false) },
  {
    key: 'memberType',
    headers: ['党员类型', '党员身份', '正式/预备'],
    parse: (c) => {
      if (!c.text || /^正式(党员)?$/.test(c.text)) return ok('正式党员');
      if (/^预备(党员)?$/.test(c.text)) return ok('预备党员');
      return { ok: false, message: `“${c.text}”应为“正式党员”或“预备党员”` };
    },
  },
  { key: 'leftDate', headers: ['流出时间', '外出时间', '流出日期', '外出日期'], required: true, parse: date('流出时间', true) },
  { key: 'destination', headers: ['流入地', '流入地点', '外出地点', '流入地区', '外出去向'], required: true, parse: required('流入地') },
  { key: 'workplace', headers: ['工作单位', '工作单位（地点）', '务工单位', '详细地址'], parse: text },
  {
    key: 'reason',
    headers: ['外出原因', '流出原因'],
    parse: (c) => {
      // Blank stays blank: the clerk's choice in the import dialog fills it, or the row is refused.
      if (!c.text) return ok(null);
      const r = FLOAT_REASONS.find((x) => c.text.startsWith(x));
      return r ? ok(r) : { ok: false, message: `“${c.text}”应为以下之一：${FLOAT_REASONS.join('、')}` };
    },
  },
  { key: 'occupation', headers: ['从事职业', '职业'], parse: text },
  { key: 'mobile', headers: ['联系方式', '联系电话', '手机号码', '手机'], parse: mobileCell('联系方式') },
  { key: 'wechat', headers: ['微信', '微信号'], parse: text },
  { key: 'activityCardNo', headers: ['活动证编号', '流动党员活动证编号', '流动党员活动证号', '活动证号'], parse: text },
  { key: 'destOrgName', headers: ['流入地党组织', '流入地党组织名称', '参加流入地党组织'], parse: text },
  { key: 'contactName', headers: ['联系人', '一对一联系人'], parse: text },
  { key: 'contactPhone', headers: ['联系人电话', '联系人手机'], parse: mobileCell('联系人电话') },
  { key: 'contactStart', headers: ['联系开始时间', '联系开始日期', '联系人开始时间', '结对时间', '结对日期'], parse: date('联系开始时间', false) },
  { key: 'note', headers: ['备注'], parse: text },
];

/** Input keys (zod paths) to the column names the clerk sees in the report. */
export const LABELS: Record<string, string> = {
  villageId: '所属村（社区）',
  name: '姓名',
  idNumber: '身份证号',
  ethnicity: '民族',
  education: '学历',
  joinedPartyDate: '入党时间',
  memberType: '党员类型',
  leftDate: '流出时间',
  destProvince: '流入地',
  destCity: '流入地',
  destCounty: '流入地',
  workplace: '工作单位',
  reason: '外出原因',
  occupation: '从事职业',
  mobile: '联系方式',
  wechat: '微信',
  activityCardNo: '活动证编号',
  destOrgJoined: '流入地党组织',
  destOrgName: '流入地党组织',
  note: '备注',
};

type Values = Partial<Record<ImportKey, unknown>>;
const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** What the clerk chose in the import dialog for cells the file leaves blank. */
export interface ImportDefaults {
  reason: string | null;
  contactStart: string | null;
}

/** One read row to the form's input, with the problems only the spreadsheet can have. */
export function toMemberInput(v: Values, villageId: string, defaults: ImportDefaults): {
  input: Input<'floating.create'>;
  contact: { name: string; phone: string | null; startDate: string } | null;
  problems: { field: string; message: string }[];
} {
  const problems: { field: string; message: string }[] = [];
  const dest = resolveDestination(String(v.destination ?? ''));
  if (!dest) problems.push({ field: '流入地', message: `“${String(v.destination)}”无法识别省份，请写成“广东省深圳市宝安区”的形式` });
  const id = checkIdNumber(String(v.idNumber ?? ''));
  const gender = str(v.gender);
  if (id.ok && gender && gender !== id.gender) problems.push({ field: '性别', message: `性别“${gender}”与身份证号不一致` });
  const workplace = [str(v.workplace), dest?.rest || null].filter(Boolean).join(' ') || null;
  const contactName = str(v.contactName);
  if (!contactName && str(v.contactPhone)) problems.push({ field: '联系人', message: '填写了联系人电话，请同时填写联系人姓名' });
  if (contactName && !/^[\p{Script=Han}A-Za-z·]{1,30}$/u.test(contactName)) problems.push({ field: '联系人', message: '联系人只能包含汉字、字母和间隔号“·”' });
  const contactPhone = str(v.contactPhone);
  if (contactPhone && !/^1[3-9]\d{9}$/.test(contactPhone)) problems.push({ field: '联系人电话', message: '联系人电话应为11位手机号码' });
  // Neither is guessed: a wrong 务工 or a contact starting on the import day would change the
  // half-year figures the district sees.
  const reason = str(v.reason) ?? defaults.reason;
  if (!reason) problems.push({ field: '外出原因', message: '未填外出原因：请在文件中填写，或在导入对话框中选择“外出原因未填时”' });
  const contactStart = str(v.contactStart) ?? defaults.contactStart;
  if (contactName && !contactStart) problems.push({ field: '联系开始时间', message: '未填一对一联系人的联系开始时间：请在文件中填写，或在导入对话框中填写“联系开始时间未填时”' });
  return {
    input: {
      villageId,
      name: String(v.name ?? ''),
      idNumber: String(v.idNumber ?? ''),
      ethnicity: str(v.ethnicity) as never,
      education: str(v.education) as never,
      joinedPartyDate: str(v.joinedPartyDate),
      memberType: v.memberType as never,
      leftDate: String(v.leftDate ?? ''),
      destProvince: dest?.province ?? '',
      destCity: dest?.city ?? null,
      destCounty: dest?.county ?? null,
      workplace,
      reason: (reason ?? '') as never,
      occupation: str(v.occupation),
      mobile: str(v.mobile),
      wechat: str(v.wechat),
      activityCardNo: str(v.activityCardNo),
      destOrgJoined: Boolean(str(v.destOrgName)),
      destOrgName: str(v.destOrgName),
      note: str(v.note),
    },
    contact: contactName && contactStart ? { name: contactName, phone: contactPhone, startDate: contactStart } : null,
    problems,
  };
}
