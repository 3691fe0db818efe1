import type { Database } from 'better-sqlite3';
import { PARTY_ORG_TYPES, VILLAGE_KINDS } from '../electron/domain/divisionCodes';
import * as c from './columns';
import { optional } from './columns';
import { defineSyncTable, stmt, type TableRow } from './sync';
import { filterTownship } from './townships';

export const villagesTable = defineSyncTable('villages', '村（社区）', {
  code: optional(c.code('区划代码', 12)),
  name: c.text('村（社区）名称', 50),
  kind: c.oneOf('类型', VILLAGE_KINDS),
  party_org_name: optional(c.text('党组织名称', 60)),
  party_org_type: optional(c.oneOf('党组织类型', PARTY_ORG_TYPES)),
  secretary: optional(c.personName('党组织书记')),
  secretary_phone: optional(c.mobile('书记联系电话')),
  key_village: c.flag('乡村振兴重点村'),
  relocation: c.flag('易地扶贫搬迁安置社区'),
  note: optional(c.text('备注', 500)),
});

export const villageYearsTable = defineSyncTable('village_years', '村年度记录', {
  village_id: c.ref('村（社区）', 'villages'),
  year: c.int('年度', 1949, 2100),
  stars: optional(c.int('星级', 1, 5)),
  income_fen: optional(c.fen('集体经济收入')),
});

export type VillageRow = TableRow<typeof villagesTable>;
export type VillageYearRow = TableRow<typeof villageYearsTable>;

export const VILLAGE_SORTS = {
  code: 'code',
  name: 'name',
  kind: 'kind',
  updated_at: 'updated_at',
} as const;

export interface VillageListQuery {
  search?: string;
  /** District mode: only rows from this township's installations. */
  township?: string | null;
  kind?: string;
  flag?: 'key_village' | 'relocation';
  sort?: keyof typeof VILLAGE_SORTS;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** Paging, search and filters happen in SQL; the page only ever holds one page of rows. */
export function listVillages(db: Database, q: VillageListQuery): { rows: VillageRow[]; total: number } {
  const where = ['deleted_at IS NULL'];
  const params: Record<string, unknown> = {};
  filterTownship(where, params, '', q.township);
  const search = q.search?.trim();
  if (search) {
    where.push('(instr(name, @search) > 0 OR instr(ifnull(code, \'\'), @search) > 0 OR instr(ifnull(secretary, \'\'), @search) > 0 OR instr(ifnull(party_org_name, \'\'), @search) > 0)');
    params.search = search;
  }
  if (q.kind) {
    where.push('kind = @kind');
    params.kind = q.kind;
  }
  if (q.flag === 'key_village') where.push('key_village = 1');
  if (q.flag === 'relocation') where.push('relocation = 1');
  const sortCol = VILLAGE_SORTS[q.sort ?? 'code'];
  const dir = q.order === 'desc' ? 'DESC' : 'ASC';
  const whereSql = where.join(' AND ');
  const total = (db.prepare(`SELECT count(*) AS n FROM villages WHERE ${whereSql}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT * FROM villages WHERE ${whereSql}
       ORDER BY ${sortCol} IS NULL, ${sortCol} ${dir}, name ${dir}, id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as VillageRow[];
  return { rows, total };
}

export function findLiveVillageBy(db: Database, column: 'code' | 'name', value: string): VillageRow | undefined {
  return stmt(db, `SELECT * FROM villages WHERE ${column} = ? AND deleted_at IS NULL`).get(value) as VillageRow | undefined;
}

export function allLiveVillages(db: Database): VillageRow[] {
  return db.prepare('SELECT * FROM villages WHERE deleted_at IS NULL ORDER BY code IS NULL, code, name').all() as VillageRow[];
}

export function villageYears(db: Database, villageId: string): VillageYearRow[] {
  return stmt(db, 'SELECT * FROM village_years WHERE village_id = ? AND deleted_at IS NULL ORDER BY year DESC').all(villageId) as VillageYearRow[];
}
