import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

/**
 * The 驻村版 hop through the real CLI, with its exit codes (0 done, 3 refused, 2 usage, 1 other):
 * package → init → seed → export → township import with receipts → receipt-import, and back.
 */

const FP = /乡镇密钥指纹：(([0-9A-F]{4} ){7}[0-9A-F]{4})/;
const ok = (r: { code: number; stderr: string }) => expect(r.code, r.stderr).toBe(0);
const count = (file: string, sql: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('village sync CLI', () => {
  it('seed, export, import with --receipts and receipt-import, each with its exit code', () => {
    const dir = tempDir();
    const town = path.join(dir, 'town.db');
    ok(cli('init', '--db', town, '--role', 'township', '--code', '450311100', '--name', '雁山镇'));
    ok(cli('seed', '--db', town, '--villages', '2'));
    const made = cli('village-package', '--db', town, '--all', '--out', path.join(dir, 'pkg'));
    ok(made);
    const pkg = made.stdout.trim().split('\n')[0]!;
    // The demo township logged its cadres' days up to yesterday; from now on the team logs them on
    // its laptop (a day logged in both places is refused as a conflict at import).
    const db = new Database(town);
    db.prepare("DELETE FROM work_logs WHERE log_date >= date('now', '-31 days')").run();
    db.close();
    const lap = path.join(dir, 'lap.db');
    ok(cli('init', '--db', lap, '--role', 'village', '--package', pkg, '--fingerprint', FP.exec(made.stderr)![1]!, '--operator', '李明'));

    const seeded = cli('seed', '--db', lap);
    ok(seeded);
    const logs = Number(/驻村日志 (\d+) 条/.exec(seeded.stdout)![1]);
    expect(logs).toBeGreaterThanOrEqual(30);
    expect(cli('export', '--db', lap, '--out', path.join(dir, 'out'), '--full').code).toBe(2);
    const exported = cli('export', '--db', lap, '--out', path.join(dir, 'out'));
    ok(exported);
    const bundle = exported.stdout.trim();
    expect(path.basename(bundle)).toMatch(/^TL-V-\d{12}-000001-\d{8}T\d{6}\.tlbundle$/);

    expect(cli('import', '--db', town, '--key', path.join(dir, 'none.key'), bundle).code).toBe(2);
    const receipts = path.join(dir, 'receipts');
    const imported = cli('import', '--db', town, '--receipts', receipts, bundle);
    ok(imported);
    expect(imported.stderr).toMatch(/首次收到.*驻村版电脑的文件，已登记其签名密钥，指纹：([0-9A-F]{4} ){7}[0-9A-F]{4}/);
    const line = JSON.parse(imported.stdout) as { result: string; tables: Record<string, { new: number }>; receipt: string };
    expect(line.result).toBe('applied');
    expect(line.tables.work_logs!.new).toBe(logs);
    expect(count(town, `SELECT count(*) AS n FROM work_logs WHERE origin IN (SELECT installation_id FROM sync_pins)`)).toBe(logs);
    expect(fs.existsSync(line.receipt)).toBe(true);

    const applied = cli('receipt-import', '--db', lap, line.receipt);
    ok(applied);
    expect(applied.stdout).toMatch(/乡镇已确认收到第 1 号同步文件/);
    // Again, both ways: nothing changes.
    const again = cli('import', '--db', town, '--receipts', receipts, bundle);
    ok(again);
    expect(JSON.parse(again.stdout)).toMatchObject({ result: 'duplicate' });
    expect(cli('receipt-import', '--db', lap, line.receipt).stdout).toMatch(/此前已确认/);
    // The next bundle starts after the acknowledged one.
    const next = cli('export', '--db', lap, '--out', path.join(dir, 'out'));
    ok(next);
    const header = (file: string) => JSON.parse(cli('inspect', file, '--json').stdout) as { bundleSeq: number; seqFrom: number; seqTo: number; counts: Record<string, { rows: number }> };
    const h1 = header(bundle);
    const h2 = header(next.stdout.trim());
    expect(h2).toMatchObject({ bundleSeq: 2, seqFrom: h1.seqTo });
    expect(h2.counts.work_logs).toEqual({ rows: 0, deleted: 0 });

    // Refusals exit 3 with the reason: garbage, a bundle for another township, a foreign receipt.
    const junk = path.join(dir, 'junk.tlbundle');
    fs.writeFileSync(junk, 'not a bundle');
    const bad = cli('import', '--db', town, junk);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/不是台账同步文件/);
    const other = path.join(dir, 'other.db');
    ok(cli('init', '--db', other, '--role', 'township', '--code', '450311100', '--name', '雁山镇'));
    const elsewhere = cli('import', '--db', other, bundle);
    expect(elsewhere.code).toBe(3);
    expect(elsewhere.stderr).toMatch(/不是用本乡镇的密钥加密的/);
    const forged = path.join(dir, 'forged.tlreceipt');
    fs.writeFileSync(forged, fs.readFileSync(line.receipt, 'utf8').replace(/"signature": "./, '"signature": "A'));
    const refused = cli('receipt-import', '--db', lap, forged);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/回执签名校验失败/);
  }, 300_000);
});
