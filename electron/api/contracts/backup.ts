import { z } from 'zod';
import * as f from '../fields';
import { empty } from './common';

import type { BackupEntry, BackupKind } from '../../../db/backup';
import { channel, ALL_ROLES } from '../channel';

export type { BackupKind };
/** One backup file as the store lists it. */
export type BackupInfo = BackupEntry;

export interface BackupList {
  folder: string;
  /** How many automatic backups are kept (setting). */
  keep: number;
  backups: BackupInfo[];
}

export interface BackupMade extends BackupInfo {
  /** A one-time download of the finished copy (下载备份). */
  downloadId: string;
}

export interface RestoreResult {
  restoredFrom: string;
  /** The copy of the state before the restore (or of the damaged file). */
  safetyCopy: string;
}

export interface DamagedExport {
  file: string;
  fileName: string;
  downloadId: string;
}

const folderPath = (label: string) =>
  z
    .string({ error: () => `${label}应为文字` })
    .trim()
    .max(1000, `${label}不能超过1000个字`)
    .refine((s) => !/[\u0000-\u001F]/.test(s), `${label}含有不可见的控制字符`);

export const backupContract = {
  'backup.list': channel<BackupList>()({ input: empty, roles: ALL_ROLES, writes: false, whenDamaged: true }),
  'backup.create': channel<BackupMade>()({
    input: z.strictObject({ folder: folderPath('备份文件夹').optional() }),
    roles: ALL_ROLES, writes: true,
  }),
  'backup.restore': channel<RestoreResult>()({
    input: z.strictObject({
      file: folderPath('备份文件').min(1, '请选择或填写备份文件'),
      allowOtherInstallation: f.flag('允许恢复其他单位的备份'),
    }),
    roles: ALL_ROLES, writes: true, exclusive: true, whenDamaged: true,
  }),
  'backup.exportDamaged': channel<DamagedExport>()({ input: empty, roles: ALL_ROLES, writes: true, whenDamaged: true }),
};
