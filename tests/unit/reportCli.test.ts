import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshCore } from '../helpers/core';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { readWorkbook, sheetRows } from '../helpers/xlsx';
import { ok } from './floating.helpers';
import { reportSections } from '../../electron/domain/reportColumns';
import type { Report } from '../../electron/api/contract';
import { exportBundle } from '../../electron/sync/export';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { districtKeys, trustDistrict } from '../helpers/sync';
import { buildTownship, FROM, TO } from './reports.helpers';

describe('cli report', () => {
  it('prints the same figures as reports.get, writes the same workbook, and refuses bad dates with exit 2', async () => {
    const core = await freshCore();
    await buildTownship(core, ['450311100201', '450311100202', '450311100203']);
    const expected = await ok(core, 'reports.get', { from: FROM, to: TO });
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    const dir = tempDir();
    const xlsx = path.join(dir, '报表.xlsx');

    const r = cli('report', '--db', core.file, '--from', FROM, '--to', TO, '--json', '--xlsx', xlsx);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expected);
    expect(fs.readdirSync(dir)).toEqual(['报表.xlsx']); // no temporary file left beside it
    const wb = await readWorkbook(fs.readFileSync(xlsx));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['驻村干部', '驻村日志', '流动党员', '一村一项目', '发展党员', '评星定级', '督查不在岗名单', '无项目村名单']);
    expect(sheetRows(wb.getWorksheet('驻村日志')!)[2]).toEqual(['雁山镇', 3, 2, 5, 2, 0, 0]);

    const backwards = cli('report', '--db', core.file, '--from', TO, '--to', FROM, '--json');
    expect(backwards.code).toBe(2);
    expect(backwards.stdout).toBe('');
    expect(backwards.stderr).toContain('--to：开始日期不能晚于结束日期');

    const missing = cli('report', '--db', path.join(dir, 'none.db'), '--from', FROM, '--to', TO);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('数据库文件不存在');
    expect(fs.existsSync(path.join(dir, 'none.db'))).toBe(false);
  });

  it('lists every township of a district with its status and as-of date, totals still the sum of the rows', async () => {
    const town = await freshCore();
    await buildTownship(town, ['450311100201', '450311100202', '450311100203']);
    trustDistrict(town);
    const district = await freshCore({ setup: 'district' });
    const { file } = await exportBundle(town, { dir: tempDir() });
    applyStaged(district, await stageBundle(district, file, districtKeys().keys));
    district.db.pragma('wal_checkpoint(TRUNCATE)');

    const r = cli('report', '--db', district.file, '--from', FROM, '--to', TO, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    const towns = report.scopes.filter((s) => s.code !== null);
    expect(towns.map((s) => [s.name, s.data!.sent])).toEqual([['良丰街道', false], ['雁山镇', true], ['柘木镇', false], ['大埠乡', false], ['草坪回族乡', false]]);
    expect(towns[1]!.data!.asOf).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const total = report.scopes.at(-1)!;
    for (const sec of reportSections(report)) for (const c of sec.columns) expect(c.value(total.figures)).toBe(towns.reduce((a, t) => a + c.value(t.figures), 0));
  });
});
