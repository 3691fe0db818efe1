import type { Database } from 'better-sqlite3';
import type { Installation } from './settings';

/** A backup offered for restore, opened read-only: is it this program's store, and whose. */

export const hasSettingsTable = (src: Database) => src.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get() !== undefined;

export function storedInstallation(src: Database): Installation | null {
  const row = src.prepare("SELECT value FROM settings WHERE key = 'installation'").get() as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as Installation) : null;
}
