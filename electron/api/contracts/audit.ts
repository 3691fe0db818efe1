import { z } from 'zod';
import * as f from '../fields';
import type { Page } from './common';
import { channel, ALL_ROLES } from '../channel';

export interface AuditItem {
  id: number;
  at: string;
  operator: string;
  table: string;
  rowId: string;
  action: string;
  /** Field names that changed (values are not sent: they may hold personal data). */
  changed: string[];
}

export const auditContract = {
  'audit.list': channel<Page<AuditItem>>()({
    input: z.strictObject({ table: f.optionalText('数据表', 40), rowId: f.optionalText('记录编号', 40), page: f.page(), pageSize: f.pageSize() }),
    roles: ALL_ROLES, writes: false,
  }),
};
