import type { BackupKind } from '../../../../electron/api/contract';

export const KIND_LABELS: Record<BackupKind, string> = {
  auto: '启动时自动备份',
  manual: '手动备份',
  restore: '恢复前的备份',
  migrate: '升级前的备份',
};

export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local time, as the clerk reads the PC's clock. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
