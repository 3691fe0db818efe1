import type { Database } from 'better-sqlite3';
import { anyRowById, importedBundle, pinnedTownshipName } from '../../db/audit';
import { SYNC_TABLES } from '../../db/tables';
import type { SyncTable } from '../../db/sync';

/**
 * How 操作日志 names what an entry touched, in the clerk's words: the table as the registers
 * call it, the fields by the labels the forms show (the column declarations of db/, which the
 * forms follow), and the record by its name rather than its id. Nothing here is English.
 */

const SYNC_BY_NAME = new Map(SYNC_TABLES.map((t) => [t.name, t]));

/** Audited tables that are not registers: settings, the app lock, backups, sync bookkeeping. */
const OTHER_TABLES: Record<string, string> = {
  settings: '系统设置',
  app_lock: '锁定密码',
  backup: '数据备份',
  sync_pins: '乡镇电脑登记',
  sync_out: '同步文件导出',
};

/** The registers' own names where the table label is a register's short form. */
const TABLE_NAMES: Record<string, string> = { projects: '一村一项目' };

export function auditTableLabel(table: string): string {
  return TABLE_NAMES[table] ?? SYNC_BY_NAME.get(table)?.label ?? OTHER_TABLES[table] ?? '其他数据';
}

export const AUDIT_ACTIONS: Record<string, string> = {
  insert: '新增',
  update: '修改',
  delete: '删除',
  import: '同步导入',
  'import:new': '同步新增',
  'import:changed': '同步修改',
  'import:deleted': '同步删除',
  'import:missing': '同步删除（乡镇已无此记录）',
  reveal: '查看身份证号',
  'reveal:edit': '编辑时查看身份证号',
  enable: '启用',
  disable: '关闭',
  change_password: '修改密码',
  set_idle: '修改锁定时间',
  lock: '锁定',
  unlock: '解锁',
  password_wrong: '密码错误',
  restore: '从备份恢复',
  export: '导出同步文件',
  revoke: '停用乡镇电脑',
  repin: '登记新电脑',
  vouch: '登记驻村版（乡镇担保）',
};

export const auditActionLabel = (action: string): string => AUDIT_ACTIONS[action] ?? '其他操作';

/** The settings page's labels for what settings.update writes. */
const SETTING_LABELS: Record<string, string> = {
  attendanceThresholdDays: '每月驻村天数标准',
  contactIntervalDays: '联系间隔天数',
  backupKeep: '自动备份保留份数',
  operator: '操作员姓名',
};

/** A changed field by the label its form shows; a field no form shows is 其他字段, never its code name. */
export function auditFieldLabel(table: string, field: string): string {
  if (table === 'settings') return SETTING_LABELS[field] ?? '其他设置';
  const label = SYNC_BY_NAME.get(table)?.fields[field]?.label;
  return label ?? '其他字段';
}

/** A date or period column's value as a clerk reads it beside a name. */
function partOf(t: SyncTable, col: string, v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  const c = t.fields[col]!;
  if (c.kind === 'date') return String(v);
  if (col === 'year') return `${String(v)}年`;
  if (col === 'quarter') return `第${String(v)}季度`;
  return null;
}

/**
 * A record by what identifies it to a clerk: its name where it has one, otherwise the names of
 * the records it belongs to (a cadre, a village, a member, a project) and its date or period:
 * "张三 · 东立村 · 2026-03-05". Tombstones are named too; a row this database never had is null.
 */
export function recordName(db: Database, table: string, id: string, depth = 0): string | null {
  const t = SYNC_BY_NAME.get(table);
  if (!t) return null;
  const row = anyRowById(db, table, id);
  if (!row) return null;
  if (typeof row.name === 'string') return row.name;
  const parts: string[] = [];
  for (const col of t.columns) {
    const c = t.fields[col]!;
    const v = row[col];
    if (c.kind === 'ref' && !c.nullable && typeof v === 'string' && c.references && depth < 2) {
      const parent = recordName(db, c.references, v, depth + 1);
      if (parent) parts.push(parent);
    } else if (c.kind === 'name' && typeof v === 'string') parts.push(v);
    else {
      const p = partOf(t, col, v);
      if (p) parts.push(p);
    }
  }
  return parts.length ? parts.join(' · ') : null;
}

/** An imported bundle by its audit tag (its hash prefix): "某某镇第 3 号同步文件". */
export function bundleName(db: Database, tag: string): string | null {
  const b = importedBundle(db, tag);
  return b ? `${b.township_name}第 ${b.bundle_seq} 号同步文件` : null;
}

/** What a non-register entry concerns, when its row id is not a register row. */
export function eventSubject(db: Database, table: string, rowId: string): string | null {
  if (table === 'settings') return rowId === 'operator' ? '操作员' : '系统设置';
  if (table === 'app_lock') return '锁定密码';
  if (table === 'backup') return '数据库';
  if (table === 'sync_out') return /^\d+$/.test(rowId) ? `第 ${rowId} 号同步文件` : '同步文件';
  if (table === 'sync_pins') {
    const name = pinnedTownshipName(db, rowId);
    return name ? `${name}的电脑` : '乡镇电脑';
  }
  return null;
}

/** What an event recorded besides its fields, in words (never a value that is personal data). */
export function eventDetail(db: Database, action: string, after: Record<string, unknown> | null): string | null {
  if (!after) return null;
  const s = (k: string) => (typeof after[k] === 'string' ? (after[k] as string) : null);
  if (action === 'import') {
    const n = (k: string) => (typeof after[k] === 'number' ? (after[k] as number).toLocaleString('zh-CN') : '0');
    return `新增 ${n('new')} 条、修改 ${n('changed')} 条、删除 ${n('deleted')} 条`;
  }
  if (action.startsWith('import:')) {
    const b = s('bundle') && bundleName(db, s('bundle')!);
    return b ? `来自${b}` : null;
  }
  switch (action) {
    case 'lock':
      return after.reason === 'idle' ? '无操作自动锁定' : '手动锁定';
    case 'enable':
    case 'set_idle':
      return typeof after.idleMinutes === 'number' ? `无操作 ${after.idleMinutes} 分钟后锁定` : null;
    case 'restore':
      return `从 ${s('from') ?? '备份文件'} 恢复，恢复前的数据另存为 ${s('safetyCopy') ?? '安全副本'}`;
    case 'export':
      return after.full ? '完整导出' : '增量导出';
    case 'revoke':
      return s('reason') ? `停用原因：${s('reason')}` : null;
    case 'repin':
      return s('fingerprint') ? `新指纹 ${s('fingerprint')}` : null;
    case 'vouch':
      return s('fingerprint') ? `驻村版指纹 ${s('fingerprint')}` : null;
    default:
      return null;
  }
}
