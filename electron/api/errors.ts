import type { ZodError } from 'zod';
import { StoreError } from '../../db/errors';
import type { ApiError, FieldError } from './contract';

/** A refusal with a message for the clerk; dispatch returns it as data. */
export class AppError extends StoreError {}

export function fromZod(err: ZodError): ApiError {
  const fields: FieldError[] = err.issues.map((i) => {
    const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (i.code === 'unrecognized_keys') return { path, message: `不允许的字段：${i.keys.join('、')}` };
    if (i.code === 'invalid_type' && i.expected === 'object') return { path, message: '请求内容格式不正确' };
    return { path, message: i.message };
  });
  const first = fields.slice(0, 3).map((f) => f.message);
  return {
    code: 'invalid',
    message: `填写内容有误：${first.join('；')}${fields.length > 3 ? `等${fields.length}处` : ''}`,
    fields,
  };
}

/** Unknown errors are reported without their text: it may quote personal data. */
export function fromUnknown(err: unknown): ApiError {
  if (err instanceof StoreError) {
    return err.fields ? { code: err.code, message: err.message, fields: err.fields } : { code: err.code, message: err.message };
  }
  const e = err as { code?: unknown };
  if (typeof e?.code === 'string' && e.code.startsWith('SQLITE_CONSTRAINT')) {
    // Only a clash on a village's code is a duplicate code; other rules get no guess at the cause.
    if (/villages\.code/.test(String((err as { message?: unknown }).message))) return { code: 'conflict', message: '村（社区）编码与已有的村（社区）重复，未保存。' };
    return { code: 'conflict', message: '数据与已有记录冲突（违反了唯一性或关联规则），未保存。' };
  }
  // SQLITE_IOERR_SHMSIZE: the WAL index could not be extended, which on a full disk is what SQLite reports.
  if (typeof e?.code === 'string' && (e.code === 'SQLITE_FULL' || e.code === 'ENOSPC' || e.code === 'SQLITE_IOERR_SHMSIZE')) {
    return { code: 'disk_full', message: '磁盘空间不足，未保存。请清理磁盘后重试。' };
  }
  if (typeof e?.code === 'string' && (e.code === 'EIO' || e.code.startsWith('SQLITE_IOERR'))) {
    return { code: 'io_error', message: '读写磁盘出错（磁盘可能已满、有故障或U盘已拔出），操作未完成。请检查磁盘后重试。' };
  }
  if (typeof e?.code === 'string' && e.code === 'SQLITE_BUSY') {
    return { code: 'busy', message: '数据库正忙（可能另一个程序正在使用），请稍后重试。' };
  }
  return { code: 'internal', message: '程序内部错误，操作未完成。请重试；如仍出现，请联系区委组织部信息化人员。' };
}
