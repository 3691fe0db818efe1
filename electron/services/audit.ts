import { listAudit, type AuditRow } from '../../db/audit';
import type { AuditItem } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import type { Core } from '../core';
import { auditActionLabel, auditFieldLabel, auditTableLabel, bundleName, eventDetail, eventSubject, recordName } from './auditText';
import { REVEALED_COLUMN } from './reveal';

const parse = (json: string | null): Record<string, unknown> | null => (json ? (JSON.parse(json) as Record<string, unknown>) : null);

/** Actions that write a register's or the settings' fields, whose before and after are values. */
const FIELD_ACTIONS = new Set(['insert', 'update', 'delete']);

/** Fields an update changed, or the fields an insert set; a delete changes the row, not fields. */
function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  if (after === null) return [];
  const b = before ?? {};
  return [...new Set([...Object.keys(after), ...Object.keys(b)])].filter((k) => k !== 'version' && b[k] !== after[k]);
}

function toItem(core: Core, r: AuditRow): AuditItem {
  const after = parse(r.after);
  // A reveal changes nothing; what it showed is the ID number (never stored in the log). Other
  // events (lock, restore, export, import) record circumstances, not fields.
  const changed = r.action.startsWith('reveal') ? [REVEALED_COLUMN] : FIELD_ACTIONS.has(r.action) ? changedFields(parse(r.before), after) : [];
  return {
    id: r.id,
    at: r.at,
    operator: r.operator,
    table: r.table_name,
    tableLabel: auditTableLabel(r.table_name),
    rowId: r.row_id,
    // An import's entry per table names the bundle (its row id), never a record.
    record: r.action === 'import' ? (bundleName(core.db, r.row_id) ?? '同步文件') : (recordName(core.db, r.table_name, r.row_id) ?? eventSubject(core.db, r.table_name, r.row_id)),
    action: r.action,
    actionLabel: auditActionLabel(r.action),
    changed,
    changedLabels: [...new Set(changed.map((c) => auditFieldLabel(r.table_name, c)))],
    detail: FIELD_ACTIONS.has(r.action) ? null : eventDetail(core.db, r.action, after),
  };
}

export const auditHandlers = {
  'audit.list': (core, q) => {
    const { rows, total } = listAudit(core.db, { table: q.table ?? undefined, rowId: q.rowId ?? undefined, page: q.page, pageSize: q.pageSize });
    return { total, rows: rows.map((r) => toItem(core, r)) };
  },
} satisfies Partial<Handlers>;
