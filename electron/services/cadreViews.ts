import type { AssessmentRow, CadreRow, EvaluationRow, InspectionRow, WorkLogRow } from '../../db/cadres';
import type { PostingWithNames } from '../../db/cadreRecords';
import { villageNamesById } from '../../db/villageUse';
import { villagePins } from '../../db/syncVouched';
import type { Assessment, CadreDetail, Evaluation, Inspection, Posting, WorkLog, WorkLogValues } from '../api/contract';
import type { Core } from '../core';

/** Row-to-API mapping of the cadre services. */

export function toCadreDetail(r: CadreRow): CadreDetail {
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    idNumber: r.id_number,
    birthDate: r.birth_date,
    gender: r.gender,
    ethnicity: r.ethnicity,
    politicalStatus: r.political_status,
    education: r.education,
    unit: r.unit,
    unitLevel: r.unit_level,
    postRank: r.post_rank,
    mobile: r.mobile,
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toPosting(r: PostingWithNames): Posting {
  return {
    id: r.id,
    version: r.version,
    villageId: r.village_id,
    villageName: r.village_name,
    role: r.role,
    startDate: r.start_date,
    plannedEnd: r.planned_end,
    actualEnd: r.actual_end,
    status: r.status,
    reason: r.reason,
    replacedByCadreId: r.replaced_by_cadre_id,
    replacedByName: r.replaced_by_name,
    inPost: r.status === '在岗' && r.actual_end === null,
  };
}

export function toLogValues(r: WorkLogRow): WorkLogValues {
  return {
    inVillage: r.in_village === 1,
    workKind: r.work_kind,
    households: r.households,
    content: r.content,
    problems: r.problems,
    followUp: r.follow_up,
  };
}

/** Installation ids of the 驻村版 laptops pinned here (a township's own; at the district, those its townships vouched for). */
export const laptopIds = (core: Core): ReadonlySet<string> => new Set(villagePins(core.db).map((p) => p.installationId));

export function toWorkLog(r: WorkLogRow, villageNames: Map<string, string>, laptops: ReadonlySet<string>): WorkLog {
  return {
    id: r.id,
    version: r.version,
    logDate: r.log_date,
    villageId: r.village_id,
    villageName: villageNames.get(r.village_id) ?? null,
    source: laptops.has(r.origin) ? '驻村版' : '乡镇录入',
    ...toLogValues(r),
  };
}

export function toInspection(r: InspectionRow): Inspection {
  return { id: r.id, version: r.version, inspectDate: r.inspect_date, inspector: r.inspector, inPost: r.in_post === 1, notes: r.notes };
}

export function toEvaluation(r: EvaluationRow): Evaluation {
  return {
    id: r.id,
    version: r.version,
    year: r.year,
    quarter: r.quarter,
    result: r.result,
    evaluator: r.evaluator,
    notes: r.notes,
  };
}

export function toAssessment(r: AssessmentRow): Assessment {
  return { id: r.id, version: r.version, year: r.year, result: r.result, notes: r.notes };
}

/** Names of the villages referenced by a set of rows (a township has dozens). */
export const villageNames = (core: Core): Map<string, string> => villageNamesById(core.db);
