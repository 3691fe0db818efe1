import { NotFoundError } from '../../db/errors';
import { caseMeasures, listCases, rectificationCasesTable, rectificationMeasuresTable, type CaseListRow } from '../../db/partyDev';
import { deleteRow, getRow, insertRow, updateRow } from '../../db/sync';
import { writeTx } from '../../db/tx';
import { villagesTable } from '../../db/villages';
import type { CaseDetail, CaseListItem, ParsedInput } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import { AppError } from '../api/errors';
import type { Core } from '../core';
import { localDay } from '../domain/dates';
import { maskIdNumber } from '../domain/idNumber';
import { revealId, type WithIdNumber } from './reveal';

/** 排查整顿: cases of members found to have been developed irregularly, and the measures taken. */

const toListItem = (r: CaseListRow): CaseListItem => ({
  id: r.id,
  version: r.version,
  villageId: r.village_id,
  villageName: r.village_name,
  name: r.name,
  idNumber: r.id_number === null ? null : maskIdNumber(r.id_number),
  joinedDate: r.joined_date,
  findingDate: r.finding_date,
  finding: r.finding,
  measures: r.measures,
  updatedAt: r.updated_at,
});

export function caseDetail(core: Core, id: string): CaseDetail {
  const r = listCases(core.db, { id, page: 1, pageSize: 1 }).rows[0];
  if (!r) throw new NotFoundError('排查整顿案例');
  return {
    ...toListItem(r),
    note: r.note,
    measureList: caseMeasures(core.db, id).map((m) => ({ id: m.id, version: m.version, measure: m.measure, date: m.measure_date, note: m.note })),
  };
}

type CaseInput = ParsedInput<'rectification.create'>;

function checkCase(core: Core, input: CaseInput): void {
  const fields: { path: string[]; message: string }[] = [];
  const day = localDay(core.now());
  if (!getRow(core.db, villagesTable, input.villageId)) fields.push({ path: ['villageId'], message: '所选村（社区）不存在或已被删除' });
  if (input.findingDate > day) fields.push({ path: ['findingDate'], message: `认定日期不能晚于今天（${day}）` });
  if (input.joinedDate && input.joinedDate > input.findingDate) fields.push({ path: ['joinedDate'], message: '入党时间不能晚于认定日期' });
  if (fields.length) throw new AppError('invalid', `填写内容有误：${fields.map((f) => f.message).join('；')}`, fields);
}

const columns = (input: CaseInput) => ({
  village_id: input.villageId,
  name: input.name,
  id_number: input.idNumber,
  joined_date: input.joinedDate,
  finding_date: input.findingDate,
  finding: input.finding,
  note: input.note,
});

export function createCase(core: Core, input: CaseInput): CaseDetail {
  return writeTx(core.db, () => {
    checkCase(core, input);
    return caseDetail(core, insertRow(core.db, core.writer(), rectificationCasesTable, columns(input)).id);
  });
}

export function updateCase(core: Core, input: ParsedInput<'rectification.update'>): CaseDetail {
  return writeTx(core.db, () => {
    checkCase(core, input);
    updateRow(core.db, core.writer(), rectificationCasesTable, input.id, columns(input), { expectedVersion: input.version });
    return caseDetail(core, input.id);
  });
}

export function removeCase(core: Core, id: string, version: number): { id: string } {
  return writeTx(core.db, () => {
    const w = core.writer();
    deleteRow(core.db, w, rectificationCasesTable, id, { expectedVersion: version });
    for (const m of caseMeasures(core.db, id)) deleteRow(core.db, w, rectificationMeasuresTable, m.id);
    return { id };
  });
}

export function addMeasure(core: Core, input: ParsedInput<'rectification.addMeasure'>): CaseDetail {
  return writeTx(core.db, () => {
    const c = getRow(core.db, rectificationCasesTable, input.caseId);
    if (!c) throw new NotFoundError('排查整顿案例');
    const day = localDay(core.now());
    if (input.date > day) throw new AppError('invalid', `处置日期不能晚于今天（${day}）`, [{ path: ['date'], message: `处置日期不能晚于今天（${day}）` }]);
    if (input.date < c.finding_date) throw new AppError('invalid', '处置日期不能早于认定日期', [{ path: ['date'], message: `处置日期不能早于认定日期（${c.finding_date}）` }]);
    if (caseMeasures(core.db, c.id).some((m) => m.measure === input.measure)) {
      throw new AppError('invalid', `该案例已记录“${input.measure}”`, [{ path: ['measure'], message: `该案例已记录“${input.measure}”` }]);
    }
    insertRow(core.db, core.writer(), rectificationMeasuresTable, { case_id: c.id, measure: input.measure, measure_date: input.date, note: input.note });
    return caseDetail(core, c.id);
  });
}

export function removeMeasure(core: Core, id: string, version: number): CaseDetail {
  return writeTx(core.db, () => caseDetail(core, deleteRow(core.db, core.writer(), rectificationMeasuresTable, id, { expectedVersion: version }).case_id));
}

export const rectificationHandlers = {
  'rectification.list': (core, q) => {
    const { rows, total } = listCases(core.db, { search: q.search ?? undefined, township: q.township, villageId: q.villageId ?? undefined, page: q.page, pageSize: q.pageSize });
    return { rows: rows.map(toListItem), total };
  },
  'rectification.get': (core, { id }) => caseDetail(core, id),
  'rectification.create': (core, input) => createCase(core, input),
  'rectification.update': (core, input) => updateCase(core, input),
  'rectification.remove': (core, { id, version }) => removeCase(core, id, version),
  'rectification.addMeasure': (core, input) => addMeasure(core, input),
  'rectification.removeMeasure': (core, { id, version }) => removeMeasure(core, id, version),
  'rectification.revealId': (core, { id, purpose }) => revealId(core, rectificationCasesTable as WithIdNumber, '排查整顿案例', id, purpose),
} satisfies Partial<Handlers>;
