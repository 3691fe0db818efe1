import type { Database } from 'better-sqlite3';
import { stmt } from './sync';

/** Key-value settings of this installation (not synced). Values are stored as JSON. */
export function getSetting<T>(db: Database, key: string): T | undefined {
  const r = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return r ? (JSON.parse(r.value) as T) : undefined;
}

export function setSetting(db: Database, key: string, value: unknown): void {
  stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value),
  );
}

export type Role = 'township' | 'district' | 'village';

export interface Installation {
  installationId: string;
  role: Role;
  unitCode: string;
  unitName: string;
  operator: string;
  setupAt: string;
}

export function getInstallation(db: Database): Installation | null {
  return getSetting<Installation>(db, 'installation') ?? null;
}

export function saveInstallation(db: Database, inst: Installation): void {
  setSetting(db, 'installation', inst);
}
