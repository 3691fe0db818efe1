import type { Database } from 'better-sqlite3';
import { starsContract } from '../api/contracts/stars';
import { MAX_SCORE, STAR_LABELS } from '../domain/stars';
import type { Draft } from '../xlsx/importRows';
import { rowVillage } from './importVillage';
import { ok, text } from '../xlsx/cells';
import { halfWidth, parseDate, type ColumnSpec, type Parsed, type RawCell } from '../xlsx/read';

/**
 * The columns of a 村级党组织评星定级台账 as townships keep it: one row per village per year, with
 * at most one corrective item (整改事项) beside a rating below four stars (further items are added
 * in the rating's drawer). Rows are checked by the stars.create schema and written by the same
 * service as the drawer, so one rating per village and year, the reason for a change of stars and
 * the corrective items are judged exactly as for a typed rating; last year's stars may come from a
 * row above in the same file.
 */

export type StarImportKey =
  | 'village' | 'year' | 'score' | 'stars' | 'changeReason' | 'publicityStart' | 'publicityEnd'
  | 'item' | 'deadline' | 'responsible' | 'result' | 'doneDate' | 'note';

const date = (c: RawCell): Parsed<string | null> => parseDate(c) ?? ok(null);

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5 };

/** 五星, 五星级, 5, 5星, ★★★★★ all mean five stars. */
export const starsCell = (c: RawCell): Parsed<number | null> => {
  const t = halfWidth(c.text).replace(/\s/g, '');
  if (!t) return ok(null);
  if (/^★{1,5}$/.test(t)) return ok(t.length);
  const m = /^([一二三四五1-5])(星级?)?$/.exec(t);
  if (m && (m[2] || /\d/.test(m[1]!))) return ok(DIGITS[m[1]!]!);
  return { ok: false, message: `“${c.text}”应为${STAR_LABELS.join('、')}之一（也可填1至5）` };
};

const whole = (label: string, max: number, strip: RegExp) => (c: RawCell): Parsed<number | null> => {
  const t = halfWidth(c.text).replace(/\s/g, '').replace(strip, '');
  if (!t) return ok(null);
  if (c.number !== undefined && !Number.isInteger(c.number)) return { ok: false, message: `“${c.text}”不是有效的${label}（应为整数）` };
  return /^\d{1,4}$/.test(t) && Number(t) <= max ? ok(Number(t)) : { ok: false, message: `“${c.text}”不是有效的${label}（应为0至${max}的整数）` };
};

export const STAR_COLUMNS: ColumnSpec<StarImportKey>[] = [
  { key: 'village', headers: ['村（社区）', '村（社区）名称', '所属村（社区）', '村党组织', '村名', '行政村'], required: true, parse: text },
  { key: 'year', headers: ['评定年度', '年度', '评星年度'], required: true, parse: whole('评定年度', 2100, /年(度)?$/) },
  { key: 'score', headers: ['得分', '评定得分', '考核得分'], parse: whole('得分', MAX_SCORE, /分$/) },
  { key: 'stars', headers: ['星级', '评定星级', '评定等次'], required: true, parse: starsCell },
  { key: 'changeReason', headers: ['升降星原因', '升降原因', '变化原因'], parse: text },
  { key: 'publicityStart', headers: ['公示开始日期', '公示开始'], parse: date },
  { key: 'publicityEnd', headers: ['公示结束日期', '公示结束'], parse: date },
  { key: 'item', headers: ['整改事项', '整改内容'], parse: text },
  { key: 'deadline', headers: ['整改时限', '整改期限'], parse: date },
  { key: 'responsible', headers: ['责任人', '整改责任人'], parse: text },
  { key: 'result', headers: ['整改结果', '整改情况'], parse: text },
  { key: 'doneDate', headers: ['完成日期', '整改完成日期'], parse: date },
  { key: 'note', headers: ['备注'], parse: text },
];

const header = (key: StarImportKey) => STAR_COLUMNS.find((c) => c.key === key)!.headers[0]!;

/** Input keys (zod and service paths) to the column the clerk sees. */
export const STAR_LABELS_BY_KEY: Record<string, string> = {
  ...Object.fromEntries(STAR_COLUMNS.map((c) => [c.key, c.headers[0]!])),
  villageId: header('village'),
  rectifications: header('item'),
};

export const starImportSchema = starsContract['stars.create'].input;

type Values = Partial<Record<StarImportKey, unknown>>;
const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
const num = (v: unknown) => (typeof v === 'number' ? v : null);

export function toStarDraft(db: Database, v: Values): Draft {
  const problems: Draft['problems'] = [];
  const found = rowVillage(db, str(v.village), header('village'), problems);
  const year = num(v.year);
  if (year === null) problems.push({ field: header('year'), message: '请填写评定年度' });
  if (num(v.stars) === null) problems.push({ field: header('stars'), message: '请填写星级' });
  const item = str(v.item);
  const itemParts = [v.deadline, v.responsible, v.result, v.doneDate].some((x) => str(x));
  if (!item && itemParts) problems.push({ field: header('item'), message: '填写了整改时限、责任人、结果或完成日期，请同时填写整改事项' });
  return {
    input: {
      villageId: found?.id ?? '',
      year: year ?? undefined,
      score: num(v.score),
      stars: num(v.stars) ?? undefined,
      changeReason: str(v.changeReason),
      publicityStart: str(v.publicityStart),
      publicityEnd: str(v.publicityEnd),
      note: str(v.note),
      rectifications: item ? [{ item, deadline: str(v.deadline), responsible: str(v.responsible), result: str(v.result), doneDate: str(v.doneDate) }] : [],
    },
    problems,
    key: found && year !== null ? `${found.id}|${year}` : null,
    keyField: header('year'),
    duplicate: '评定记录（同村、同年度）',
  };
}
