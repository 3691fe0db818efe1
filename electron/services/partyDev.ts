import { NotFoundError } from '../../db/errors';
import {
  activistsByVillage,
  devAssessments,
  devAssessmentsTable,
  devPeopleTable,
  devPersonByIdNumber,
  listDevPeople,
  openDevPeople,
  ruleVersions,
  type DevListRow,
  type DevPersonRow,
} from '../../db/partyDev';
import { deleteRow, getRow, insertRow, updateRow, type TableValues } from '../../db/sync';
import { writeTx } from '../../db/tx';
import { villagesTable } from '../../db/villages';
import type { DevAlerts, DevDetail, DevListItem, ParsedInput } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import { AppError } from '../api/errors';
import type { Core } from '../core';
import { localDay } from '../domain/dates';
import { checkIdNumber, maskIdNumber } from '../domain/idNumber';
import {
  ALERT_LABELS,
  alertsOf,
  deadlines,
  MIN_ACTIVISTS,
  orderProblems,
  ruleBreaches,
  stageOf,
  type DevAlertKind,
  type DevSteps,
  type RuleVersion,
} from '../domain/partyDev';
import { partyDevRuleHandlers } from './partyDevRules';
import { partyDevXlsxHandlers } from './partyDevXlsx';
import { revealId, type WithIdNumber } from './reveal';

type FieldError = { path: string[]; message: string };
type StepInput = Omit<ParsedInput<'development.steps'>, 'id' | 'version'>;

const today = (core: Core) => localDay(core.now());

/** The date of the step that put the person at their stage. */
function stageDate(r: DevPersonRow): string {
  return r.full_approval_date ?? r.approval_date ?? r.candidate_date ?? r.activist_date ?? r.application_date;
}

function toListItem(r: DevListRow, rules: readonly RuleVersion[], day: string): DevListItem {
  return {
    id: r.id,
    version: r.version,
    villageId: r.village_id,
    villageName: r.village_name,
    name: r.name,
    gender: r.gender,
    birthDate: r.birth_date,
    idNumber: maskIdNumber(r.id_number),
    stage: r.stage,
    applicationDate: r.application_date,
    stageDate: stageDate(r),
    exitDate: r.exit_date,
    alerts: alertsOf(r, rules, day),
    updatedAt: r.updated_at,
  };
}

function rowOf(core: Core, id: string): DevListRow {
  const r = listDevPeople(core.db, { id, page: 1, pageSize: 1 }).rows[0];
  if (!r) throw new NotFoundError('发展党员对象');
  return r;
}

export function devDetail(core: Core, id: string): DevDetail {
  const r = rowOf(core, id);
  const rules = ruleVersions(core.db);
  return {
    ...toListItem(r, rules, today(core)),
    ethnicity: r.ethnicity,
    education: r.education,
    note: r.note,
    talkDate: r.talk_date,
    talkBy: r.talk_by,
    activistDate: r.activist_date,
    activistWay: r.activist_way,
    contact1: r.contact1,
    contact2: r.contact2,
    candidateDate: r.candidate_date,
    introducer1: r.introducer1,
    introducer2: r.introducer2,
    reviewDate: r.review_date,
    trainingDate: r.training_date,
    publicityStart: r.publicity_start,
    publicityEnd: r.publicity_end,
    acceptDate: r.accept_date,
    votesFor: r.votes_for,
    votesAgainst: r.votes_against,
    votesAbstain: r.votes_abstain,
    approvalDate: r.approval_date,
    oathDate: r.oath_date,
    extensionDate: r.extension_date,
    extensionMonths: r.extension_months,
    fullApplyDate: r.full_apply_date,
    fullMeetingDate: r.full_meeting_date,
    fullApprovalDate: r.full_approval_date,
    exitDate: r.exit_date,
    exitKind: r.exit_kind,
    exitReason: r.exit_reason,
    deadlines: deadlines(r, rules),
    breaches: ruleBreaches(r, rules),
    assessments: devAssessments(core.db, id).map((a) => ({ id: a.id, version: a.version, kind: a.kind, date: a.date, content: a.content })),
  };
}

function invalid(fields: FieldError[]): never {
  throw new AppError('invalid', `填写内容有误：${fields.map((f) => f.message).join('；')}`, fields);
}

type PersonInput = ParsedInput<'development.create'>;

function checkPerson(core: Core, input: PersonInput, selfId: string | null, steps: DevSteps | null): void {
  const fields: FieldError[] = [];
  if (!getRow(core.db, villagesTable, input.villageId)) fields.push({ path: ['villageId'], message: '所选村（社区）不存在或已被删除' });
  const day = today(core);
  const id = checkIdNumber(input.idNumber, day);
  if (!id.ok) fields.push({ path: ['idNumber'], message: id.message });
  const same = devPersonByIdNumber(core.db, input.idNumber, selfId);
  if (same) fields.push({ path: ['idNumber'], message: `身份证号已在发展党员台账中（${same.name}）` });
  if (input.applicationDate > day) fields.push({ path: ['applicationDate'], message: `入党申请日期不能晚于今天（${day}）` });
  if (id.ok && input.applicationDate < id.birthDate) fields.push({ path: ['applicationDate'], message: '入党申请日期不能早于出生日期' });
  if (steps) for (const m of orderProblems({ ...steps, application_date: input.applicationDate }, ruleVersions(core.db))) fields.push({ path: ['applicationDate'], message: m });
  if (fields.length) invalid(fields);
}

function personColumns(input: PersonInput) {
  const id = checkIdNumber(input.idNumber);
  if (!id.ok) throw new AppError('invalid', id.message, [{ path: ['idNumber'], message: id.message }]);
  return {
    village_id: input.villageId,
    name: input.name,
    id_number: id.value,
    birth_date: id.birthDate,
    gender: id.gender,
    ethnicity: input.ethnicity,
    education: input.education,
    application_date: input.applicationDate,
    note: input.note,
  };
}

const STEP_COLUMNS = {
  talkDate: 'talk_date', talkBy: 'talk_by', activistDate: 'activist_date', activistWay: 'activist_way', contact1: 'contact1', contact2: 'contact2',
  candidateDate: 'candidate_date', introducer1: 'introducer1', introducer2: 'introducer2', reviewDate: 'review_date', trainingDate: 'training_date',
  publicityStart: 'publicity_start', publicityEnd: 'publicity_end', acceptDate: 'accept_date', votesFor: 'votes_for', votesAgainst: 'votes_against',
  votesAbstain: 'votes_abstain', approvalDate: 'approval_date', oathDate: 'oath_date', extensionDate: 'extension_date', extensionMonths: 'extension_months',
  fullApplyDate: 'full_apply_date', fullMeetingDate: 'full_meeting_date', fullApprovalDate: 'full_approval_date', exitDate: 'exit_date',
  exitKind: 'exit_kind', exitReason: 'exit_reason',
} as const satisfies Record<keyof StepInput, keyof TableValues<typeof devPeopleTable>>;

function stepColumns(input: StepInput): Partial<TableValues<typeof devPeopleTable>> {
  const out: Record<string, unknown> = {};
  for (const [k, c] of Object.entries(STEP_COLUMNS)) out[c] = input[k as keyof StepInput] ?? null;
  return out as Partial<TableValues<typeof devPeopleTable>>;
}

/** The steps: dates in order, none in the future, the exit complete, the extension within the rule. */
function checkSteps(core: Core, before: DevPersonRow, input: StepInput): void {
  const next = { ...before, ...stepColumns(input) } as DevPersonRow;
  const fields: FieldError[] = [];
  const day = today(core);
  for (const [k, c] of Object.entries(STEP_COLUMNS)) {
    const v = next[c];
    if (typeof v === 'string' && c.endsWith('_date') && v > day) fields.push({ path: [k], message: `${devPeopleTable.fields[c].label}不能晚于今天（${day}）` });
  }
  for (const m of orderProblems(next, ruleVersions(core.db))) fields.push({ path: [], message: m });
  if (next.exit_date && !next.exit_kind) fields.push({ path: ['exitKind'], message: '请选择退出情形' });
  if (!next.exit_date && (next.exit_kind || next.exit_reason)) fields.push({ path: ['exitDate'], message: '请填写退出日期' });
  if (next.exit_date && next.full_approval_date) fields.push({ path: ['exitDate'], message: '已转为正式党员，不能再退出发展程序' });
  if (next.full_approval_date && next.extension_date && next.full_approval_date < next.extension_date) fields.push({ path: ['fullApprovalDate'], message: '转正审批日期不能早于延长预备期决定日期' });
  // The 培养考察记录 lie between the activist's determination and an exit (checkAssessmentDate):
  // a step moved past one left a record its own form refuses.
  const records = devAssessments(core.db, before.id);
  const first = records[0]?.date;
  const last = records.at(-1)?.date;
  if (first && (!next.activist_date || next.activist_date > first)) fields.push({ path: ['activistDate'], message: `确定为入党积极分子日期不能晚于已有培养考察记录的日期（${first}）` });
  if (last && next.exit_date && next.exit_date < last) fields.push({ path: ['exitDate'], message: `退出日期不能早于已有培养考察记录的日期（${last}）` });
  if (fields.length) invalid(fields);
}

export function createDevPerson(core: Core, input: PersonInput): DevDetail {
  return writeTx(core.db, () => {
    checkPerson(core, input, null, null);
    const row = insertRow(core.db, core.writer(), devPeopleTable, { ...personColumns(input), stage: '入党申请人' });
    return devDetail(core, row.id);
  });
}

export function updateDevPerson(core: Core, input: ParsedInput<'development.update'>): DevDetail {
  return writeTx(core.db, () => {
    const before = getRow(core.db, devPeopleTable, input.id);
    if (!before) throw new NotFoundError('发展党员对象');
    checkPerson(core, input, input.id, before);
    updateRow(core.db, core.writer(), devPeopleTable, input.id, personColumns(input), { expectedVersion: input.version });
    return devDetail(core, input.id);
  });
}

export function recordSteps(core: Core, input: ParsedInput<'development.steps'>): DevDetail {
  return writeTx(core.db, () => {
    const before = getRow(core.db, devPeopleTable, input.id);
    if (!before) throw new NotFoundError('发展党员对象');
    const { id, version, ...steps } = input;
    checkSteps(core, before, steps);
    const cols = stepColumns(steps);
    const stage = stageOf(cols as DevSteps);
    updateRow(core.db, core.writer(), devPeopleTable, id, { ...cols, stage }, { expectedVersion: version });
    return devDetail(core, id);
  });
}

export function removeDevPerson(core: Core, id: string, version: number): { id: string } {
  return writeTx(core.db, () => {
    const w = core.writer();
    deleteRow(core.db, w, devPeopleTable, id, { expectedVersion: version });
    for (const a of devAssessments(core.db, id)) deleteRow(core.db, w, devAssessmentsTable, a.id);
    return { id };
  });
}

/** A training or half-yearly assessment is dated from the activist's determination up to today. */
function checkAssessmentDate(core: Core, p: DevPersonRow, date: string): void {
  const day = today(core);
  if (date > day) invalid([{ path: ['date'], message: `日期不能晚于今天（${day}）` }]);
  if (!p.activist_date || date < p.activist_date) invalid([{ path: ['date'], message: '培养考察记录应在确定为入党积极分子之后' }]);
  if (p.exit_date && date > p.exit_date) invalid([{ path: ['date'], message: `培养考察记录不能晚于退出日期（${p.exit_date}）` }]);
}

export function addAssessment(core: Core, input: ParsedInput<'development.addAssessment'>): DevDetail {
  return writeTx(core.db, () => {
    const p = getRow(core.db, devPeopleTable, input.personId);
    if (!p) throw new NotFoundError('发展党员对象');
    checkAssessmentDate(core, p, input.date);
    insertRow(core.db, core.writer(), devAssessmentsTable, { person_id: p.id, kind: input.kind, date: input.date, content: input.content });
    return devDetail(core, p.id);
  });
}

export function updateAssessment(core: Core, input: ParsedInput<'development.updateAssessment'>): DevDetail {
  return writeTx(core.db, () => {
    const a = getRow(core.db, devAssessmentsTable, input.id);
    if (!a) throw new NotFoundError('培养考察记录');
    const p = getRow(core.db, devPeopleTable, a.person_id);
    if (!p) throw new NotFoundError('发展党员对象');
    checkAssessmentDate(core, p, input.date);
    updateRow(core.db, core.writer(), devAssessmentsTable, a.id, { kind: input.kind, date: input.date, content: input.content }, { expectedVersion: input.version });
    return devDetail(core, p.id);
  });
}

export function removeAssessment(core: Core, id: string, version: number): DevDetail {
  return writeTx(core.db, () => {
    const row = deleteRow(core.db, core.writer(), devAssessmentsTable, id, { expectedVersion: version });
    return devDetail(core, row.person_id);
  });
}

/** The deadline or first day behind an alert, for the 首页 list. */
function alertDate(kind: DevAlertKind, d: ReturnType<typeof deadlines>): string {
  if (kind === 'talk_overdue') return d.talkDue;
  if (kind === 'eligible') return d.candidateFrom!;
  if (kind === 'approval_overdue') return d.approvalDue!;
  return d.probationEnd!;
}

/** The 首页's development alerts today, from the rules in force at each step's date (domain/partyDev alertsOf). */
export function devAlerts(core: Core, township: string | null): DevAlerts {
  const day = today(core);
  const rules = ruleVersions(core.db);
  const counts = Object.fromEntries(Object.keys(ALERT_LABELS).map((k) => [k, 0])) as Record<DevAlertKind, number>;
  const items: DevAlerts['items'] = [];
  for (const p of openDevPeople(core.db, township)) {
    const d = deadlines(p, rules);
    for (const kind of alertsOf(p, rules, day)) {
      counts[kind]++;
      items.push({ personId: p.id, name: p.name, villageName: p.village_name, kind, date: alertDate(kind, d) });
    }
  }
  items.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const villagesBelow = activistsByVillage(core.db, day, township)
    .filter((v) => v.activists < MIN_ACTIVISTS)
    .map((v) => ({ id: v.id, name: v.name, activists: v.activists }));
  return { today: day, counts, items: items.slice(0, 50), villagesBelow };
}

export const partyDevHandlers = {
  'development.list': (core, q) => {
    const { rows, total } = listDevPeople(core.db, {
      search: q.search ?? undefined,
      township: q.township,
      villageId: q.villageId ?? undefined,
      stage: q.stage ?? undefined,
      exited: q.exited ?? undefined,
      page: q.page,
      pageSize: q.pageSize,
    });
    const rules = ruleVersions(core.db);
    const day = today(core);
    return { rows: rows.map((r) => toListItem(r, rules, day)), total };
  },
  'development.get': (core, { id }) => devDetail(core, id),
  'development.create': (core, input) => createDevPerson(core, input),
  'development.update': (core, input) => updateDevPerson(core, input),
  'development.steps': (core, input) => recordSteps(core, input),
  'development.remove': (core, { id, version }) => removeDevPerson(core, id, version),
  'development.addAssessment': (core, input) => addAssessment(core, input),
  'development.updateAssessment': (core, input) => updateAssessment(core, input),
  'development.removeAssessment': (core, { id, version }) => removeAssessment(core, id, version),
  'development.revealId': (core, { id, purpose }) => revealId(core, devPeopleTable as WithIdNumber, '发展党员对象', id, purpose),
  'development.alerts': (core, { township }) => devAlerts(core, township),
  ...partyDevRuleHandlers,
  ...partyDevXlsxHandlers,
} satisfies Partial<Handlers>;
