import { listAudit } from '../../db/audit';
import type { AuditItem } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import { REVEALED_COLUMN } from './reveal';

/** Fields an update changed, or the fields an insert set; a delete changes the row, not fields. */
function changedFields(before: string | null, after: string | null): string[] {
  if (after === null) return [];
  const b = before ? (JSON.parse(before) as Record<string, unknown>) : {};
  const a = after ? (JSON.parse(after) as Record<string, unknown>) : {};
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== 'version' && b[k] !== a[k]);
}

export const auditHandlers = {
  'audit.list': (core, q) => {
    const { rows, total } = listAudit(core.db, { table: q.table ?? undefined, rowId: q.rowId ?? undefined, page: q.page, pageSize: q.pageSize });
    return {
      total,
      rows: rows.map(
        (r): AuditItem => ({
          id: r.id,
          at: r.at,
          operator: r.operator,
          table: r.table_name,
          rowId: r.row_id,
          action: r.action,
          // A reveal changes nothing; what it showed is the ID number (never stored in the log).
          changed: r.action.startsWith('reveal') ? [REVEALED_COLUMN] : changedFields(r.before, r.after),
        }),
      ),
    };
  },
} satisfies Partial<Handlers>;
