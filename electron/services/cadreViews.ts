import type { AssessmentRow, CadreRow, EvaluationRow, InspectionRow, WorkLogRow } from '../../db/cadres';
import type { PostingWithNames } from '../../db/cadreRecords';
import type { Assessment, CadreDetail, Evaluation, Inspection, Posting, WorkLog, WorkLogValues } from '../api/contract';
import { AppError } from '../api/errors';
import type { Core } from '../core';

/** Row-to-API mapping and the shared guard of the cadre services. */

/** District installations only read what townships send. */
export function assertWritable(core: Core): void {
  if (core.installation()?.role === 'district') throw new AppError('read_only', '区县模式下驻村干部数据只读，请在乡镇端修改后同步。');
}

const s = (v: unknown) => v as string;
const sn = (v: unknown) => v as string | null;

export function toCadreDetail(r: CadreRow): CadreDetail {
  return {
    id: r.id,
    version: r.version,
    name: s(r.name),
    idNumber: s(r.id_number),
    birthDate: s(r.birth_date),
    gender: s(r.gender),
    ethnicity: sn(r.ethnicity),
    politicalStatus: sn(r.political_status),
    education: sn(r.education),
    unit: s(r.unit),
    unitLevel: s(r.unit_level),
    postRank: sn(r.post_rank),
    mobile: sn(r.mobile),
    note: sn(r.note),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toPosting(r: PostingWithNames): Posting {
  return {
    id: r.id,
    version: r.version,
    villageId: s(r.village_id),
    villageName: r.village_name,
    role: s(r.role),
    startDate: s(r.start_date),
    plannedEnd: sn(r.planned_end),
    actualEnd: sn(r.actual_end),
    status: s(r.status),
    reason: sn(r.reason),
    replacedByCadreId: sn(r.replaced_by_cadre_id),
    replacedByName: r.replaced_by_name,
    inPost: r.status === '在岗' && r.actual_end === null,
  };
}

export function toLogValues(r: WorkLogRow): WorkLogValues {
  return {
    inVillage: r.in_village === 1,
    workKind: s(r.work_kind),
    households: r.households as number,
    content: sn(r.content),
    problems: sn(r.problems),
    followUp: sn(r.follow_up),
  };
}

export function toWorkLog(r: WorkLogRow, villageNames: Map<string, string>): WorkLog {
  return {
    id: r.id,
    version: r.version,
    logDate: s(r.log_date),
    villageId: s(r.village_id),
    villageName: villageNames.get(s(r.village_id)) ?? null,
    ...toLogValues(r),
  };
}

export function toInspection(r: InspectionRow): Inspection {
  return { id: r.id, version: r.version, inspectDate: s(r.inspect_date), inspector: s(r.inspector), inPost: r.in_post === 1, notes: sn(r.notes) };
}

export function toEvaluation(r: EvaluationRow): Evaluation {
  return {
    id: r.id,
    version: r.version,
    year: r.year as number,
    quarter: r.quarter as number,
    result: s(r.result),
    evaluator: sn(r.evaluator),
    notes: sn(r.notes),
  };
}

export function toAssessment(r: AssessmentRow): Assessment {
  return { id: r.id, version: r.version, year: r.year as number, result: s(r.result), notes: sn(r.notes) };
}

/** Names of the villages referenced by a set of rows (a township has dozens). */
export function villageNames(core: Core): Map<string, string> {
  const rows = core.db.prepare('SELECT id, name FROM villages').all() as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}
