import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const root = path.resolve(import.meta.dirname, '../..');
const withPass = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'electron/cli.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TL_PASSPHRASE: 'cli-test-passphrase' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};

describe('sync CLI', () => {
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
    expect(set.stdout).toMatch(/指纹/);
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
    const wrongPass = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'electron/cli.ts'), 'import', '--db', district, '--key', path.join(dir, 'district.key'), bundle], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, TL_PASSPHRASE: 'wrong' },
    });
    expect(wrongPass.status).toBe(1);
    expect(wrongPass.stderr.trim()).toBe('口令不正确，无法打开区县私钥文件');

    const receipt = lines[0].receipt as string;
    expect(cli('receipt-import', '--db', town, receipt)).toMatchObject({ code: 0, stdout: expect.stringMatching(/区县已确认收到第 1 号/) });
    expect(JSON.parse(cli('stats', '--db', district, '--json').stdout)).toMatchObject({ villages: 18 });
  });
});
