import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliFromSource } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

describe('CLI', () => {
  it('init imports the 18 official villages of 雁山镇 and stats counts live rows as JSON', () => {
    const db = path.join(tempDir(), 'town.db');
    const init = cli('init', '--db', db, '--role', 'township', '--code', '450311100', '--name', '雁山镇', '--operator', '张三', '--villages', 'official');
    expect(init).toMatchObject({ code: 0, stderr: '' });
    const stats = cli('stats', '--db', db, '--json');
    expect(stats.code).toBe(0);
    const counts = JSON.parse(stats.stdout) as Record<string, number>;
    expect(counts).toMatchObject({ villages: 18, village_years: 0 });
    // One number per sync table, whatever registers exist.
    expect(Object.values(counts).every((n) => Number.isInteger(n))).toBe(true);
  });

  it('seed is deterministic for a given seed and writes through the audited path', () => {
    const dir = tempDir();
    const rows = (file: string) => {
      const d = new Database(file, { readonly: true });
      const r = d.prepare('SELECT id, code, name, kind, secretary, secretary_phone, key_village FROM villages ORDER BY code').all();
      const audits = (d.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'insert'").get() as { n: number }).n;
      d.close();
      return { r, audits };
    };
    const make = (name: string, s: string) => {
      const file = path.join(dir, name);
      expect(cli('init', '--db', file, '--role', 'township', '--code', '450311101', '--name', '柘木镇').code).toBe(0);
      expect(cli('seed', '--db', file, '--villages', '15', '--seed', s).code).toBe(0);
      return rows(file);
    };
    const a = make('a.db', '42');
    const b = make('b.db', '42');
    const c = make('c.db', '43');
    expect(a.r).toHaveLength(15);
    // Same content for the same seed and township; ids also depend on the installation, so two
    // installations seeded alike never share a row id (they import into one district).
    const content = (r: unknown[]) => (r as { id: string }[]).map(({ id: _id, ...rest }) => rest);
    expect(content(a.r)).toEqual(content(b.r));
    const ids = new Set((a.r as { id: string }[]).map((v) => v.id));
    expect((b.r as { id: string }[]).filter((v) => ids.has(v.id))).toEqual([]);
    expect(content(c.r)).not.toEqual(content(a.r));
    expect(a.audits).toBeGreaterThanOrEqual(15 + 30); // each village and its two yearly rows, then the registers' rows
    for (const v of a.r as { code: string; secretary_phone: string }[]) {
      expect(v.code).toMatch(/^450311101\d{3}$/);
      expect(v.secretary_phone).toMatch(/^1[3-9]\d{9}$/);
    }
    expect(JSON.parse(cli('stats', '--db', path.join(dir, 'a.db'), '--json').stdout)).toMatchObject({ villages: 15, village_years: 30 });
    // Seven CLI processes, each loading the TypeScript sources: over 30 s on a loaded machine.
  }, 90_000);

  it('exits 2 with usage on bad usage and 1 with one clear line on failure', () => {
    const db = path.join(tempDir(), 'x.db');
    // From the TypeScript sources through tsx, as `npm run -s cli` starts it (the rest use the built CLI).
    const usage = cliFromSource();
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/用法：/);
    expect(cli('frobnicate').code).toBe(2);
    expect(cli('stats').code).toBe(2);
    expect(cli('init', '--db', db, '--role', 'city', '--code', '1', '--name', 'x').code).toBe(2);
    expect(cli('init', '--db', db, '--role', 'district', '--code', '450311', '--name', 'x', '--villages', 'official').code).toBe(2);
    expect(cli('seed', '--db', db, '--villages', 'many').code).toBe(2);

    const notInit = cli('seed', '--db', db);
    expect(notInit.code).toBe(1);
    expect(notInit.stderr.trim()).toBe('数据库尚未初始化，请先运行 init');
    const badCode = cli('init', '--db', db, '--role', 'township', '--code', '450311', '--name', '雁山镇');
    expect(badCode.code).toBe(1);
    expect(badCode.stderr.trim().split('\n')).toHaveLength(1);
    expect(badCode.stderr).toMatch(/9位数字/);
  }, 90_000);
});
