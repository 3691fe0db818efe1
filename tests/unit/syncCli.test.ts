import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openCore } from '../../electron/core';
import { exportBundle } from '../../electron/sync/export';
import { cli, cliArgv, cliWithEnv } from '../helpers/cli';
import { craftBundle, townshipLines } from '../helpers/faultBundle';
import { ok } from './floating.helpers';
import { tempDir } from '../helpers/tmp';

const root = path.resolve(import.meta.dirname, '../..');
const withPass = (...args: string[]) => cliWithEnv({ TL_PASSPHRASE: 'cli-test-passphrase' }, ...args);

describe('sync CLI', () => {
  // Each CLI run starts a TypeScript process (seconds each on a loaded machine).
  it('keys, set-district-key, export, inspect, import (with receipts), receipt-import, with exit codes', () => {
    const dir = tempDir();
    const town = path.join(dir, 'town.db');
    const district = path.join(dir, 'district.db');
    expect(cli('keys', '--out', dir, '--code', '450311').code).toBe(2); // no passphrase in the environment
    const keys = withPass('keys', '--out', dir, '--code', '450311', '--name', '雁山区');
    expect(keys.code).toBe(0);
    expect(keys.stderr).toMatch(/公钥指纹：([0-9A-F]{4} ){7}[0-9A-F]{4}/);
    expect(withPass('keys', '--out', dir, '--code', '450311').code).toBe(1); // never overwrites a private key

    expect(cli('init', '--db', town, '--role', 'township', '--code', '450311100', '--name', '雁山镇', '--villages', 'official').code).toBe(0);
    expect(cli('export', '--db', town, '--out', dir).code).toBe(1); // no district key yet
    const set = cli('set-district-key', '--db', town, '--key', path.join(dir, 'district.pub'));
    const fp = /指纹：(([0-9A-F]{4} ?){8})/.exec(set.stdout)![1]!.trim();
    expect(cli('export', '--db', town, '--out', path.join(dir, 'out')).stderr).toMatch(/请先与区县组织部电话核对区县公钥指纹/);
    expect(cli('set-district-key', '--db', town, '--key', path.join(dir, 'district.pub'), '--fingerprint', fp).stdout).toMatch(/指纹已核对确认/);
    const exp = cli('export', '--db', town, '--out', path.join(dir, 'out'));
    expect(exp.code).toBe(0);
    const bundle = exp.stdout.trim();
    expect(fs.existsSync(bundle)).toBe(true);

    const header = JSON.parse(cli('inspect', bundle, '--json').stdout);
    expect(header).toMatchObject({ format: 'township-ledger-bundle', bundleSeq: 1, township: { code: '450311100' }, counts: { villages: { rows: 18, deleted: 0 } } });

    expect(cli('init', '--db', district, '--role', 'district', '--code', '450311', '--name', '雁山区委组织部').code).toBe(0);
    const junk = path.join(dir, 'junk.tlbundle');
    fs.writeFileSync(junk, 'not a bundle');
    const imp = withPass('import', '--db', district, '--key', path.join(dir, 'district.key'), '--receipts', path.join(dir, 'receipts'), bundle, junk);
    expect(imp.code).toBe(3);
    const lines = imp.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ result: 'applied', bundleSeq: 1, tables: { villages: { new: 18 } } });
    expect(lines[1]).toMatchObject({ result: 'refused', code: 'bad_magic' });
    expect(imp.stderr).toMatch(/首次收到 雁山镇（450311100）的文件，已登记其签名密钥，指纹/);
    const again = withPass('import', '--db', district, '--key', path.join(dir, 'district.key'), bundle);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ result: 'duplicate' });
    const wrongPass = spawnSync(process.execPath, cliArgv('import', '--db', district, '--key', path.join(dir, 'district.key'), bundle), {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, TL_PASSPHRASE: 'wrong' },
    });
    expect(wrongPass.status).toBe(1);
    expect(wrongPass.stderr.trim()).toBe('口令不正确，无法打开区县私钥文件');

    const receipt = lines[0].receipt as string;
    expect(cli('receipt-import', '--db', town, receipt)).toMatchObject({ code: 0, stdout: expect.stringMatching(/区县已确认收到第 1 号/) });
    expect(JSON.parse(cli('stats', '--db', district, '--json').stdout)).toMatchObject({ villages: 18 });
  }, 120_000);

  it('imports several bundles, one bad: every result is printed and recorded, the rest applied, exit 3; a new PC of a known township needs --accept-new-installation', async () => {
    const dir = tempDir();
    const keys = withPass('keys', '--out', dir, '--code', '450311', '--name', '雁山区');
    const districtFp = /公钥指纹：(\S+(?: \S+){7})/.exec(keys.stderr)![1]!;
    const townshipDb = async (name: string, village: string, code: string) => {
      const file = path.join(dir, `${name}.db`);
      expect(cli('init', '--db', file, '--role', 'township', '--code', '450311100', '--name', '雁山镇').code).toBe(0);
      expect(cli('set-district-key', '--db', file, '--key', path.join(dir, 'district.pub'), '--fingerprint', districtFp).code).toBe(0);
      const core = await openCore(file);
      await ok(core, 'villages.create', { name: village, code, kind: '行政村' });
      return core;
    };
    const a = await townshipDb('a', '东立村', '450311100200');
    const good = (await exportBundle(a, { dir: path.join(dir, 'out') })).file;
    // Signed by A's real key, but with a village under another township's code.
    const lines = townshipLines(a).map((l) => JSON.parse(l) as { table: string; row: Record<string, unknown> });
    const v = lines.find((l) => l.table === 'villages')!.row;
    lines.push({ table: 'villages', row: { ...v, id: '11111111-0000-4000-8000-000000000001', name: '伪村', code: '450311101299' } });
    const bad = path.join(dir, 'bad.tlbundle');
    fs.writeFileSync(bad, craftBundle(a, { payload: lines.map((l) => JSON.stringify(l)).join('\n') + '\n' }));
    a.close();
    const c = await townshipDb('c', '新村', '450311100201');
    // Its own folder: both PCs' first bundles are named TL-450311100-000001-<second>, and one
    // exported within the same second would replace the other.
    const newPc = (await exportBundle(c, { dir: path.join(dir, 'out-c') })).file;
    c.close();

    const district = path.join(dir, 'district.db');
    expect(cli('init', '--db', district, '--role', 'district', '--code', '450311', '--name', '雁山区委组织部').code).toBe(0);
    const run = withPass('import', '--db', district, '--key', path.join(dir, 'district.key'), good, bad, newPc);
    expect(run.code).toBe(3);
    const results = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(results).toMatchObject([
      { result: 'applied', bundleSeq: 1 },
      { result: 'refused', code: 'out_of_scope', message: expect.stringMatching(/伪村（编码 450311101299）的编码不属于 雁山镇/) },
      { result: 'refused', code: 'new_installation' },
    ]);
    const db = new Database(district, { readonly: true });
    expect(db.prepare('SELECT code FROM sync_refused ORDER BY id').all()).toEqual([{ code: 'out_of_scope' }, { code: 'new_installation' }]);
    expect(db.prepare('SELECT name FROM villages').all()).toEqual([{ name: '东立村' }]);
    db.close();

    const newFp = /新电脑（指纹 ([^）]+)）/.exec(results[2].message)![1]!;
    const accepted = withPass('import', '--db', district, '--key', path.join(dir, 'district.key'), '--accept-new-installation', newFp, newPc);
    expect(accepted.code).toBe(0);
    expect(JSON.parse(accepted.stdout)).toMatchObject({ result: 'applied' });
  }, 120_000);
});
