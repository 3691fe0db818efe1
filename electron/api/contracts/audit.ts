import { z } from 'zod';
import * as f from '../fields';
import type { Page } from './common';
import { channel, ALL_ROLES } from '../channel';

export interface AuditItem {
  id: number;
  at: string;
  operator: string;
  table: string;
  /** The table as the registers call it (驻村干部, 系统设置). */
  tableLabel: string;
  rowId: string;
  /** The record by its name ("张三", "张三 · 东立村 · 2026-03-05"), or null when none is known. */
  record: string | null;
  action: string;
  actionLabel: string;
  /** Field names that changed (values are not sent: they may hold personal data). */
  changed: string[];
  /** The same fields by the labels the forms show. */
  changedLabels: string[];
  /** What an event that is not a field change recorded, in words (自动锁定, 完整导出...). */
  detail: string | null;
}

export const auditContract = {
  'audit.list': channel<Page<AuditItem>>()({
    input: z.strictObject({ table: f.optionalText('数据表', 40), rowId: f.optionalText('记录编号', 40), page: f.page(), pageSize: f.pageSize() }),
    roles: ALL_ROLES, writes: false,
  }),
};
