import { cadreAssessmentsTable, cadreEvaluationsTable, cadreInspectionsTable, cadrePostingsTable, cadresTable, daysInRange, findLiveCadreByIdNumber, listCadres, workLogsTable, type CadreListQuery, type CadreListRow } from '../../db/cadres';
import { childIdsOf } from '../../db/cadreRecords';
import { cadreFigures } from '../../db/cadreStats';
import { ConflictError, NotFoundError } from '../../db/errors';
import { deleteRow, getRow, insertRow, updateRow, type SyncTable, type TableValues } from '../../db/sync';
import type { CadreDetail, CadreList, CadreListItem, ParsedInput } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import type { Core } from '../core';
import { attendanceBar, daysLeft, monthBounds, postedDays, requiredDays } from '../domain/cadres';
import { localDay } from '../domain/dates';
import { checkIdNumber, maskIdNumber } from '../domain/idNumber';
import { maskMobile } from '../domain/phone';
import { cadreLedgerHandlers } from './cadreLedger';
import { cadreLogHandlers } from './cadreLogs';
import { cadrePostingHandlers } from './cadrePostings';
import { cadreReviewHandlers } from './cadreReviews';
import { toCadreDetail } from './cadreViews';
import { withMaskedId } from './reveal';
import { readSettings } from './settings';
import { writeTx } from '../../db/tx';

type CadreInput = ParsedInput<'cadres.create'>;

/** Birth date and gender come from the ID number, never from the form. */
function columns(core: Core, input: CadreInput): TableValues<typeof cadresTable> {
  const id = checkIdNumber(input.idNumber, localDay(core.now()));
  if (!id.ok) throw new ConflictError(id.message, [{ path: ['idNumber'], message: id.message }]);
  return {
    name: input.name,
    id_number: id.value,
    birth_date: id.birthDate,
    gender: id.gender,
    ethnicity: input.ethnicity,
    political_status: input.politicalStatus,
    education: input.education,
    unit: input.unit,
    unit_level: input.unitLevel,
    post_rank: input.postRank,
    mobile: input.mobile,
    note: input.note,
  };
}

function checkUnique(core: Core, idNumber: string, selfId: string | null): void {
  const same = findLiveCadreByIdNumber(core.db, idNumber);
  if (same && same.id !== selfId) {
    const message = `身份证号已登记（${same.name}），同一人不能重复登记`;
    throw new ConflictError(message, [{ path: ['idNumber'], message }]);
  }
}

/**
 * A new cadre's columns, or the refusal createCadre throws for them. Also the roster import's
 * check (cadresXlsx.ts), which asks the same without writing (issue 16 item 5).
 */
export function newCadreColumns(core: Core, input: CadreInput): TableValues<typeof cadresTable> {
  const cols = columns(core, input);
  checkUnique(core, cols.id_number, null);
  return cols;
}

/** Registers a cadre; call inside a write transaction (createCadre; the roster import's rows). */
export function insertCadre(core: Core, input: CadreInput) {
  return insertRow(core.db, core.writer(), cadresTable, newCadreColumns(core, input));
}

export function createCadre(core: Core, input: CadreInput): CadreDetail {
  return writeTx(core.db, () => toCadreDetail(insertCadre(core, input)));
}

export function updateCadre(core: Core, input: ParsedInput<'cadres.update'>): CadreDetail {
  return writeTx(core.db, () => {
    const cols = columns(core, input);
    checkUnique(core, cols.id_number, input.id);
    return toCadreDetail(updateRow(core.db, core.writer(), cadresTable, input.id, cols, { expectedVersion: input.version }));
  });
}

/** Tombstones the cadre and everything recorded about them, so no orphan stays in the lists. */
export function removeCadre(core: Core, id: string, version: number): { id: string } {
  return writeTx(core.db, () => {
    const w = core.writer();
    deleteRow(core.db, w, cadresTable, id, { expectedVersion: version });
    for (const t of [cadrePostingsTable, workLogsTable, cadreInspectionsTable, cadreEvaluationsTable, cadreAssessmentsTable] as SyncTable[]) {
      for (const child of childIdsOf(core.db, t.name, id)) deleteRow(core.db, w, t, child);
    }
    return { id };
  });
}

/** Judged like the ledger: the threshold prorated to the days of the month in post. */
function toListItem(r: CadreListRow, days: number, month: string, today: string, threshold: number): CadreListItem {
  const inPost = r.status === '在岗' && r.posting_actual_end === null;
  const required = inPost ? requiredDays(month, threshold, postedDays(month, [{ startDate: r.start_date!, actualEnd: null }])) : 0;
  const bar = attendanceBar(month, today, required);
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    gender: r.gender,
    birthDate: r.birth_date,
    idNumber: maskIdNumber(r.id_number),
    unit: r.unit,
    unitLevel: r.unit_level,
    postRank: r.post_rank,
    mobile: maskMobile(r.mobile),
    villageId: r.village_id,
    villageName: r.village_name,
    role: r.role,
    status: r.status ?? '未派驻',
    startDate: r.start_date,
    monthDays: days,
    belowThreshold: inPost && days < bar,
    updatedAt: r.updated_at,
  };
}

type ListFilters = Omit<ParsedInput<'cadres.list'>, 'page' | 'pageSize' | 'id'>;

/** The list's filters as the store's query; shared by the list and its Excel export. */
export function cadreListQuery(core: Core, q: ListFilters) {
  const threshold = readSettings(core).attendanceThresholdDays;
  const today = localDay(core.now());
  const month = q.month ?? today.slice(0, 7);
  const { first, last } = monthBounds(month);
  const monthDays = Number(last.slice(8));
  const query: Omit<CadreListQuery, 'page' | 'pageSize'> = {
    search: q.search ?? undefined,
    township: q.township,
    villageId: q.villageId ?? undefined,
    role: q.role ?? undefined,
    status: q.status ?? undefined,
    belowMonth: q.belowOnly ? { first, last, threshold, monthDays, daysLeft: daysLeft(month, today) } : undefined,
    sort: q.sort ?? undefined,
    order: q.order ?? undefined,
  };
  return { query, threshold, today, month, first, last };
}

export function listCadresPage(core: Core, q: ParsedInput<'cadres.list'>): CadreList {
  const { query, threshold, today, month, first, last } = cadreListQuery(core, q);
  const { rows, total } = listCadres(core.db, { ...query, id: q.id ?? undefined, page: q.page, pageSize: q.pageSize });
  const days = daysInRange(core.db, rows.map((r) => r.id), first, last);
  return { rows: rows.map((r) => toListItem(r, days.get(r.id) ?? 0, month, today, threshold)), total, month, threshold };
}

export const cadreHandlers = {
  'cadres.list': (core, q) => listCadresPage(core, q),
  'cadres.get': (core, { id }) => {
    const row = getRow(core.db, cadresTable, id);
    if (!row) throw new NotFoundError('驻村干部');
    // Masked like the list; the edit form asks cadres.revealId (audited) for the full number.
    return withMaskedId(toCadreDetail(row));
  },
  'cadres.create': (core, input) => withMaskedId(createCadre(core, input)),
  'cadres.update': (core, input) => withMaskedId(updateCadre(core, input)),
  'cadres.remove': (core, { id, version }) => removeCadre(core, id, version),
  'cadres.summary': (core, { from, to, township }) => cadreFigures(core.db, from, to, township ?? null),
  ...cadrePostingHandlers,
  ...cadreLogHandlers,
  ...cadreReviewHandlers,
  ...cadreLedgerHandlers,
} satisfies Partial<Handlers>;
