import type { Database } from 'better-sqlite3';

/**
 * District mode: rows carry the installation that made them (origin); the district pinned each
 * installation to its township when it first imported its bundle. A list filtered to one
 * township keeps the rows whose origin is one of that township's installations.
 */
export const fromTownship = (alias: string) => `${alias}origin IN (SELECT installation_id FROM sync_pins WHERE township_code = @township)`;

/** Adds the township condition to a list's WHERE parts when a township is chosen. */
export function filterTownship(where: string[], params: Record<string, unknown>, alias: string, township: string | null | undefined): void {
  if (!township) return;
  where.push(fromTownship(alias));
  params.township = township;
}

/** The townships the district has data from (any imported bundle). */
export function knownTownships(db: Database): { code: string; name: string }[] {
  return db.prepare('SELECT township_code AS code, max(township_name) AS name FROM sync_pins GROUP BY township_code ORDER BY township_code').all() as { code: string; name: string }[];
}
