import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

/** The 驻村版 commands of the real CLI, with their exit codes: 0 done, 3 refused, 2 usage, 1 other. */

const FP = /乡镇密钥指纹：(([0-9A-F]{4} ){7}[0-9A-F]{4})/;

describe('village CLI', () => {
  // Each CLI run starts a TypeScript process (seconds each on a loaded machine).
  it('village-package (--village, --all) and init --role village, with exit codes', () => {
    const dir = tempDir();
    const town = path.join(dir, 'town.db');
    expect(cli('init', '--db', town, '--role', 'township', '--code', '450311100', '--name', '雁山镇').code).toBe(0);
    expect(cli('seed', '--db', town, '--villages', '3').code).toBe(0);
    const db = new Database(town, { readonly: true });
    const posted = db
      .prepare("SELECT DISTINCT v.code FROM villages v JOIN cadre_postings p ON p.village_id = v.id AND p.status = '在岗' AND p.actual_end IS NULL AND p.deleted_at IS NULL WHERE v.deleted_at IS NULL ORDER BY v.code")
      .all() as { code: string }[];
    db.close();
    expect(posted.length).toBeGreaterThan(0);

    expect(cli('village-package', '--db', town, '--out', dir).code).toBe(2); // neither --village nor --all
    expect(cli('village-package', '--db', town, '--all', '--village', posted[0]!.code, '--out', dir).code).toBe(2);
    const unknown = cli('village-package', '--db', town, '--village', '450311100999', '--out', dir);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/没有区划代码为 450311100999 的村（社区）/);

    const all = cli('village-package', '--db', town, '--all', '--out', path.join(dir, 'all'));
    expect(all.code).toBe(0);
    const files = all.stdout.trim().split('\n');
    expect(files.length).toBe(posted.length);
    for (const f of files) expect(fs.existsSync(f)).toBe(true);
    const one = cli('village-package', '--db', town, '--village', posted[0]!.code, '--out', path.join(dir, 'one'));
    expect(one.code).toBe(0);
    const pkg = one.stdout.trim();
    expect(pkg).toMatch(new RegExp(`TL-VILLAGE-${posted[0]!.code}-\\d{8}T\\d{6}\\.tlvillage$`));
    const fp = FP.exec(one.stderr)![1]!;

    const lap = path.join(dir, 'lap.db');
    const wrong = cli('init', '--db', lap, '--role', 'village', '--package', pkg, '--fingerprint', '0000 0000 0000 0000 0000 0000 0000 0000');
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/指纹.*不一致/);
    const tampered = path.join(dir, 'bad.tlvillage');
    const bytes = fs.readFileSync(pkg);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 1;
    fs.writeFileSync(tampered, bytes);
    const bad = cli('init', '--db', path.join(dir, 'lap2.db'), '--role', 'village', '--package', tampered);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/签名校验失败/);

    const ok = cli('init', '--db', lap, '--role', 'village', '--package', pkg, '--fingerprint', fp, '--operator', '李明');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/已设置为驻村版/);
    const stats = JSON.parse(cli('stats', '--db', lap, '--json').stdout) as Record<string, number>;
    expect(stats.villages).toBe(1);
    expect(stats.cadres).toBeGreaterThan(0);
    expect(stats.work_logs).toBe(0);
    expect(cli('init', '--db', lap, '--role', 'village', '--package', pkg).code).toBe(3); // already set up
    expect(cli('village-package', '--db', lap, '--all', '--out', dir).code).toBe(3); // not a township
  }, 180_000);
});
