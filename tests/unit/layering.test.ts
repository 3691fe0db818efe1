import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules of eslint.config.js, fed violating fixtures as files at the places they
 * govern: each must be refused with its message, and the allowed forms must pass. (`npm run lint`
 * applies them to the real tree.)
 */

const eslint = new ESLint({ cwd: path.resolve(__dirname, '../..') });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const SQL_IN_DB = /no-restricted-syntax: SQL lives in db\//;
const NO_HOST = /no-restricted-imports: .*The sync feature does not import the hosts/;

describe('layering lint rules', () => {
  it('refuses SQL prepared or executed, or a pragma, anywhere in electron/, and allows them in db/', async () => {
    const prepare = `import type { Database } from 'better-sqlite3';
export const names = (db: Database) => db.prepare('SELECT name FROM villages').all();
`;
    const exec = "import type { Database } from 'better-sqlite3';\nexport const clear = (db: Database, t: string) => db.exec(`DELETE FROM ${t}`);\n";
    const pragma = "import type { Database } from 'better-sqlite3';\nexport const fk = (db: Database) => db.pragma('defer_foreign_keys = ON');\n";
    for (const file of ['electron/services/fixture.ts', 'electron/sync/fixture.ts', 'electron/fixture.ts']) {
      for (const code of [prepare, exec, pragma]) expect(await problems(file, code), `${file}: ${code}`).toEqual([expect.stringMatching(SQL_IN_DB)]);
    }
    expect(await problems('db/fixture.ts', prepare)).toEqual([]);
    expect(await problems('db/fixture.ts', exec)).toEqual([]);
    expect(await problems('db/fixture.ts', pragma)).toEqual([]);
    // A RegExp's exec is not SQL.
    expect(await problems('electron/domain/fixture.ts', 'const RE = /^(\\d+)$/;\nexport const m = (s: string) => RE.exec(s) ?? /x/.exec(s);\n')).toEqual([]);
  });

  it('still refuses a bare transaction in electron/ beside the SQL rule', async () => {
    const code = "import type { Database } from 'better-sqlite3';\nexport const tx = (db: Database) => db.transaction(() => 1)();\n";
    expect(await problems('electron/services/fixture.ts', code)).toEqual([expect.stringMatching(/no-restricted-syntax: Write through writeTx/)]);
  });

  it('refuses an import of electron/host/ from the sync feature, and allows transfers.ts', async () => {
    const hostImports = "export { attachment } from '../host/downloads';\nimport { receiveUpload } from '../host/uploads';\nexport const r = receiveUpload;\n";
    expect(await problems('electron/sync/fixture.ts', hostImports)).toEqual([expect.stringMatching(NO_HOST), expect.stringMatching(NO_HOST)]);
    expect(await problems('electron/services/fixture.ts', hostImports)).toEqual([]);
    expect(await problems('electron/sync/fixture.ts', "import { takeReceived } from '../transfers';\nexport const t = takeReceived;\n")).toEqual([]);
    // And it keeps the core's own rule there: no Electron.
    expect(await problems('electron/sync/fixture.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([expect.stringMatching(/plain Node without Electron/)]);
  });
});
