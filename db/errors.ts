/**
 * Errors the store raises on purpose. Each carries a stable code for callers and a Chinese
 * message a clerk can act on; the API layer passes both through unchanged.
 */
export class StoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields?: { path: string[]; message: string }[],
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** A database written by a newer version of the app: refused, never touched. */
export class FutureVersionError extends StoreError {
  constructor(readonly fileVersion: number, readonly appVersion: number) {
    super(
      'db_from_future',
      `数据库版本（${fileVersion}）高于本程序支持的版本（${appVersion}），可能由更新版本的程序创建。为保护数据，本程序不会打开或修改它，请安装最新版本后再打开。`,
    );
  }
}

export class NotFoundError extends StoreError {
  constructor(what = '记录') {
    super('not_found', `${what}不存在或已被删除`);
  }
}

export class ConflictError extends StoreError {
  constructor(message: string, fields?: { path: string[]; message: string }[]) {
    super('conflict', message, fields);
  }
}

/** The file failed PRAGMA quick_check (or is not readable as a database): not migrated, not written. */
export class DamagedStoreError extends StoreError {
  constructor(
    readonly details: string,
    what = '数据库文件已损坏（完整性检查未通过）',
  ) {
    super('db_damaged', `${what}，为保护数据，程序没有修改它。请从备份恢复，或先把损坏的文件另存一份交给信息化人员。`);
  }
}

/**
 * A name read from a file (a table in a backup, a part in a spreadsheet), safe to quote in a
 * message: no control or direction characters that could garble or reorder it, bounded length.
 */
export function quotedName(name: string, max = 40): string {
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g, '');
  return `“${clean.length > max ? `${clean.slice(0, max)}…` : clean}”`;
}
