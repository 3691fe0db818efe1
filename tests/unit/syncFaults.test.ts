import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliArgv } from '../helpers/cli';
import { Rng } from '../../electron/seed/random';
import { MAGIC } from '../../electron/sync/format';
import { districtFingerprint, readDistrictPublic } from '../../electron/sync/keys';

/**
 * Pulling the plug: the real CLI in a child process, killed with SIGKILL at random moments while
 * it imports or exports. TL_FAULT_TRIALS sets the number of trials (default 6 in npm test; npm run test:faults runs 100).
 */

const root = path.resolve(import.meta.dirname, '../..');
// The quick form in npm test; npm run test:faults runs 100.
const TRIALS = Number(process.env.TL_FAULT_TRIALS ?? 6);
const env = { ...process.env, TL_PASSPHRASE: 'fault-test-passphrase' };

function run(args: string[], killAfterMs?: number): Promise<{ code: number | null; signal: string | null; ms: number }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, cliArgv(...args), { cwd: root, env, stdio: 'ignore' });
    const timer = killAfterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, ms: Date.now() - t0 });
    });
  });
}

const ok = (r: { code: number; stderr: string }) => expect(r.code, r.stderr).toBe(0);

function state(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      imports: (db.prepare('SELECT count(*) AS n FROM sync_in').get() as { n: number }).n,
      villages: (db.prepare('SELECT count(*) AS n FROM villages').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

describe('sync under SIGKILL', () => {
  let dir: string;
  let bundle: string;
  let districtTemplate: string;
  let keyFile: string;
  let villages: number;
  let importMs: number;
  let startMs: number;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-faults-'));
    const town = path.join(dir, 'town.db');
    ok(cli('init', '--db', town, '--role', 'township', '--code', '450311101', '--name', '柘木镇'));
    const keys = spawn(process.execPath, cliArgv('keys', '--out', dir, '--code', '450311', '--name', '雁山区'), { cwd: root, env });
    await new Promise((r) => keys.on('exit', r));
    keyFile = path.join(dir, 'district.key');
    const fp = districtFingerprint(readDistrictPublic(fs.readFileSync(path.join(dir, 'district.pub'), 'utf8')));
    ok(cli('set-district-key', '--db', town, '--key', path.join(dir, 'district.pub'), '--fingerprint', fp));
    ok(cli('seed', '--db', town, '--villages', '12', '--seed', 'faults'));
    const exp = cli('export', '--db', town, '--out', path.join(dir, 'out'));
    ok(exp);
    bundle = exp.stdout.trim();
    villages = (JSON.parse(cli('stats', '--db', town, '--json').stdout) as { villages: number }).villages;
    districtTemplate = path.join(dir, 'district-template.db');
    ok(cli('init', '--db', districtTemplate, '--role', 'district', '--code', '450311', '--name', '雁山区委组织部'));
    const probe = path.join(dir, 'probe.db');
    fs.copyFileSync(districtTemplate, probe);
    const full = await run(['import', '--db', probe, '--key', keyFile, bundle]);
    expect(full.code).toBe(0);
    importMs = full.ms;
    expect(state(probe)).toEqual({ integrity: 'ok', imports: 1, villages });
    // How long the child takes before it touches the database: kills are spread after that.
    startMs = (await run(['inspect', bundle, '--json'])).ms;
  }, 300_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const killAt = (rng: Rng, totalMs: number) => Math.floor(startMs * 0.8 + (totalMs - startMs * 0.8) * 1.1 * rng.next());

  it(`an import killed at ${TRIALS} random moments leaves the district whole, all or nothing, and can be redone`, async () => {
    const rng = new Rng('kill-import');
    const outcomes = { applied: 0, nothing: 0 };
    for (let i = 0; i < TRIALS; i++) {
      const db = path.join(dir, `d${i}.db`);
      fs.copyFileSync(districtTemplate, db);
      await run(['import', '--db', db, '--key', keyFile, bundle], killAt(rng, importMs));
      const s = state(db);
      expect(s.integrity).toBe('ok');
      expect([JSON.stringify({ imports: 0, villages: 0 }), JSON.stringify({ imports: 1, villages })]).toContain(JSON.stringify({ imports: s.imports, villages: s.villages }));
      outcomes[s.imports ? 'applied' : 'nothing']++;
      const redo = await run(['import', '--db', db, '--key', keyFile, bundle]);
      expect(redo.code).toBe(0);
      expect(state(db)).toEqual({ integrity: 'ok', imports: 1, villages });
      fs.rmSync(db, { force: true });
      fs.rmSync(`${db}-wal`, { force: true });
      fs.rmSync(`${db}-shm`, { force: true });
    }
    expect(outcomes.applied + outcomes.nothing).toBe(TRIALS);
  }, 600_000);

  it('an export killed at random moments never leaves a final-named file that does not import', async () => {
    const rng = new Rng('kill-export');
    const town = path.join(dir, 'town.db');
    const exportMs = (await run(['export', '--db', town, '--out', path.join(dir, 'probe-out'), '--full'])).ms;
    for (let i = 0; i < Math.max(3, Math.ceil(TRIALS / 2)); i++) {
      const out = path.join(dir, `out-${i}`);
      await run(['export', '--db', town, '--out', out, '--full'], killAt(rng, exportMs));
      const files = fs.existsSync(out) ? fs.readdirSync(out) : [];
      for (const f of files) {
        const db = path.join(dir, `e${i}.db`);
        fs.copyFileSync(districtTemplate, db);
        const r = await run(['import', '--db', db, '--key', keyFile, path.join(out, f)]);
        // A temporary file is refused while it is being written (its magic says pending). Killed
        // in the last moments (the bundle recorded and its magic written, before or just after
        // its final name was linked) it is the finished bundle under its temporary name: it
        // imports as that bundle (and the next start removes it).
        const finished = fs.readFileSync(path.join(out, f)).subarray(0, MAGIC.length).equals(MAGIC);
        if (f.endsWith('.tlbundle') || finished) expect(r.code, `${f} should import`).toBe(0);
        else expect(r.code, `${f} is a leftover temporary file and must be refused`).toBe(3);
        fs.rmSync(db, { force: true });
      }
    }
  }, 600_000);
});
