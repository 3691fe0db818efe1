import type { Database } from 'better-sqlite3';
import { findLiveVillageBy } from '../../db/villages';
import { projectsContract } from '../api/contracts/projects';
import { FUNDING_SOURCES } from '../domain/projects';
import type { Draft } from '../xlsx/importRows';
import { ok, text } from '../xlsx/cells';
import { halfWidth, parseDate, type ColumnSpec, type Parsed, type RawCell } from '../xlsx/read';

/**
 * The columns of a 一村一项目台账 as townships keep it (and as projects.exportXlsx writes it).
 * Amounts are 万元; they reach the projects.create schema as the digits the clerk sees, where
 * domain/money.ts turns them into exact fen, and the service checks that the sources add up.
 */

export type ProjectImportKey =
  | 'village' | 'year' | 'name' | 'category' | 'model' | 'status' | 'partner' | 'responsible'
  | 'plannedStart' | 'plannedEnd' | 'actualStart' | 'actualEnd'
  | 'total' | 'fiscal' | 'aid' | 'villageFund' | 'social' | 'other' | 'income' | 'households' | 'note';

const date = (c: RawCell): Parsed<string | null> => parseDate(c) ?? ok(null);

/**
 * 万元 as the clerk sees it. A number cell is read at Excel's own 15 significant digits, so a
 * value Excel computed (12.300000000000001) is the 12.3 on screen; text keeps its digits.
 */
export const wanCell = (c: RawCell): Parsed<string | null> => {
  if (c.number !== undefined) return ok(String(Number(c.number.toPrecision(15))));
  return ok(halfWidth(c.text).replace(/\s/g, '') || null);
};

const whole = (label: string) => (c: RawCell): Parsed<number | null> => {
  const t = halfWidth(c.text).replace(/[\s年户]/g, '');
  if (!t) return ok(null);
  return /^\d{1,9}$/.test(t) ? ok(Number(t)) : { ok: false, message: `“${c.text}”不是有效的${label}（应为整数）` };
};

const wanHeaders = (label: string, ...more: string[]) => [`${label}（万元）`, label, `${label}(万元)`, ...more];
const SOURCE_KEYS = { fiscal: 'fiscal', aid: 'aid', village: 'villageFund', social: 'social', other: 'other' } as const;

export const PROJECT_COLUMNS: ColumnSpec<ProjectImportKey>[] = [
  { key: 'village', headers: ['村（社区）', '村（社区）名称', '所属村（社区）', '村名', '行政村'], required: true, parse: text },
  { key: 'year', headers: ['年度', '项目年度'], required: true, parse: whole('年度') },
  { key: 'name', headers: ['项目名称'], required: true, parse: text },
  { key: 'category', headers: ['类别', '项目类别'], parse: text },
  { key: 'model', headers: ['经营模式'], parse: text },
  { key: 'status', headers: ['状态', '项目状态'], parse: text },
  { key: 'total', headers: wanHeaders('总投资', '投资总额（万元）'), required: true, parse: wanCell },
  ...FUNDING_SOURCES.map((s) => ({ key: SOURCE_KEYS[s.key], headers: wanHeaders(s.label), parse: wanCell })),
  { key: 'income', headers: wanHeaders('当年收益', '年度收益（万元）', '收益（万元）'), parse: wanCell },
  { key: 'households', headers: ['带动户数', '带动农户数', '受益户数'], parse: whole('带动户数') },
  { key: 'partner', headers: ['合作主体', '合作企业'], parse: text },
  { key: 'responsible', headers: ['负责人', '项目负责人'], parse: text },
  { key: 'plannedStart', headers: ['计划开工日期', '计划开工时间'], parse: date },
  { key: 'plannedEnd', headers: ['计划完工日期', '计划完工时间'], parse: date },
  { key: 'actualStart', headers: ['实际开工日期', '实际开工时间'], parse: date },
  { key: 'actualEnd', headers: ['实际完工（终止）日期', '实际完工日期', '实际完工时间'], parse: date },
  { key: 'note', headers: ['备注'], parse: text },
];

const header = (key: ProjectImportKey) => PROJECT_COLUMNS.find((c) => c.key === key)!.headers[0]!;

/** Input keys (zod and service paths) to the column the clerk sees. */
export const PROJECT_LABELS: Record<string, string> = {
  ...Object.fromEntries(PROJECT_COLUMNS.map((c) => [c.key, c.headers[0]!])),
  villageId: header('village'),
  village: header('villageFund'),
  incomes: header('income'),
};

export const projectImportSchema = projectsContract['projects.create'].input;

type Values = Partial<Record<ProjectImportKey, unknown>>;
const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

export function toProjectDraft(db: Database, v: Values): Draft {
  const problems: Draft['problems'] = [];
  const villageText = str(v.village) ?? '';
  const found = /^\d{12}$/.test(villageText) ? findLiveVillageBy(db, 'code', villageText) : findLiveVillageBy(db, 'name', villageText);
  if (villageText && !found) problems.push({ field: header('village'), message: `“${villageText}”不在本乡镇村（社区）名册中，请先在“村（社区）”中登记` });
  if (!villageText) problems.push({ field: header('village'), message: '请填写村（社区）' });
  const year = typeof v.year === 'number' ? v.year : undefined;
  const income = str(v.income);
  return {
    input: {
      villageId: found?.id ?? '',
      year,
      name: str(v.name) ?? '',
      category: str(v.category) ?? undefined,
      model: str(v.model) ?? undefined,
      status: str(v.status) ?? undefined,
      partner: str(v.partner),
      responsible: str(v.responsible),
      plannedStart: str(v.plannedStart),
      plannedEnd: str(v.plannedEnd),
      actualStart: str(v.actualStart),
      actualEnd: str(v.actualEnd),
      total: str(v.total),
      fiscal: str(v.fiscal),
      aid: str(v.aid),
      village: str(v.villageFund),
      social: str(v.social),
      other: str(v.other),
      households: typeof v.households === 'number' ? v.households : null,
      note: str(v.note),
      // 当年收益 is the income of the project's own 年度, as the export writes it.
      incomes: income !== null && year !== undefined ? [{ year, income }] : [],
    },
    problems,
    key: found && year !== undefined && str(v.name) ? `${found.id}|${year}|${str(v.name)}` : null,
    keyField: header('name'),
    duplicate: '项目（同村、同年度、同名）',
  };
}
