import { cadresTable, workLogsTable } from '../../db/cadres';
import { logBefore, logOn, logsBetween, monthlyAttendance, postingOn, postingsOf } from '../../db/cadreRecords';
import { ConflictError, NotFoundError } from '../../db/errors';
import { deleteRow, getRow, insertRow, updateRow } from '../../db/sync';
import type { LogDay, MonthAttendance, ParsedInput, WorkLog } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import type { Core } from '../core';
import { attendanceBar, monthBounds, postedDays, requiredDays } from '../domain/cadres';
import { localDay } from '../domain/dates';
import { laptopIds, toLogValues, toWorkLog, villageNames } from './cadreViews';
import { readSettings } from './settings';
import { writeTx } from '../../db/tx';
import { villageNameOf } from '../../db/villageUse';
import { checkLogRemoval, checkLogScope } from './villageScope';

/** Work logs (驻村日志): one entry per cadre per day, in the village of the posting covering that day. */

const refuse = (path: string, message: string): never => {
  throw new ConflictError(message, [{ path: [path], message }]);
};

function liveCadre(core: Core, id: string) {
  const c = getRow(core.db, cadresTable, id);
  if (!c) throw new NotFoundError('驻村干部');
  return c;
}

export function logDay(core: Core, cadreId: string, date: string): LogDay {
  liveCadre(core, cadreId);
  const names = villageNames(core);
  const log = logOn(core.db, cadreId, date);
  const before = logBefore(core.db, cadreId, date);
  const posting = postingOn(core.db, cadreId, date);
  return {
    date,
    log: log ? toWorkLog(log, names, laptopIds(core)) : null,
    defaults: before ? toLogValues(before) : null,
    posting: posting ? { villageName: names.get(posting.village_id) ?? '', role: posting.role } : null,
    lastDate: (logBefore(core.db, cadreId, '9999-12-31')?.log_date as string | undefined) ?? null,
  };
}

/** Inserts the day's entry, or updates it when `id` is given (with its version). */
export function saveLog(core: Core, input: ParsedInput<'cadres.saveLog'>): WorkLog {
  return writeTx(core.db, () => {
    if (!getRow(core.db, cadresTable, input.cadreId)) refuse('cadreId', '驻村干部不存在或已被删除');
    if (input.logDate > localDay(core.now())) refuse('logDate', '日志日期不能晚于今天');
    checkLogScope(core, input.cadreId, input.logDate, input.id);
    const posting = postingOn(core.db, input.cadreId, input.logDate);
    if (!posting) refuse('logDate', `${input.logDate}不在该干部的驻村期间内，不能填写日志`);
    const same = logOn(core.db, input.cadreId, input.logDate);
    if (same && same.id !== input.id) refuse('logDate', `${input.logDate}已有日志，请直接修改该日的日志`);
    const values = {
      cadre_id: input.cadreId,
      village_id: posting!.village_id,
      log_date: input.logDate,
      in_village: input.inVillage ? 1 : 0,
      work_kind: input.workKind,
      households: input.households,
      content: input.content,
      problems: input.problems,
      follow_up: input.followUp,
    };
    const w = core.writer();
    let row;
    if (input.id) {
      const old = getRow(core.db, workLogsTable, input.id);
      if (!old || old.cadre_id !== input.cadreId) throw new NotFoundError('驻村日志');
      if (input.version === null) refuse('version', '缺少版本号，请刷新后重试');
      row = updateRow(core.db, w, workLogsTable, input.id, values, { expectedVersion: input.version! });
    } else {
      row = insertRow(core.db, w, workLogsTable, values);
    }
    return toWorkLog(row, villageNameOf(core.db, row.village_id), laptopIds(core));
  });
}

export function removeLog(core: Core, id: string, version: number): { id: string } {
  return writeTx(core.db, () => {
    checkLogRemoval(core, id);
    deleteRow(core.db, core.writer(), workLogsTable, id, { expectedVersion: version });
    return { id };
  });
}

/** Judges one month's days against the threshold, prorated to the days the cadre was posted. */
export function judge(core: Core, cadreId: string) {
  const threshold = readSettings(core).attendanceThresholdDays;
  const today = localDay(core.now());
  const spans = postingsOf(core.db, cadreId).map((p) => ({ startDate: p.start_date, actualEnd: p.actual_end }));
  return (m: { month: string; inVillage: number; logged: number }): MonthAttendance => {
    const required = requiredDays(m.month, threshold, postedDays(m.month, spans));
    return { ...m, required, belowThreshold: m.inVillage < attendanceBar(m.month, today, required) };
  };
}

/** Every month with entries, judged against the township's threshold. */
export function attendanceOf(core: Core, cadreId: string, first?: string, last?: string): MonthAttendance[] {
  return monthlyAttendance(core.db, cadreId, first, last).map(judge(core, cadreId));
}

export function monthLogs(core: Core, cadreId: string, month: string) {
  liveCadre(core, cadreId);
  const { first, last } = monthBounds(month);
  const names = villageNames(core);
  const threshold = readSettings(core).attendanceThresholdDays;
  const attendance = attendanceOf(core, cadreId, first, last)[0] ?? judge(core, cadreId)({ month, inVillage: 0, logged: 0 });
  const laptops = laptopIds(core);
  return { logs: logsBetween(core.db, cadreId, first, last).map((l) => toWorkLog(l, names, laptops)), attendance, threshold };
}

export const cadreLogHandlers = {
  'cadres.logDay': (core, { cadreId, date }) => logDay(core, cadreId, date),
  'cadres.saveLog': (core, input) => saveLog(core, input),
  'cadres.removeLog': (core, { id, version }) => removeLog(core, id, version),
  'cadres.monthLogs': (core, { cadreId, month }) => monthLogs(core, cadreId, month),
} satisfies Partial<Handlers>;
