import { cadreAssessmentsTable, cadreEvaluationsTable, cadreInspectionsTable, cadresTable } from '../../db/cadres';
import { assessmentFor, evaluationFor } from '../../db/cadreRecords';
import { ConflictError } from '../../db/errors';
import { deleteRow, getRow, insertRow, updateRow, type SyncTable } from '../../db/sync';
import type { Assessment, Evaluation, Inspection, ParsedInput } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import type { Core } from '../core';
import { quarterOf } from '../domain/cadres';
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

function checkCadre(core: Core, cadreId: string): void {
  if (!getRow(core.db, cadresTable, cadreId)) refuse('cadreId', '驻村干部不存在或已被删除');
}

export function addInspection(core: Core, input: ParsedInput<'cadres.addInspection'>): Inspection {
  return writeTx(core.db, () => {
    checkCadre(core, input.cadreId);
    if (input.inspectDate > localDay(core.now())) refuse('inspectDate', '督查日期不能晚于今天');
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
    checkCadre(core, input.cadreId);
    const today = localDay(core.now());
    const thisYear = Number(today.slice(0, 4));
    if (input.year > thisYear || (input.year === thisYear && input.quarter > quarterOf(today))) refuse('quarter', '不能考评尚未开始的季度');
    const values = { cadre_id: input.cadreId, year: input.year, quarter: input.quarter, result: input.result, evaluator: input.evaluator, notes: input.notes };
    const old = evaluationFor(core.db, input.cadreId, input.year, input.quarter);
    const w = core.writer();
    return toEvaluation(old ? updateRow(core.db, w, cadreEvaluationsTable, old.id, values) : insertRow(core.db, w, cadreEvaluationsTable, values));
  });
}

export function saveAssessment(core: Core, input: ParsedInput<'cadres.saveAssessment'>): Assessment {
  return writeTx(core.db, () => {
    checkCadre(core, input.cadreId);
    if (input.year > Number(localDay(core.now()).slice(0, 4))) refuse('year', '不能考核尚未开始的年度');
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
