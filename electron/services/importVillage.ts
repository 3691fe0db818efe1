import type { Database } from 'better-sqlite3';
import { findLiveVillageBy } from '../../db/villages';
import type { Draft } from '../xlsx/importRows';

/**
 * The village a register row names, by its 12-digit code or its name as registered; a blank or
 * unknown one is a problem of the row under `field` (the 发展党员 and 评星定级 imports).
 */
export function rowVillage(db: Database, text: string | null, field: string, problems: Draft['problems']): { id: string } | undefined {
  const t = text ?? '';
  const found = /^\d{12}$/.test(t) ? findLiveVillageBy(db, 'code', t) : findLiveVillageBy(db, 'name', t);
  if (!t) problems.push({ field, message: '请填写村（社区）' });
  else if (!found) problems.push({ field, message: `“${t}”不在本乡镇村（社区）名册中，请先在“村（社区）”中登记` });
  return found;
}
