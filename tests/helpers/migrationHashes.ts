import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A migration file as it lands: three-digit version, underscore, name. */
export const MIGRATION_FILE = /^(\d{3})_[a-z0-9_]+\.ts$/;

/**
 * SHA-256 of a migration file's text. Line endings are normalised so a Windows checkout with
 * core.autocrlf does not read as an edit; any other byte counts.
 */
export function migrationHash(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n')).digest('hex');
}

/**
 * What is wrong between the migration files in `dir` and the committed list of landed hashes:
 * an edited landed file, a landed file that disappeared, a new file not yet listed. Each
 * message names the file and says what to do.
 */
export function migrationHashProblems(dir: string, landed: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const files = fs.readdirSync(dir).filter((f) => MIGRATION_FILE.test(f)).sort();
  for (const f of files) {
    const hash = migrationHash(path.join(dir, f));
    const want = landed[f];
    if (want === undefined) {
      problems.push(`${f} is not in tests/unit/migrationHashes.json: add "${f}": "${hash}" (append only; never change an existing entry)`);
    } else if (want !== hash) {
      problems.push(`${f} changed after it landed (sha256 ${hash}, landed ${want}): restore it and put the change in a new numbered migration`);
    }
  }
  for (const f of Object.keys(landed)) {
    if (!files.includes(f)) problems.push(`${f} landed but is missing from ${path.basename(dir)}/: a landed migration is never removed or renamed`);
  }
  return problems;
}
