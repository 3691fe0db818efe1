import { NotFoundError } from '../../db/errors';
import {
  listProjects,
  projectIncomes,
  projectIncomesTable,
  projectListRow,
  projectProgress,
  projectProgressTable,
  projectsTable,
  type ProjectListRow,
  type ProjectListQuery,
} from '../../db/projects';
import { deleteRow, getRow, insertRow, matchChildRows, updateRow, type TableValues, type WriteContext } from '../../db/sync';
import { villagesTable } from '../../db/villages';
import type { ParsedInput, ProjectDetail, ProjectListItem } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import { AppError } from '../api/errors';
import type { Core } from '../core';
import { localDay } from '../domain/dates';
import { fenToWan } from '../domain/money';
import { fundingMismatch } from '../domain/projects';
import { exportProjects, projectCoverageFor } from './projectsReport';
import { writeTx } from '../../db/tx';
import { checkProgressScope, checkProjectScope } from './villageScope';

type ProjectInput = ParsedInput<'projects.create'>;
type FieldError = { path: string[]; message: string };

const wan = (fen: unknown) => fenToWan(fen as number, { grouped: true });

export function toListItem(r: ProjectListRow): ProjectListItem {
  return {
    id: r.id,
    version: r.version,
    villageId: r.village_id,
    villageName: r.village_name,
    villageCode: r.village_code,
    year: r.year,
    name: r.name,
    category: r.category,
    model: r.model,
    status: r.status,
    partner: r.partner,
    responsible: r.responsible,
    total: wan(r.total_fen),
    fiscal: wan(r.fiscal_fen),
    aid: wan(r.aid_fen),
    village: wan(r.village_fen),
    social: wan(r.social_fen),
    other: wan(r.other_fen),
    households: r.households,
    progress: r.progress,
    progressDate: r.progress_date,
    income: r.income_fen === null ? null : wan(r.income_fen),
    updatedAt: r.updated_at,
  };
}

/** One project with the list's own columns and expressions, so detail and list never disagree. */
function listRowOf(core: Core, id: string): ProjectListRow {
  const found = projectListRow(core.db, id);
  if (!found) throw new NotFoundError('项目');
  return found;
}

export function projectDetail(core: Core, id: string): ProjectDetail {
  const r = listRowOf(core, id);
  return {
    ...toListItem(r),
    plannedStart: r.planned_start,
    plannedEnd: r.planned_end,
    actualStart: r.actual_start,
    actualEnd: r.actual_end,
    note: r.note,
    createdAt: r.created_at,
    incomes: projectIncomes(core.db, id).map((i) => ({ year: i.year, income: fenToWan(i.income_fen) })),
    progressHistory: projectProgress(core.db, id).map((p) => ({
      id: p.id,
      version: p.version,
      reportDate: p.report_date,
      percent: p.percent,
      note: p.note,
      problems: p.problems,
      createdAt: p.created_at,
    })),
  };
}

function columns(input: ProjectInput): TableValues<typeof projectsTable> {
  return {
    village_id: input.villageId,
    year: input.year,
    name: input.name,
    category: input.category,
    model: input.model,
    partner: input.partner,
    responsible: input.responsible,
    planned_start: input.plannedStart,
    planned_end: input.plannedEnd,
    actual_start: input.actualStart,
    actual_end: input.actualEnd,
    status: input.status,
    total_fen: input.total,
    fiscal_fen: input.fiscal,
    aid_fen: input.aid,
    village_fen: input.village,
    social_fen: input.social,
    other_fen: input.other,
    households: input.households,
    note: input.note,
  };
}

/** Rules beyond single fields: the village exists, dates run forward, the sources add up to the total. */
export function checkProject(core: Core, input: ProjectInput): void {
  const fields: FieldError[] = [];
  if (!getRow(core.db, villagesTable, input.villageId)) fields.push({ path: ['villageId'], message: '所选村（社区）不存在或已被删除' });
  if (input.plannedStart && input.plannedEnd && input.plannedEnd < input.plannedStart) {
    fields.push({ path: ['plannedEnd'], message: '计划完工日期不能早于计划开工日期' });
  }
  if (input.actualStart && input.actualEnd && input.actualEnd < input.actualStart) {
    fields.push({ path: ['actualEnd'], message: '实际完工（终止）日期不能早于实际开工日期' });
  }
  const mismatch = fundingMismatch(input.total, input);
  if (mismatch) fields.push({ path: ['total'], message: mismatch });
  if (fields.length) throw new AppError('invalid', `填写内容有误：${fields.map((f) => f.message).join('；')}`, fields);
}

/** Makes the project's yearly income rows match `incomes` (a project just created has none yet). */
function syncIncomes(core: Core, w: WriteContext, projectId: string, incomes: ProjectInput['incomes'], created = false): void {
  const existing = new Map(created ? [] : projectIncomes(core.db, projectId).map((i) => [i.year, i]));
  const wanted = incomes.map((i) => [i.year, { project_id: projectId, year: i.year, income_fen: i.income }] as const);
  matchChildRows(core.db, w, projectIncomesTable, existing, wanted);
}

export function createProject(core: Core, input: ProjectInput): ProjectDetail {
  return writeTx(core.db, () => {
    checkProject(core, input);
    const w = core.writer();
    const row = insertRow(core.db, w, projectsTable, columns(input));
    syncIncomes(core, w, row.id, input.incomes, true);
    return projectDetail(core, row.id);
  });
}

/** A progress update with work done (above 0 %) dated before `actualStart`, the earliest. */
const progressBefore = (core: Core, projectId: string, actualStart: string) =>
  projectProgress(core.db, projectId).filter((p) => p.percent > 0 && p.report_date < actualStart).at(-1);

export function updateProject(core: Core, input: ParsedInput<'projects.update'>): ProjectDetail {
  return writeTx(core.db, () => {
    checkProject(core, input);
    const early = input.actualStart ? progressBefore(core, input.id, input.actualStart) : undefined;
    if (early) {
      const message = `实际开工日期不能晚于已登记的项目进展（${early.report_date}，完成${early.percent}%）`;
      throw new AppError('invalid', message, [{ path: ['actualStart'], message }]);
    }
    const w = core.writer();
    const row = updateRow(core.db, w, projectsTable, input.id, columns(input), { expectedVersion: input.version });
    syncIncomes(core, w, row.id, input.incomes);
    return projectDetail(core, row.id);
  });
}

/** Tombstones the project with its incomes and progress updates, so none is left orphaned. */
export function removeProject(core: Core, id: string, version: number): { id: string } {
  return writeTx(core.db, () => {
    const w = core.writer();
    deleteRow(core.db, w, projectsTable, id, { expectedVersion: version });
    for (const i of projectIncomes(core.db, id)) deleteRow(core.db, w, projectIncomesTable, i.id);
    for (const p of projectProgress(core.db, id)) deleteRow(core.db, w, projectProgressTable, p.id);
    return { id };
  });
}

/**
 * A project's progress only goes forward: an update may not fall below one dated on or before
 * it, nor exceed one dated after it, and work done (above 0 %) is not dated before 实际开工. A
 * wrong earlier update is deleted, then entered again.
 */
function checkProgressOrder(core: Core, input: ParsedInput<'projects.addProgress'>): void {
  const refuse = (path: string, message: string): never => {
    throw new AppError('invalid', message, [{ path: [path], message }]);
  };
  const start = getRow(core.db, projectsTable, input.projectId)!.actual_start;
  if (start && input.percent > 0 && input.reportDate < start) refuse('reportDate', `项目${start}实际开工，此前的进展完成进度应为0`);
  const history = projectProgress(core.db, input.projectId); // newest first
  const before = history.find((p) => p.report_date <= input.reportDate);
  if (before && input.percent < before.percent) refuse('percent', `完成进度不能低于${before.report_date}已登记的${before.percent}%；如那次登记有误，请先删除`);
  const after = history.filter((p) => p.report_date > input.reportDate).at(-1);
  if (after && input.percent > after.percent) refuse('percent', `完成进度不能高于${after.report_date}已登记的${after.percent}%；如那次登记有误，请先删除`);
}

export function addProgress(core: Core, input: ParsedInput<'projects.addProgress'>): ProjectDetail {
  return writeTx(core.db, () => {
    if (!getRow(core.db, projectsTable, input.projectId)) throw new NotFoundError('项目');
    checkProjectScope(core, input.projectId);
    const today = localDay(core.now());
    if (input.reportDate > today) {
      throw new AppError('invalid', '进展日期不能晚于今天', [{ path: ['reportDate'], message: `进展日期不能晚于今天（${today}）` }]);
    }
    checkProgressOrder(core, input);
    insertRow(core.db, core.writer(), projectProgressTable, {
      project_id: input.projectId,
      report_date: input.reportDate,
      percent: input.percent,
      note: input.note,
      problems: input.problems,
    });
    return projectDetail(core, input.projectId);
  });
}

export function removeProgress(core: Core, id: string, version: number): ProjectDetail {
  return writeTx(core.db, () => {
    checkProgressScope(core, id);
    const row = deleteRow(core.db, core.writer(), projectProgressTable, id, { expectedVersion: version });
    return projectDetail(core, row.project_id);
  });
}

export function listQuery(q: Partial<ParsedInput<'projects.list'>>): Omit<ProjectListQuery, 'page' | 'pageSize'> {
  return {
    search: q.search ?? undefined,
    township: q.township ?? null,
    villageId: q.villageId ?? undefined,
    year: q.year ?? undefined,
    status: q.status ?? undefined,
    category: q.category ?? undefined,
    sort: q.sort ?? undefined,
    order: q.order ?? undefined,
  };
}

export const projectHandlers = {
  'projects.list': (core, q) => {
    const { rows, total } = listProjects(core.db, { ...listQuery(q), page: q.page, pageSize: q.pageSize });
    return { rows: rows.map(toListItem), total };
  },
  'projects.get': (core, { id }) => projectDetail(core, id),
  'projects.create': (core, input) => createProject(core, input),
  'projects.update': (core, input) => updateProject(core, input),
  'projects.remove': (core, { id, version }) => removeProject(core, id, version),
  'projects.addProgress': (core, input) => addProgress(core, input),
  'projects.removeProgress': (core, { id, version }) => removeProgress(core, id, version),
  'projects.coverage': (core, { year, township }) => projectCoverageFor(core, year, township),
  'projects.exportXlsx': (core, q) => exportProjects(core, q),
} satisfies Partial<Handlers>;
