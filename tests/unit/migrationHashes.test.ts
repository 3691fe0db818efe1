/**
 * Landed migrations never change: a database that ran 004 must mean the same thing everywhere.
 * tests/unit/migrationHashes.json holds the SHA-256 of every landed db/migrations/NNN_*.ts.
 *
 * Adding migration NNN: create the file, register it in db/migrations/index.ts, run this test;
 * its failure message prints the line to append to the JSON ("NNN_name.ts": "<sha256>").
 * Existing entries never change: if this test says a landed file changed, restore the file and
 * put the change in a new numbered migration.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations';
import { MIGRATION_FILE, migrationHash, migrationHashProblems } from '../helpers/migrationHashes';
import { tempDir } from '../helpers/tmp';

const DIR = path.resolve(__dirname, '../../db/migrations');
const LANDED = JSON.parse(fs.readFileSync(path.join(__dirname, 'migrationHashes.json'), 'utf8')) as Record<string, string>;

function copyOfMigrations(): string {
  const dir = tempDir();
  for (const f of fs.readdirSync(DIR)) fs.copyFileSync(path.join(DIR, f), path.join(dir, f));
  return dir;
}

describe('landed migrations', () => {
  it('every migration file is listed with the hash it landed with', () => {
    expect(migrationHashProblems(DIR, LANDED)).toEqual([]);
  });

  it('every migration file is registered under its own number, and nothing else is', () => {
    const numbers = fs
      .readdirSync(DIR)
      .map((f) => MIGRATION_FILE.exec(f)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    expect(migrations.map((m) => m.version)).toEqual(numbers);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });

  it('names an edited, a removed and an unlisted migration file (the check can fail)', () => {
    const dir = copyOfMigrations();
    expect(migrationHashProblems(dir, LANDED)).toEqual([]);

    // One changed character in a landed file, even in a comment.
    const edited = path.join(dir, '004_cadres.ts');
    fs.writeFileSync(edited, fs.readFileSync(edited, 'utf8').replace('Resident cadres', 'Resident cadre'));
    // A landed file removed, and a new one not yet listed.
    fs.rmSync(path.join(dir, '002_villages.ts'));
    fs.writeFileSync(path.join(dir, '099_new_table.ts'), 'export const sql = `CREATE TABLE t (a) STRICT;`;\n');

    const problems = migrationHashProblems(dir, LANDED);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^004_cadres\.ts changed after it landed/);
    expect(problems[1]).toBe(`099_new_table.ts is not in tests/unit/migrationHashes.json: add "099_new_table.ts": "${migrationHash(path.join(dir, '099_new_table.ts'))}" (append only; never change an existing entry)`);
    expect(problems[2]).toMatch(/^002_villages\.ts landed but is missing/);
  });

  it('reads a CRLF checkout of a landed file as unchanged', () => {
    const dir = copyOfMigrations();
    const file = path.join(dir, '005_floating.ts');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
    expect(migrationHashProblems(dir, LANDED)).toEqual([]);
  });
});
