import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupsDir } from '../../db/backup';
import { latestVersion } from '../../db/migrate';
import { openStore } from '../../db/open';
import { dispatch } from '../../electron/api/dispatch';
import { openCore } from '../../electron/core';
import { openApp } from '../../electron/startup';
import { Rng } from '../../electron/seed/random';
import { completeSetup } from '../../electron/services/setup';
import { exportsDirFor } from '../../electron/sync/export';
import { seedVillages } from '../../electron/seed/villages';
import { seedCadres } from '../../electron/seed/cadres';
import { count, expectWholeChanges, inspect, integrity, runChild, runCli, TRIALS } from '../helpers/faultRun';
import { trustDistrict } from '../helpers/sync';

/**
 * Pulling the plug on the app's own code paths: a child process is SIGKILLed while it writes
 * registers through dispatch or migrates an older database (tests/helpers/faultChild.ts), or while
 * the real CLI makes a backup or exports a bundle into the app's export folder. Afterwards the
 * database is intact, every committed change is whole, no partial file has a final name, and the
 * next start opens it and removes the temporary files. Imports are killed in syncFaults.test.ts.
 * TL_FAULT_TRIALS scales the trials (npm run test:faults); TL_FAULT_VERBOSE=1 prints each outcome.
 */

const KILLS = Math.max(2, Math.round(TRIALS / 10));
const ROWS = 10_000;
const OLD_VERSION = 5;
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-faults-kill-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const copyDb = (from: string, to: string) => {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
  return to;
};
const names = (d: string) => (fs.existsSync(d) ? fs.readdirSync(d) : []);

describe('SIGKILL during register writes', () => {
  it(`a child writing through dispatch, killed ${KILLS} times at random, keeps every committed change whole`, async () => {
    const template = path.join(dir, 'writes', 'template.db');
    const core = await openCore(template);
    completeSetup(core, { role: 'township', code: '450311100', name: '雁山镇', operator: '张三', importVillages: [] });
    core.close();
    const rng = new Rng('faults-kill-writes');
    for (let i = 0; i < KILLS; i++) {
      const file = copyDb(template, path.join(dir, 'writes', `w${i}`, 'ledger.db'));
      const target = rng.int(1, 30);
      const run = await runChild(['writes', file], (_line, lines) => (lines.length >= target ? 0 : null));
      expect(run.signal, run.stderr).toBe('SIGKILL');
      const ok = run.lines.map((l) => l.split(' ')).filter((p) => p[0] === 'ok');
      const created = ok.filter((p) => p[2] === 'create').map((p) => p[3]!);
      const removed = ok.filter((p) => p[2] === 'remove').map((p) => p[3]!);
      const members = ok.filter((p) => p[2] === 'member').map((p) => p[3]!);
      expectWholeChanges(file);
      inspect(file, (db) => {
        // Committed before the kill means there afterwards; at most the one in flight more.
        const villages = count(db, 'SELECT count(*) AS n FROM villages') - 1; // the child's home village for members
        expect(villages - created.length).toBeGreaterThanOrEqual(0);
        expect(villages - created.length).toBeLessThanOrEqual(1);
        for (const id of created) expect(count(db, 'SELECT count(*) AS n FROM villages WHERE id = ?', id)).toBe(1);
        for (const id of members) expect(count(db, 'SELECT count(*) AS n FROM floating_members WHERE id = ?', id)).toBe(1);
        for (const id of removed) expect(count(db, 'SELECT count(*) AS n FROM villages WHERE id = ? AND deleted_at IS NOT NULL', id)).toBe(1);
      });
      // The app opens it and carries on.
      const again = await openCore(file);
      const r = await dispatch(again, 'villages.create', { name: '重启后新建村', kind: '行政村', years: [{ year: 2025, stars: 1, income: '1' }, { year: 2024, stars: 1, income: '1' }] });
      expect(r.ok).toBe(true);
      again.close();
      expectWholeChanges(file);
    }
  }, 300_000);
});

describe('SIGKILL during a migration and during a backup', () => {
  let oldTemplate: string;
  let current: string;

  beforeAll(async () => {
    oldTemplate = path.join(dir, 'old', 'ledger.db');
    const { db } = await openStore(oldTemplate, { target: OLD_VERSION });
    db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS})
      INSERT INTO villages (id, created_at, updated_at, seq, version, deleted_at, origin, name, kind, note)
      SELECT printf('v-%06d', i), '2026-01-05', '2026-01-05', i, 1, NULL, 'inst', '村' || i, '行政村', hex(randomblob(200)) FROM n`);
    db.prepare('UPDATE sync_clock SET seq = ?').run(ROWS);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    current = copyDb(oldTemplate, path.join(dir, 'current', 'ledger.db'));
    (await openStore(current)).db.close();
    fs.rmSync(backupsDir(current), { recursive: true, force: true });
  }, 120_000);

  /** Every file with a final backup name is a whole database of the version its name says. */
  function expectWholeBackups(file: string): void {
    for (const name of names(backupsDir(file)).filter((n) => n.endsWith('.db'))) {
      inspect(path.join(backupsDir(file), name), (db) => {
        expect(integrity(db), name).toBe('ok');
        expect(db.pragma('user_version', { simple: true })).toBe(Number(/\.v(\d+)\./.exec(name)![1]));
        expect(count(db, 'SELECT count(*) AS n FROM villages')).toBe(ROWS);
      });
    }
  }

  /** The next start opens the file at the latest version with every row, and leaves no temporary backup. */
  async function expectNextStartClean(file: string): Promise<void> {
    const core = await openCore(file);
    expect(core.db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(count(core.db, 'SELECT count(*) AS n FROM villages')).toBe(ROWS);
    core.close();
    expect(names(backupsDir(file)).filter((n) => n.includes('.tmp'))).toEqual([]);
  }

  it(`a migration killed ${KILLS} times at random leaves the old version intact or the new one whole`, async () => {
    const probe = await runChild(['migrate', copyDb(oldTemplate, path.join(dir, 'mprobe', 'ledger.db'))]);
    expect(probe.lines, probe.stderr).toEqual(['start', 'done']);
    const rng = new Rng('faults-kill-migrate');
    const seen = new Set<number>();
    for (let i = 0; i < KILLS; i++) {
      const file = copyDb(oldTemplate, path.join(dir, 'migrate', `m${i}`, 'ledger.db'));
      const run = await runChild(['migrate', file], (line) => (line === 'start' ? Math.floor(probe.workMs * 1.3 * rng.next()) : null));
      const version = inspect(file, (db) => {
        expect(integrity(db)).toBe('ok');
        expect(count(db, 'SELECT count(*) AS n FROM villages')).toBe(ROWS);
        return db.pragma('user_version', { simple: true }) as number;
      });
      expect([OLD_VERSION, latestVersion()]).toContain(version);
      seen.add(version);
      if (process.env.TL_FAULT_VERBOSE) console.log(`migrate kill ${i} (probe ${probe.workMs} ms, ran ${run.workMs} ms, ${run.signal ?? 'exited'}): version ${version}, backups ${names(backupsDir(file)).join(' ')}`);
      expectWholeBackups(file);
      await expectNextStartClean(file);
      expectWholeBackups(file);
    }
    expect(seen.size).toBeGreaterThan(0);
  }, 300_000);

  it(`a backup (the CLI's backup command) killed ${KILLS} times at random never leaves a partial file under a final name`, async () => {
    const folder = backupsDir(current);
    const probe = await runCli(['backup', '--db', current], { dir: folder, afterMs: 600_000 });
    expect(probe.code).toBe(0);
    fs.rmSync(folder, { recursive: true, force: true });
    const rng = new Rng('faults-kill-backup');
    for (let i = 0; i < KILLS; i++) {
      const run = await runCli(['backup', '--db', current], { dir: folder, afterMs: Math.floor(probe.ms * 1.2 * rng.next()) });
      if (process.env.TL_FAULT_VERBOSE) console.log(`backup kill ${i} (window ${probe.ms} ms, ${run.signal ?? 'exited'}): ${names(folder).join(' ')}`);
      expectWholeBackups(current);
      await expectNextStartClean(current);
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 300_000);
});

describe('SIGKILL during an export into the app folder', () => {
  it(`temporary files of exports killed ${KILLS} times are never importable-looking and are removed at the next start`, async () => {
    const file = path.join(dir, 'export', 'ledger.db');
    const town = await openCore(file);
    completeSetup(town, { role: 'township', code: '450311100', name: '雁山镇', operator: '张三', importVillages: [] });
    trustDistrict(town);
    const seedRng = new Rng('faults-kill-export');
    town.db.transaction(() => {
      seedVillages(town, seedRng, 4, 2025);
      seedCadres(town, seedRng);
    })();
    town.close();
    const exports = exportsDirFor(file);
    // A temporary file of an export still running in a live process is left alone at start.
    const running = path.join(exports, `.TL-450311100-000099-20260105T080000.tlbundle.${process.pid}.tmp`);
    const probe = await runCli(['export', '--db', file, '--out', exports, '--full'], { dir: exports, afterMs: 600_000 });
    expect(probe.code).toBe(0);
    if (process.env.TL_FAULT_VERBOSE) console.log(`export write window: ${probe.ms} ms`);
    const rng = new Rng('faults-kill-export-times');
    for (let i = 0; i < KILLS; i++) {
      const run = await runCli(['export', '--db', file, '--out', exports, '--full'], { dir: exports, afterMs: Math.floor(probe.ms * 1.2 * rng.next()) });
      for (const f of names(exports)) expect(f.endsWith('.tlbundle') || (f.startsWith('.TL-') && f.endsWith('.tmp')), f).toBe(true);
      fs.writeFileSync(running, 'TLPARTIA');
      // And one whose process is certainly gone, besides whatever the kill left.
      const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
      fs.writeFileSync(path.join(exports, `.TL-450311100-000098-20260105T080000.tlbundle.${deadPid}.tmp`), 'TLPARTIA');
      if (process.env.TL_FAULT_VERBOSE) console.log(`export kill ${i}: ${names(exports).join(' ')}`);
      (await openApp(file)).close();
      const left = names(exports).filter((f) => f.endsWith('.tmp'));
      expect(left, `left after the next start: ${left.join(' ')} (dead ${deadPid}, kill ${JSON.stringify(run)})`).toEqual([path.basename(running)]);
      expectWholeChanges(file);
    }
  }, 300_000);
});
