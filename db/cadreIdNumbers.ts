import type { Database } from 'better-sqlite3';

/** ID numbers of the live cadres (one live cadre per person). */
export const liveCadreIdNumbers = (db: Database) => new Set((db.prepare('SELECT id_number FROM cadres WHERE deleted_at IS NULL').all() as { id_number: string }[]).map((r) => r.id_number));
