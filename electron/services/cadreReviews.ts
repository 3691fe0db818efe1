import { cadreAssessmentsTable, cadreEvaluationsTable, cadreInspectionsTable, cadresTable } from '../../db/cadres';
import { assessmentFor, evaluationFor, postingsOf, postingWithin } from '../../db/cadreRecords';
import { ConflictError } from '../../db/errors';
import { deleteRow, getRow, insertRow, updateRow, type SyncTable } from '../../db/sync';
import type { Assessment, Evaluation, Inspection, ParsedInput } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import type { Core } from '../core';
import { quarterDays, quarterOf } from '../domain/cadres';
import { localDay } from '../domain/dates';
import { toAssessment, toEvaluation, toInspection } from './cadreViews';
import { writeTx } from '../../db/tx';

/**
 * 常态督查、季度考评、年终考核: inspections are events (any number), a quarterly evaluation is
 * one per cadre per quarter and an annual assessment one per year; saving a period that already
 * has a result replaces it (audited), as re-marking a paper form would.
 */

const refuse = (path: string, message: string): never => {
  throw new ConflictError(message, [{ path: [path], message }]);
};

/**
 * The cadre, who must have been posted on some day from `first` to `last`: a 督查 finds a cadre
 * in the village or absent from it, and a 考评 or 考核 rates time served there; one dated when the
 * cadre was not posted (before the first posting, after leaving) counted in the report's 督查 and
 * 考评 figures for a village the cadre was not in.
 */
function checkServed(core: Core, cadreId: string, first: string, last: string, field: string, when: string, what: string): void {
  const cadre = getRow(core.db, cadresTable, cadreId);
  if (!cadre) refuse('cadreId', '驻村干部不存在或已被删除');
  if (!postingWithin(core.db, cadreId, first, last)) refuse(field, `${String(cadre!.name)}${when}不在驻村期内（${servedDays(core, cadreId)}），不能${what}`);
}

/** The cadre's postings as a clerk reads them: 驻村时间：2024-03-01至2025-02-28、2026-11-12起. */
function servedDays(core: Core, cadreId: string): string {
  const spans = postingsOf(core.db, cadreId)
    .reverse()
    .map((p) => (p.actual_end ? `${p.start_date}至${p.actual_end}` : `${p.start_date}起`));
  return spans.length ? `驻村时间：${spans.join('、')}` : '尚未派驻';
}

export function addInspection(core: Core, input: ParsedInput<'cadres.addInspection'>): Inspection {
  return writeTx(core.db, () => {
    if (input.inspectDate > localDay(core.now())) refuse('inspectDate', '督查日期不能晚于今天');
    checkServed(core, input.cadreId, input.inspectDate, input.inspectDate, 'inspectDate', `${input.inspectDate}`, '登记督查');
    const row = insertRow(core.db, core.writer(), cadreInspectionsTable, {
      cadre_id: input.cadreId,
      inspect_date: input.inspectDate,
      inspector: input.inspector,
      in_post: input.inPost ? 1 : 0,
      notes: input.notes,
    });
    return toInspection(row);
  });
}

export function saveEvaluation(core: Core, input: ParsedInput<'cadres.saveEvaluation'>): Evaluation {
  return writeTx(core.db, () => {
    const today = localDay(core.now());
    const thisYear = Number(today.slice(0, 4));
    if (input.year > thisYear || (input.year === thisYear && input.quarter > quarterOf(today))) refuse('quarter', '不能考评尚未开始的季度');
    checkServed(core, input.cadreId, ...quarterDays(input.year, input.quarter), 'quarter', `${input.year}年第${input.quarter}季度`, '考评');
    const values = { cadre_id: input.cadreId, year: input.year, quarter: input.quarter, result: input.result, evaluator: input.evaluator, notes: input.notes };
    const old = evaluationFor(core.db, input.cadreId, input.year, input.quarter);
    const w = core.writer();
    return toEvaluation(old ? updateRow(core.db, w, cadreEvaluationsTable, old.id, values) : insertRow(core.db, w, cadreEvaluationsTable, values));
  });
}

export function saveAssessment(core: Core, input: ParsedInput<'cadres.saveAssessment'>): Assessment {
  return writeTx(core.db, () => {
    if (input.year > Number(localDay(core.now()).slice(0, 4))) refuse('year', '不能考核尚未开始的年度');
    checkServed(core, input.cadreId, `${input.year}-01-01`, `${input.year}-12-31`, 'year', `${input.year}年度`, '考核');
    const values = { cadre_id: input.cadreId, year: input.year, result: input.result, notes: input.notes };
    const old = assessmentFor(core.db, input.cadreId, input.year);
    const w = core.writer();
    return toAssessment(old ? updateRow(core.db, w, cadreAssessmentsTable, old.id, values) : insertRow(core.db, w, cadreAssessmentsTable, values));
  });
}

function removeFrom(core: Core, table: SyncTable, id: string, version: number): { id: string } {
  return writeTx(core.db, () => {
    deleteRow(core.db, core.writer(), table, id, { expectedVersion: version });
    return { id };
  });
}

export const cadreReviewHandlers = {
  'cadres.addInspection': (core, input) => addInspection(core, input),
  'cadres.removeInspection': (core, { id, version }) => removeFrom(core, cadreInspectionsTable, id, version),
  'cadres.saveEvaluation': (core, input) => saveEvaluation(core, input),
  'cadres.removeEvaluation': (core, { id, version }) => removeFrom(core, cadreEvaluationsTable, id, version),
  'cadres.saveAssessment': (core, input) => saveAssessment(core, input),
  'cadres.removeAssessment': (core, { id, version }) => removeFrom(core, cadreAssessmentsTable, id, version),
} satisfies Partial<Handlers>;
