import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactRecordsTable } from '../../db/floating';
import { currentSeq, SYNC_COLUMNS } from '../../db/sync';
import { writeTx } from '../../db/tx';
import { BUSY_MESSAGE, BusyError } from '../../db/errors';
import { fromUnknown } from '../../electron/api/errors';
import { openCore, type Core } from '../../electron/core';
import { CONTACT_WAYS } from '../../electron/domain/floating';
import { localDay } from '../../electron/domain/dates';
import { memberInput } from '../../electron/seed/floating';
import { Rng, seededIdsOnceSetUp } from '../../electron/seed/random';
import { createMember } from '../../electron/services/floating';
import { completeSetup } from '../../electron/services/setup';
import { exportBundle } from '../../electron/sync/export';
import { districtKeys, PASSPHRASE, trustDistrict } from '../helpers/sync';

/**
 * Concurrent use of one database file by several processes, as a district really runs it: the
 * app open (browser mode, or the app's side played by tests/helpers/concChild.ts through the same
 * dispatch) while the CLI seeds or imports a large bundle into the same file. Every save must
 * succeed (it waits for the write lock), and a second app instance on the file is refused.
 */

const root = path.resolve(import.meta.dirname, '../..');
/** Each child's one-time build (tests/helpers/cliBundle.ts): its env variable, and the arguments it needs first. */
const BUNDLES: Record<string, { env: string; args: string[] }> = {
  'tests/helpers/concChild.ts': { env: 'TL_CONC_CHILD_BUNDLE', args: [] },
  // Browser mode as `npm start` runs it without Electron: its built core with --browser.
  'electron/host/browser.ts': { env: 'TL_START_BUNDLE', args: ['--browser'] },
  'electron/cli.ts': { env: 'TL_CLI_BUNDLE', args: [] },
};
/** Starts `script` from the unit project's build of it, else (run outside it) from the sources through tsx. */
const child = (script: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
  const built = BUNDLES[script];
  const bundle = built && process.env[built.env];
  const argv = bundle && fs.existsSync(bundle) ? [bundle, ...built.args] : ['--import', 'tsx', path.join(root, script)];
  return spawn(process.execPath, [...argv, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
};

interface Exit {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

function collect(p: ChildProcess): { lines: string[]; exit: Promise<Exit>; line: (re: RegExp) => Promise<string> } {
  const lines: string[] = [];
  const waiters: { re: RegExp; resolve: (l: string) => void }[] = [];
  let stderr = '';
  p.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  createInterface({ input: p.stdout! }).on('line', (l) => {
    lines.push(l);
    for (const w of waiters.filter((w) => w.re.test(l))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(l);
    }
  });
  const exit = new Promise<Exit>((resolve) => p.on('close', (code, signal) => resolve({ code, signal, stdout: lines.join('\n'), stderr })));
  const line = (re: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const seen = lines.find((l) => re.test(l));
      if (seen) return resolve(seen);
      waiters.push({ re, resolve });
      void exit.then((e) => reject(new Error(`exited (${e.code ?? e.signal}) before ${re}: ${e.stderr}`)));
    });
  return { lines, exit, line };
}

interface SaveSummary {
  ok: number;
  failures: { code: string; message: string }[];
  ids: string[];
  spans: [number, number][];
  maxMs: number;
}

/**
 * Runs `count` saves from the app's side while the CLI command runs on the same file. The saves
 * start before the CLI and go on until it ends (the last one after it), so its whole write
 * happens among them.
 */
async function savesDuring(file: string, kind: 'villages' | 'settings', count: number, gapMs: number, cliArgs: string[]): Promise<{ saves: SaveSummary; cli: Exit }> {
  const app = child('tests/helpers/concChild.ts', ['saves', file, kind, String(count), String(gapMs)]);
  const appOut = collect(app);
  await appOut.line(/^ready$/);
  const cli = collect(child('electron/cli.ts', cliArgs, { TL_PASSPHRASE: PASSPHRASE }));
  const cliExit = await cli.exit;
  app.stdin!.write('done\n');
  const appExit = await appOut.exit;
  expect(appExit.code, appExit.stderr).toBe(0);
  return { saves: JSON.parse(appOut.lines.at(-1)!) as SaveSummary, cli: cliExit };
}

const lastAuditId = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT ifnull(max(id), 0) AS n FROM audit_log').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/**
 * The CLI's audit entries (after `since`, not the app's) must form one block among the app's
 * saves: saves before it and after it, none inside it (it held the write lock from its first row
 * to its last), and a save that was already under way when the block's last row was written
 * (it waited for the lock and then succeeded).
 */
function expectOneBlockAmongSaves(file: string, since: number, isSave: (row: { table_name: string; row_id: string }) => boolean, saves: SaveSummary): number {
  const db = new Database(file, { readonly: true });
  let rows: { id: number; at: string; table_name: string; row_id: string }[];
  try {
    rows = db.prepare('SELECT id, at, table_name, row_id FROM audit_log WHERE id > ? ORDER BY id').all(since) as typeof rows;
  } finally {
    db.close();
  }
  const mine = rows.filter(isSave).map((r) => r.id);
  const block = rows.filter((r) => !isSave(r));
  const first = block[0]!.id;
  const last = block.at(-1)!.id;
  expect(mine.some((id) => id < first), 'a save before the CLI wrote').toBe(true);
  expect(mine.some((id) => id > last), 'a save after the CLI wrote').toBe(true);
  expect(mine.filter((id) => id > first && id < last)).toEqual([]);
  const lastAt = Date.parse(block.at(-1)!.at);
  expect(saves.spans.some(([a, b]) => a < lastAt && b > lastAt), 'a save waited while the CLI held the lock').toBe(true);
  return block.length;
}

let work: string;
let bundle: string;
let bundleRows: number;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-conc-'));
  // One 100k-row township bundle for the file: official villages, 20 floating members through the
  // service, and their contact records through the sync write path, as the bench dataset builds them.
  const rng = new Rng('concurrency');
  const town: Core = await openCore(path.join(work, 'town.db'), { newId: seededIdsOnceSetUp('concurrency', () => town.installation()!.installationId) });
  town.db.pragma('synchronous = OFF');
  completeSetup(town, { role: 'township', code: '450311100', name: '雁山镇', operator: '张三', importVillages: ['450311100201', '450311100202'] });
  trustDistrict(town);
  const today = localDay(town.now());
  const village = (town.db.prepare('SELECT id FROM villages ORDER BY code LIMIT 1').get() as { id: string }).id;
  for (let i = 0; i < 20; i++) createMember(town, memberInput(rng, village, today));
  // The rows themselves in one statement (the sync write path would take most of this file's
  // time): what an export reads is the rows and the clock, each row as that path would leave it.
  // One record a day per member, going back from today: migration 021's roster trigger judges
  // the member's records within the contact interval of each new one, so 5,000 records of one
  // member on one day (as this file had them) cost it quadratically.
  const cols = [...SYNC_COLUMNS, ...contactRecordsTable.columns];
  const base = currentSeq(town.db);
  writeTx(town.db, () => {
    town.db
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000),
           m(k, id) AS (SELECT row_number() OVER (ORDER BY id) - 1, id FROM floating_members)
         INSERT INTO contact_records (${cols.join(', ')})
         SELECT printf('c0c0c0c0-0000-4000-8000-%012d', i), @at, @at, @base + i, 1, NULL, @origin,
                (SELECT id FROM m WHERE k = i % 20), date(@day, '-' || (i / 20) || ' days'), @way, '李四', '了解工作生活情况，传达村党组织近期工作', NULL
         FROM n`,
      )
      .run({ at: town.now().toISOString(), base, origin: town.installation()!.installationId, day: today, way: CONTACT_WAYS[0] });
    town.db.prepare('UPDATE sync_clock SET seq = ?').run(base + 100_000);
  });
  const out = await exportBundle(town, { dir: path.join(work, 'out'), full: true });
  bundle = out.file;
  bundleRows = Object.values(out.header.counts).reduce((a, c) => a + c.rows, 0);
  town.close();
  fs.writeFileSync(path.join(work, 'district.key'), districtKeys().secretFile);
}, 120_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function freshFile(name: string, role: 'township' | 'district'): Promise<string> {
  const file = path.join(work, name);
  return openCore(file).then((core) => {
    completeSetup(core, {
      role,
      code: role === 'township' ? '450311100' : '450311',
      name: role === 'township' ? '雁山镇' : '雁山区委组织部',
      operator: '王五',
      importVillages: [],
    });
    core.close();
    return file;
  });
}

describe('saves while the CLI writes the same file', () => {
  it('600 village saves all succeed while `cli seed` writes the same file', async () => {
    const file = await freshFile('seed.db', 'township');
    const since = lastAuditId(file);
    const { saves, cli } = await savesDuring(file, 'villages', 600, 10, ['seed', '--db', file]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(saves.failures).toEqual([]);
    expect(saves.ok).toBe(600);
    // A save's audit entries are those of its village and the village's yearly rows.
    const db = new Database(file, { readonly: true });
    const mine = new Set([...saves.ids, ...(db.prepare('SELECT id FROM village_years WHERE village_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(saves.ids)) as { id: string }[]).map((r) => r.id)]);
    db.close();
    const seeded = expectOneBlockAmongSaves(file, since, (r) => mine.has(r.row_id), saves);
    expect(seeded).toBeGreaterThan(1000);
    console.log(`[concurrency] cli seed (${seeded} rows): ${saves.ok}/600 saves succeeded, slowest ${saves.maxMs} ms`);
  }, 300_000);

  it('600 settings saves all succeed while `cli import` applies a 100k-row bundle, which is applied whole', async () => {
    expect(bundleRows).toBeGreaterThanOrEqual(100_000);
    const file = await freshFile('district.db', 'district');
    const since = lastAuditId(file);
    const { saves, cli } = await savesDuring(file, 'settings', 600, 30, ['import', '--db', file, '--key', path.join(work, 'district.key'), bundle]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout.trim().split('\n').at(-1)!)).toMatchObject({ result: 'applied' });
    expect(saves.failures).toEqual([]);
    expect(saves.ok).toBe(600);
    expectOneBlockAmongSaves(file, since, (r) => r.table_name === 'settings', saves);
    // The district audits an import per table: the entries' counts add up to the whole bundle.
    const db = new Database(file, { readonly: true });
    const imported = (db.prepare("SELECT sum(json_extract(after, '$.new')) AS n FROM audit_log WHERE action = 'import'").get() as { n: number }).n;
    db.close();
    expect(imported).toBe(bundleRows);
    console.log(`[concurrency] cli import (${bundleRows} rows): ${saves.ok}/600 saves succeeded, slowest ${saves.maxMs} ms`);
  }, 300_000);
});

describe('one app instance per database file', () => {
  const browserMode = (file: string) => collect(child('electron/host/browser.ts', ['--db', file, '--port', '0']));

  it('refuses a second instance at start, naming the first; a killed instance leaves no claim behind', async () => {
    const file = path.join(work, 'instance.db');
    const first = browserMode(file);
    await first.line(/^http:\/\//);
    const pid = JSON.parse(fs.readFileSync(`${file}.lock.json`, 'utf8')).pid as number;

    const second = await browserMode(file).exit;
    expect(second.code).toBe(1);
    expect(second.stdout).not.toMatch(/http:\/\//);
    expect(second.stderr).toMatch(new RegExp(`无法启动：该数据文件已由另一个程序实例打开（浏览器模式，进程号 ${pid}，.+ 起运行）`));
    expect(second.stderr).not.toMatch(/SQLITE|database is locked/i);

    // A write that cannot get the lock in time says which app holds the file, in Chinese.
    const holder = new Database(file);
    const waiter = new Database(file, { timeout: 50 });
    try {
      holder.exec('BEGIN IMMEDIATE');
      expect(() => writeTx(waiter, () => waiter.prepare("INSERT INTO settings (key, value) VALUES ('x', '1')").run(), { waitMs: 300 })).toThrow(
        new RegExp(`^数据库正忙：程序（浏览器模式，进程号 ${pid}，.+ 起运行）正在使用该数据文件`),
      );
      holder.exec('ROLLBACK');
    } finally {
      holder.close();
      waiter.close();
    }

    // The CLI is not refused while the app runs: it shares the file.
    const stats = await collect(child('electron/cli.ts', ['stats', '--db', file, '--json'])).exit;
    expect(stats.code, stats.stderr).toBe(0);

    // Killed outright: the operating system drops the lock, the next start succeeds.
    const killed = first.exit;
    process.kill(pid, 'SIGKILL');
    expect((await killed).signal).toBe('SIGKILL');
    const third = browserMode(file);
    await third.line(/^http:\/\//);
    expect(JSON.parse(fs.readFileSync(`${file}.lock.json`, 'utf8')).pid).not.toBe(pid);
    const stopped = third.exit;
    // A clean stop releases the claim and removes the note naming the holder.
    const thirdPid = JSON.parse(fs.readFileSync(`${file}.lock.json`, 'utf8')).pid as number;
    process.kill(thirdPid, 'SIGTERM');
    expect((await stopped).code).toBe(0);
    expect(fs.existsSync(`${file}.lock.json`)).toBe(false);
    const core = await openCore(file, { instance: 'desktop' });
    core.close();
  }, 120_000);
});

describe('busy is retried and reported in Chinese', () => {
  it('every SQLITE_BUSY* and SQLITE_LOCKED* maps to the busy message, never SQLite\'s English', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE']) {
      const err = Object.assign(new Error('database is locked'), { code });
      expect(fromUnknown(err), code).toEqual({ code: 'busy', message: BUSY_MESSAGE });
    }
    expect(fromUnknown(Object.assign(new Error('x'), { code: 'SQLITE_BUSYNESS' })).code).toBe('internal');
  });

  it('a busy that escapes SQLite\'s busy handler (BUSY_SNAPSHOT) reruns the whole transaction, which then commits once', async () => {
    const core = await openCore(path.join(fs.mkdtempSync(path.join(work, 'retry-')), 'ledger.db'));
    try {
      let attempts = 0;
      const value = writeTx(core.db, () => {
        attempts++;
        core.db.prepare("INSERT INTO settings (key, value) VALUES ('attempt', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(attempts));
        if (attempts < 3) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY_SNAPSHOT' });
        return 'done';
      });
      expect(value).toBe('done');
      expect(attempts).toBe(3);
      expect(core.db.prepare("SELECT value FROM settings WHERE key = 'attempt'").pluck().get()).toBe('3');
      // Nested, it is a savepoint of the outer transaction: the outer one retries, not the inner.
      expect(() => writeTx(core.db, () => writeTx(core.db, () => { throw Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT' }); }))).toThrow('x');
      // Past the wait, the clerk gets the Chinese message, not SQLite's text.
      expect(() => writeTx(core.db, () => { throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }); }, { waitMs: 50 })).toThrow(BusyError);
    } finally {
      core.close();
    }
  });
});
