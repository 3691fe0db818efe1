import { cadrePostingsTable, cadresTable, type PostingRow } from '../../db/cadres';
import { openPostingOf, openSecretaryOf, postingOn, postingsOf } from '../../db/cadreRecords';
import { ConflictError, NotFoundError, StoreError } from '../../db/errors';
import { deleteRow, getRow, insertRow, updateRow } from '../../db/sync';
import { villagesTable } from '../../db/villages';
import { logsWithin, overlappingPosting, uncoveredReviews } from '../../db/postingChecks';
import type { ParsedInput, Posting } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import type { Core } from '../core';
import { addDays, localDay } from '../domain/dates';
import { toPosting } from './cadreViews';
import { writeTx } from '../../db/tx';

/**
 * Postings are history: a cadre is posted, and the posting is later closed (rotated out at
 * term end, recalled or adjusted) rather than overwritten. Rules, checked inside the write's
 * transaction: one open posting per person, one first secretary in post per village.
 */

type Field = { path: string[]; message: string };
const refuse = (path: string, message: string): never => {
  throw new ConflictError(message, [{ path: [path], message }] satisfies Field[]);
};

function postingView(core: Core, row: PostingRow): Posting {
  const full = postingsOf(core.db, row.cadre_id).find((p) => p.id === row.id);
  if (!full) throw new NotFoundError('驻村经历');
  return toPosting(full);
}

const logsAfter = (core: Core, cadreId: string, villageId: string, from: string, to: string | null) => logsWithin(core.db, cadreId, villageId, from, to);

/**
 * Opens a posting; `field` names the input key a refusal about the person belongs to. Call inside
 * a write transaction (postCadre; the roster import, which needs no view of the new posting).
 */
export function openPosting(
  core: Core,
  input: ParsedInput<'cadres.post'>,
  field: { cadre: string; role: string; start: string } = { cadre: 'cadreId', role: 'role', start: 'startDate' },
  startsBy = localDay(core.now()),
): PostingRow {
  const cadre = getRow(core.db, cadresTable, input.cadreId);
  if (!cadre) refuse(field.cadre, '驻村干部不存在或已被删除');
  checkNewPosting(core, input, cadre!, field, undefined, startsBy);
  return insertRow(core.db, core.writer(), cadrePostingsTable, {
    cadre_id: input.cadreId,
    village_id: input.villageId,
    role: input.role,
    start_date: input.startDate,
    planned_end: input.plannedEnd,
    actual_end: null,
    status: '在岗',
    reason: null,
    replaced_by_cadre_id: null,
  });
}

/**
 * A posting is entered once the cadre is in the village: one starting later counted as 在岗 from
 * the day it was entered (the lists, 首页's 在岗驻村干部, the report), months before the cadre
 * arrived. Logs and end dates are refused in the future alike.
 */
const FUTURE_START = '驻村开始日期不能晚于今天：到村后再办理派驻';
// (A successor named at 办理离岗 starts the day after the end, which may be tomorrow: endPosting.)

/**
 * The rules openPosting checks once the cadre is found, thrown as it throws them. Also the roster
 * import's check (cadresXlsx.ts), which asks them without writing (issue 16 item 5): for a cadre
 * not yet written, and with `secretaryOf` seeing the first secretaries its earlier rows posted.
 */
export function checkNewPosting(
  core: Core,
  input: ParsedInput<'cadres.post'>,
  cadre: { name: string; birth_date: string },
  field: { cadre: string; role: string; start: string } = { cadre: 'cadreId', role: 'role', start: 'startDate' },
  secretaryOf: (villageId: string) => { cadre_name: string } | undefined = (villageId) => openSecretaryOf(core.db, villageId),
  startsBy = localDay(core.now()),
): void {
  const village = getRow(core.db, villagesTable, input.villageId);
  if (!village) refuse('villageId', '村（社区）不存在或已被删除');
  if (input.plannedEnd && input.plannedEnd < input.startDate) refuse('plannedEnd', '计划结束日期不能早于驻村开始日期');
  if (input.startDate <= cadre.birth_date) refuse(field.start, '驻村开始日期应晚于出生日期');
  if (input.startDate > startsBy) refuse(field.start, FUTURE_START);
  const open = openPostingLabel(core, input.cadreId);
  if (open) refuse(field.cadre, `${cadre.name}正在${open}驻村，请先办理离岗（期满轮换或召回调整）后再派驻`);
  if (postingOn(core.db, input.cadreId, input.startDate)) refuse(field.start, '驻村开始日期与该干部此前的驻村经历重叠，应晚于上一段的实际结束日期');
  // A new posting is open (no end): one starting before an earlier, closed stay runs over all of it.
  const later = overlappingPosting(core.db, input.cadreId, '', input.startDate, null);
  if (later) refuse(field.start, `驻村开始日期早于该干部${later.start_date}开始的另一段驻村经历，新的驻村经历会与之重叠；应晚于该段的实际结束日期`);
  if (input.role === '第一书记') {
    const sec = secretaryOf(input.villageId);
    if (sec) refuse(field.role, `${village!.name}已有在岗第一书记（${sec.cadre_name}），一个村只能有一名在岗第一书记`);
  }
}

/** "东立村（第一书记）" for the cadre's open posting, if any. */
function openPostingLabel(core: Core, cadreId: string): string | null {
  const p = openPostingOf(core.db, cadreId);
  if (!p) return null;
  const v = getRow(core.db, villagesTable, p.village_id, { includeDeleted: true });
  return `${v?.name ?? '其他村'}（${p.role}）`;
}

export function postCadre(core: Core, input: ParsedInput<'cadres.post'>): Posting {
  return writeTx(core.db, () => {
    return postingView(core, openPosting(core, input));
  });
}

/**
 * Runs a change to the cadre's postings and refuses it (the transaction rolls back, naming
 * `field`, or the whole change when null) if it leaves a 督查, 季度考评 or 年终考核 that a posting
 * covered with none: they are kept only for time served (cadreReviews.ts). One left uncovered
 * before the change (kept before that rule) does not stop it.
 */
function keepingReviews<T>(core: Core, cadreId: string, field: string | null, change: () => T): T {
  const before = new Set(uncoveredReviews(core.db, cadreId).map((r) => r.key));
  const out = change();
  const lost = uncoveredReviews(core.db, cadreId).find((r) => !before.has(r.key));
  if (lost) {
    const message = `该干部${lost.label}将不在任何一段驻村期内，请核对日期`;
    if (field) refuse(field, message);
    throw new ConflictError(`${message}；如确属误录，请先删除该记录`);
  }
  return out;
}

/**
 * Closes an open posting. With a replacement who is not yet in post, the replacement is posted
 * to the same village and role from the next day, in the same transaction.
 */
export function endPosting(core: Core, input: ParsedInput<'cadres.endPosting'>): Posting {
  return writeTx(core.db, () => {
    const p = getRow(core.db, cadrePostingsTable, input.id);
    if (!p) throw new NotFoundError('驻村经历');
    if (p.status !== '在岗' || p.actual_end !== null) refuse('status', '该驻村经历已结束，不能重复办理离岗');
    if (input.actualEnd < p.start_date) refuse('actualEnd', '实际结束日期不能早于驻村开始日期');
    if (input.actualEnd > localDay(core.now())) refuse('actualEnd', '实际结束日期不能晚于今天');
    if (input.status !== '期满轮换' && !input.reason) refuse('reason', `${input.status}须填写调整原因`);
    const later = logsAfter(core, p.cadre_id, p.village_id, addDays(input.actualEnd, 1), null);
    if (later) refuse('actualEnd', `该干部在实际结束日期之后还有${later}条驻村日志，请核对日期`);
    if (input.replacedByCadreId) {
      if (input.replacedByCadreId === p.cadre_id) refuse('replacedByCadreId', '接替人不能是本人');
      const open = openPostingOf(core.db, input.replacedByCadreId);
      if (open && open.village_id !== p.village_id) refuse('replacedByCadreId', '接替人正在其他村驻村，请先为其办理离岗');
    }
    const closed = keepingReviews(core, p.cadre_id, 'actualEnd', () =>
      updateRow(
        core.db,
        core.writer(),
        cadrePostingsTable,
        p.id,
        { status: input.status, actual_end: input.actualEnd, reason: input.reason, replaced_by_cadre_id: input.replacedByCadreId },
        { expectedVersion: input.version },
      ),
    );
    if (input.replacedByCadreId && !openPostingOf(core.db, input.replacedByCadreId)) {
      const start = addDays(input.actualEnd, 1);
      const planned = p.planned_end;
      openPosting(
        core,
        { cadreId: input.replacedByCadreId, villageId: p.village_id, role: p.role as ParsedInput<'cadres.post'>['role'], startDate: start, plannedEnd: planned && planned >= start ? planned : null },
        { cadre: 'replacedByCadreId', role: 'replacedByCadreId', start: 'replacedByCadreId' },
        // The successor takes over the day after the end, which may be today: tomorrow.
        start,
      );
    }
    return postingView(core, closed);
  });
}

/** For a posting entered by mistake; refused while logs of that stay exist. */
export function removePosting(core: Core, id: string, version: number): { id: string } {
  return writeTx(core.db, () => {
    const p = getRow(core.db, cadrePostingsTable, id);
    if (!p) throw new NotFoundError('驻村经历');
    const n = logsAfter(core, p.cadre_id, p.village_id, p.start_date, p.actual_end);
    if (n) throw new ConflictError(`该驻村经历下已有${n}条驻村日志，不能删除；如已离岗，请办理离岗。`);
    keepingReviews(core, p.cadre_id, null, () => deleteRow(core.db, core.writer(), cadrePostingsTable, id, { expectedVersion: version }));
    return { id };
  });
}

type EditInput = ParsedInput<'cadres.updatePosting'>;

/** Another live posting of the cadre whose days meet [start, end] (an open one runs on without end). */
const overlapping = (core: Core, p: PostingRow, start: string, end: string | null) => overlappingPosting(core.db, p.cadre_id, p.id, start, end);

function checkEditDates(core: Core, p: PostingRow, birthDate: string, input: EditInput): void {
  const open = p.status === '在岗' && p.actual_end === null;
  if (open && input.actualEnd) refuse('actualEnd', '在岗的驻村经历不填写实际结束日期，离岗请办理离岗');
  if (!open && !input.actualEnd) refuse('actualEnd', '已离岗的驻村经历须填写实际结束日期');
  if (input.startDate <= birthDate) refuse('startDate', '驻村开始日期应晚于出生日期');
  if (input.startDate > localDay(core.now())) refuse('startDate', FUTURE_START);
  if (input.plannedEnd && input.plannedEnd < input.startDate) refuse('plannedEnd', '计划结束日期不能早于驻村开始日期');
  if (input.actualEnd && input.actualEnd < input.startDate) refuse('actualEnd', '实际结束日期不能早于驻村开始日期');
  if (input.actualEnd && input.actualEnd > localDay(core.now())) refuse('actualEnd', '实际结束日期不能晚于今天');
  const other = overlapping(core, p, input.startDate, input.actualEnd);
  if (other) {
    const field = !open && other.start_date >= input.startDate ? 'actualEnd' : 'startDate';
    refuse(field, `驻村日期与该干部${other.start_date}开始的另一段驻村经历重叠，一人同一时间只能在一个村驻村`);
  }
}

/** The posting's existing logs must stay inside it: same village, between the new dates. */
function checkEditLogs(core: Core, p: PostingRow, input: EditInput): void {
  const cadreId = p.cadre_id;
  const village = p.village_id;
  const oldStart = p.start_date;
  const oldEnd = p.actual_end;
  if (input.villageId !== village) {
    const n = logsAfter(core, cadreId, village, oldStart, oldEnd);
    if (n) refuse('villageId', `该驻村经历下已有${n}条驻村日志，不能更改驻村村（社区）；如确属误录，请先删除这些日志`);
  }
  if (input.startDate > oldStart) {
    const n = logsAfter(core, cadreId, village, oldStart, addDays(input.startDate, -1));
    if (n) refuse('startDate', `驻村开始日期之前还有${n}条本段驻村日志，日志须在驻村期间内，请核对日期`);
  }
  if (input.actualEnd && (oldEnd === null || input.actualEnd < oldEnd)) {
    const n = logsAfter(core, cadreId, village, addDays(input.actualEnd, 1), oldEnd);
    if (n) refuse('actualEnd', `实际结束日期之后还有${n}条本段驻村日志，日志须在驻村期间内，请核对日期`);
  }
}

/**
 * Corrects a posting typed wrong (start date, village, role, planned or actual end). The same
 * rules as posting hold, and the posting's existing logs must stay inside it.
 */
export function updatePosting(core: Core, input: EditInput): Posting {
  return writeTx(core.db, () => {
    const p = getRow(core.db, cadrePostingsTable, input.id);
    if (!p) throw new NotFoundError('驻村经历');
    // Stale first: a posting ended meanwhile would otherwise read as a wrong actual end.
    if (p.version !== input.version) throw new StoreError('stale', '该驻村经历已被修改（可能在另一窗口），请刷新后重试。');
    const cadre = getRow(core.db, cadresTable, p.cadre_id);
    if (!cadre) throw new NotFoundError('驻村干部');
    const village = getRow(core.db, villagesTable, input.villageId);
    if (!village) refuse('villageId', '村（社区）不存在或已被删除');
    checkEditDates(core, p, cadre.birth_date, input);
    const open = p.status === '在岗' && p.actual_end === null;
    const villageChanged = input.villageId !== p.village_id;
    if (open && input.role === '第一书记' && (villageChanged || p.role !== '第一书记')) {
      const sec = openSecretaryOf(core.db, input.villageId);
      if (sec && sec.id !== p.id) refuse(villageChanged ? 'villageId' : 'role', `${village!.name}已有在岗第一书记（${sec.cadre_name}），一个村只能有一名在岗第一书记`);
    }
    checkEditLogs(core, p, input);
    const columns = { village_id: input.villageId, role: input.role, start_date: input.startDate, planned_end: input.plannedEnd, actual_end: input.actualEnd };
    const field = input.startDate > p.start_date ? 'startDate' : 'actualEnd';
    return postingView(core, keepingReviews(core, p.cadre_id, field, () => updateRow(core.db, core.writer(), cadrePostingsTable, p.id, columns, { expectedVersion: input.version })));
  });
}

export const cadrePostingHandlers = {
  'cadres.post': (core, input) => postCadre(core, input),
  'cadres.endPosting': (core, input) => endPosting(core, input),
  'cadres.removePosting': (core, { id, version }) => removePosting(core, id, version),
  'cadres.updatePosting': (core, input) => updatePosting(core, input),
} satisfies Partial<Handlers>;
