import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { findLiveVillageBy, type VillageRow } from '../../db/villages';
import { cadresContract } from '../api/contracts/cadres';
import { CADRE_ROLES, POSTING_END_STATUSES } from '../domain/cadres';
import { checkIdNumber } from '../domain/idNumber';
import type { Draft } from '../xlsx/importRows';
import { ethnicityCell, ID_NUMBER_HEADERS, idNumberCell, mobileCell, ok, text } from '../xlsx/cells';
import { parseDate, type ColumnSpec, type Parsed, type RawCell } from '../xlsx/read';

/**
 * The columns of a 驻村干部花名册 as townships keep it in Excel (and as cadres.exportXlsx writes
 * it), with the other names a column goes by. A row is a cadre and, when 驻村村（社区） is filled,
 * their current posting. Values are then checked by the cadres.create and cadres.post schemas and
 * written by the same services as the form, so nothing here restates a rule of the register.
 */

export type CadreImportKey =
  | 'name' | 'gender' | 'idNumber' | 'ethnicity' | 'politicalStatus' | 'education' | 'unit' | 'unitLevel' | 'postRank'
  | 'mobile' | 'note' | 'village' | 'role' | 'startDate' | 'plannedEnd' | 'status';

const date = (c: RawCell): Parsed<string | null> => parseDate(c) ?? ok(null);

export const CADRE_COLUMNS: ColumnSpec<CadreImportKey>[] = [
  { key: 'name', headers: ['姓名'], required: true, parse: text },
  { key: 'gender', headers: ['性别'], parse: text },
  {
    key: 'idNumber',
    headers: ID_NUMBER_HEADERS,
    required: true,
    parse: idNumberCell(false),
  },
  { key: 'ethnicity', headers: ['民族'], parse: ethnicityCell },
  { key: 'politicalStatus', headers: ['政治面貌'], parse: (c) => ok(c.text === '党员' ? '中共党员' : c.text === '预备党员' ? '中共预备党员' : c.text || null) },
  { key: 'education', headers: ['学历', '文化程度'], parse: text },
  { key: 'unit', headers: ['派出单位', '选派单位'], required: true, parse: text },
  { key: 'unitLevel', headers: ['派出单位层级', '单位层级', '派出单位级别'], parse: text },
  { key: 'postRank', headers: ['职务职级', '职务', '现任职务'], parse: text },
  {
    key: 'mobile',
    headers: ['手机号码', '手机', '联系电话', '联系方式'],
    parse: mobileCell('手机号码'),
  },
  { key: 'note', headers: ['备注'], parse: text },
  { key: 'village', headers: ['驻村村（社区）', '驻村村', '所驻村', '派驻村', '驻村地点'], parse: text },
  { key: 'role', headers: ['驻村角色', '驻村职务', '角色'], parse: text },
  { key: 'startDate', headers: ['驻村开始日期', '驻村时间', '派驻时间', '驻村开始时间'], parse: date },
  { key: 'plannedEnd', headers: ['计划结束日期', '计划结束时间'], parse: date },
  { key: 'status', headers: ['状态', '在岗状态'], parse: text },
];

/** Input keys (zod and service paths) to the column the clerk sees. */
export const CADRE_LABELS: Record<string, string> = {
  ...Object.fromEntries(CADRE_COLUMNS.map((c) => [c.key, c.headers[0]!])),
  villageId: '驻村村（社区）',
  cadreId: '姓名',
  replacedByCadreId: '姓名',
};

/** A cadre and, if given, the posting to open for them (cadreId is filled in once created). */
export const cadreImportSchema = z.strictObject({
  cadre: cadresContract['cadres.create'].input,
  posting: cadresContract['cadres.post'].input.omit({ cadreId: true }).nullable(),
});

type Values = Partial<Record<CadreImportKey, unknown>>;
const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
const ENDED: readonly string[] = POSTING_END_STATUSES;

/** A live village by its 12-digit code or its name, as a row's 驻村村（社区） names it. */
export type VillageLookup = (nameOrCode: string) => VillageRow | undefined;

const findVillage = (db: Database, village: string) => (/^\d{12}$/.test(village) ? findLiveVillageBy(db, 'code', village) : findLiveVillageBy(db, 'name', village));

/**
 * The village lookup of one import's drafting: a roster names the same few villages thousands of
 * times, so each is looked up once (issue 16 item 5). Only for the drafting before the write; the
 * posting's service looks the village up again inside the transaction.
 */
export function villageLookup(db: Database): VillageLookup {
  const seen = new Map<string, VillageRow | undefined>();
  return (village) => {
    if (!seen.has(village)) seen.set(village, findVillage(db, village));
    return seen.get(village);
  };
}

/** The posting part of a row: none for 未派驻 or an ended posting (history is not imported). */
function postingDraft(lookup: VillageLookup, v: Values, problems: Draft['problems']) {
  const village = str(v.village);
  const status = str(v.status);
  if (status && status !== '在岗' && status !== '未派驻' && !ENDED.includes(status)) {
    problems.push({ field: '状态', message: `“${status}”应为在岗、未派驻或${ENDED.join('、')}` });
  }
  if (status === '未派驻' && village) problems.push({ field: '状态', message: '状态为未派驻，请清空驻村村（社区）' });
  if (!village || (status && status !== '在岗')) return null;
  const found = lookup(village);
  if (!found) problems.push({ field: '驻村村（社区）', message: `“${village}”不在本乡镇村（社区）名册中，请先在“村（社区）”中登记` });
  const role = str(v.role);
  if (role && !(CADRE_ROLES as readonly string[]).includes(role)) {
    problems.push({ field: '驻村角色', message: `“${role}”应为以下之一：${CADRE_ROLES.join('、')}` });
  }
  return { villageId: found?.id ?? '', role: role ?? undefined, startDate: str(v.startDate) ?? undefined, plannedEnd: str(v.plannedEnd) };
}

export function toCadreDraft(lookup: VillageLookup, v: Values): Draft {
  const problems: Draft['problems'] = [];
  const idNumber = String(v.idNumber ?? '');
  const id = checkIdNumber(idNumber);
  const gender = str(v.gender);
  if (id.ok && gender && gender !== id.gender) problems.push({ field: '性别', message: `性别“${gender}”与身份证号不一致` });
  const posting = postingDraft(lookup, v, problems);
  return {
    input: {
      cadre: {
        name: String(v.name ?? ''),
        idNumber,
        ethnicity: str(v.ethnicity),
        politicalStatus: str(v.politicalStatus),
        education: str(v.education),
        unit: String(v.unit ?? ''),
        unitLevel: str(v.unitLevel) ?? undefined,
        postRank: str(v.postRank),
        mobile: str(v.mobile),
        note: str(v.note),
      },
      posting,
    },
    problems,
    key: id.ok ? id.value : null,
    keyField: '身份证号',
    duplicate: '身份证号',
  };
}
