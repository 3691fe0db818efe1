import type { Database } from 'better-sqlite3';
import { appendAudit, type WriteContext } from './sync';

export interface AuditRow {
  id: number;
  at: string;
  operator: string;
  installation_id: string;
  table_name: string;
  row_id: string;
  action: string;
  seq: number | null;
  before: string | null;
  after: string | null;
}

export function listAudit(
  db: Database,
  q: { table?: string; rowId?: string; page: number; pageSize: number },
): { rows: AuditRow[]; total: number } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (q.table) {
    where.push('table_name = @table');
    params.table = q.table;
  }
  if (q.rowId) {
    where.push('row_id = @rowId');
    params.rowId = q.rowId;
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM audit_log ${whereSql}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT * FROM audit_log ${whereSql} ORDER BY id DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as AuditRow[];
  return { rows, total };
}

/**
 * An audited event that changes no row, such as showing a full ID number: who, when, which row
 * and what kind of event, with no change sequence (nothing to sync) and never the values, which
 * are exactly what must not be copied into the log.
 */
export function auditEvent(db: Database, ctx: WriteContext, e: { table: string; rowId: string; action: string }): void {
  appendAudit(db, ctx, { table: e.table, rowId: e.rowId, action: e.action, seq: null, before: null, after: null });
}

/** A row of a synced table by id, tombstones included (a deleted record is still named). */
export function anyRowById(db: Database, table: string, id: string): Record<string, unknown> | undefined {
  return db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
}

/** The township a pinned installation belongs to, for naming 停用/登记 events. */
export function pinnedTownshipName(db: Database, installationId: string): string | null {
  const r = db.prepare('SELECT township_name FROM sync_pins WHERE installation_id = ?').get(installationId) as { township_name: string } | undefined;
  return r?.township_name ?? null;
}

/** The imported bundle an import entry refers to (its hash prefix, as the audit stores it). */
export function importedBundle(db: Database, hashPrefix: string): { township_name: string; bundle_seq: number } | null {
  const r = db
    .prepare('SELECT township_name, bundle_seq FROM sync_in WHERE hash >= ? AND hash < ? ORDER BY id LIMIT 1')
    .get(hashPrefix, hashPrefix + '\uffff') as { township_name: string; bundle_seq: number } | undefined;
  return r ?? null;
}
