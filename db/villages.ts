import type { Database } from 'better-sqlite3';
import { defineSyncTable, type RowOf } from './sync';
import { filterTownship } from './townships';

export const villagesTable = defineSyncTable('villages', '村（社区）', [
  'code',
  'name',
  'kind',
  'party_org_name',
  'party_org_type',
  'secretary',
  'secretary_phone',
  'key_village',
  'relocation',
  'note',
] as const);

export const villageYearsTable = defineSyncTable('village_years', '村年度记录', [
  'village_id',
  'year',
  'stars',
  'income_fen',
] as const);

export type VillageRow = RowOf<(typeof villagesTable.columns)[number]>;
export type VillageYearRow = RowOf<(typeof villageYearsTable.columns)[number]>;

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
  return db.prepare(`SELECT * FROM villages WHERE ${column} = ? AND deleted_at IS NULL`).get(value) as VillageRow | undefined;
}

export function allLiveVillages(db: Database): VillageRow[] {
  return db.prepare('SELECT * FROM villages WHERE deleted_at IS NULL ORDER BY code IS NULL, code, name').all() as VillageRow[];
}

export function villageYears(db: Database, villageId: string): VillageYearRow[] {
  return db
    .prepare('SELECT * FROM village_years WHERE village_id = ? AND deleted_at IS NULL ORDER BY year DESC')
    .all(villageId) as VillageYearRow[];
}
