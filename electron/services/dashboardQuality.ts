import {
  membersLongUncontacted,
  projectsWithoutIncome,
  rowTownships,
  secretariesWithoutLog,
  sharedIdNumbers,
  type QualityHit,
  type QualityResult,
  type QualityTable,
  type SharedIdRow,
} from '../../db/quality';
import type { Database } from 'better-sqlite3';
import type { Page, QualityCheck, QualityItem, QualityRecord } from '../api/contract';
import { overdueCutoff } from '../domain/floating';
import { maskIdNumber } from '../domain/idNumber';
import { fenToWanShown } from '../domain/money';

/** How many rows each data-quality check lists on the dashboard; the count is always the full number. */
export const QUALITY_LIMIT = 10;

export type QualityKey = QualityCheck['key'];
export const QUALITY_KEYS: readonly QualityKey[] = ['secretaryNoLog', 'longUncontacted', 'projectNoIncome', 'sharedIdNumber'];

/** What every check depends on: the scope (district: one township or all), today and the interval. */
export interface QualityContext {
  db: Database;
  township: string | null;
  /** District mode: items carry the township they came from. */
  district: boolean;
  today: string;
  interval: number;
}

interface Window {
  limit: number;
  offset: number;
}

const REGISTER_KEY = { 驻村干部: 'cadres', 流动党员: 'floating', 一村一项目: 'projects' } as const;
const TABLE: Record<QualityRecord['register'], QualityTable> = { cadres: 'cadres', floating: 'floating_members', projects: 'projects' };
const REGISTER_NAME = { cadres: '驻村干部', floating: '流动党员' } as const;

const hits = (register: QualityItem['register'], r: QualityResult, detail: (h: QualityHit) => string): QualityItem[] =>
  r.items.map((h) => ({
    key: h.id,
    register,
    name: h.name,
    village: h.village,
    township: null,
    detail: detail(h),
    records: [{ register: REGISTER_KEY[register], id: h.id, name: h.name, village: h.village }],
  }));

const sharedItem = (g: SharedIdRow, i: number): QualityItem => ({
  key: `shared-${g.id_number.slice(-4)}-${i}`,
  register: REGISTER_NAME[g.people[0]!.register],
  name: g.people.map((p) => `${p.name}（${REGISTER_NAME[p.register]}${p.village ? '·' + p.village : ''}）`).join('、'),
  village: g.people[0]!.village,
  township: null,
  detail: `身份证号 ${maskIdNumber(g.id_number)}`,
  records: g.people.map((p) => ({ register: p.register, id: p.id, name: p.name, village: p.village })),
});

/** District: names each item's township (a shared ID number may span several, joined by 、). */
function withTownships(db: Database, items: QualityItem[]): QualityItem[] {
  const records = items.flatMap((i) => i.records);
  const names = new Map<string, string>();
  for (const register of ['cadres', 'floating', 'projects'] as const) {
    const ids = records.filter((r) => r.register === register).map((r) => r.id);
    for (const [id, name] of rowTownships(db, TABLE[register], ids)) names.set(`${register}:${id}`, name);
  }
  return items.map((i) => {
    const towns = [...new Set(i.records.flatMap((r) => names.get(`${r.register}:${r.id}`) ?? []))];
    return { ...i, township: towns.length ? towns.join('、') : null };
  });
}

/** One check: its title and rule with this installation's numbers, its full count, and one window of its rows. */
export function qualityCheck(c: QualityContext, key: QualityKey, w: Window): QualityCheck {
  const scope = { township: c.township, ...w };
  const build = (): QualityCheck => {
    switch (key) {
      case 'secretaryNoLog': {
        const r = secretariesWithoutLog(c.db, scope, `${c.today.slice(0, 7)}-01`, c.today);
        return {
          key,
          title: '本月无驻村日志的第一书记',
          rule: `在岗第一书记，${c.today.slice(0, 4)}年${Number(c.today.slice(5, 7))}月1日至今没有任何驻村日志`,
          count: r.count,
          items: hits('驻村干部', r, (h) => (h.value ? `最近日志 ${h.value as string}` : '从未填写日志')),
        };
      }
      case 'longUncontacted': {
        const cutoff = overdueCutoff(c.today, 2 * c.interval);
        const r = membersLongUncontacted(c.db, scope, cutoff);
        return {
          key,
          title: `超过${2 * c.interval}天未联系的流动党员`,
          rule: `外出中，最近一次联系（无联系记录时从外出之日算）早于 ${cutoff}，即超过联系周期${c.interval}天的两倍`,
          count: r.count,
          items: hits('流动党员', r, (h) => `最近联系 ${h.value as string}`),
        };
      }
      case 'projectNoIncome': {
        const lastYear = Number(c.today.slice(0, 4)) - 1;
        const r = projectsWithoutIncome(c.db, scope, lastYear);
        return {
          key,
          title: `有投资但无${lastYear}年收益记录的项目`,
          rule: `${lastYear}年或以前立项、非谋划、未在${lastYear}年前终止、总投资大于0，但没有填写${lastYear}年度收益（收益为0也请填写0）`,
          count: r.count,
          items: hits('一村一项目', r, (h) => `总投资 ${fenToWanShown(h.value as number)} 万元`),
        };
      }
      case 'sharedIdNumber': {
        const r = sharedIdNumbers(c.db, scope);
        return {
          key,
          title: '身份证号重复',
          rule: '同一身份证号登记了不止一条（驻村干部、流动党员两个名册合并比对）',
          count: r.count,
          items: r.items.map((g, i) => sharedItem(g, w.offset + i)),
        };
      }
    }
  };
  const check = build();
  return c.district ? { ...check, items: withTownships(c.db, check.items) } : check;
}

/** Every check with its first rows, as the dashboard shows them. */
export const qualityChecks = (c: QualityContext): QualityCheck[] => QUALITY_KEYS.map((k) => qualityCheck(c, k, { limit: QUALITY_LIMIT, offset: 0 }));

/** One page of one check's rows: the lists are complete, however many rows a check finds. */
export function qualityPage(c: QualityContext, key: QualityKey, page: number, pageSize: number): Page<QualityItem> & { title: string; rule: string } {
  const check = qualityCheck(c, key, { limit: pageSize, offset: (page - 1) * pageSize });
  return { rows: check.items, total: check.count, title: check.title, rule: check.rule };
}

/** Every row of a check (for the workbook and the notice). */
export const qualityAll = (c: QualityContext, key: QualityKey): QualityCheck => qualityCheck(c, key, { limit: -1, offset: 0 });
