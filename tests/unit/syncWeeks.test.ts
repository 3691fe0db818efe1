import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { setSetting } from '../../db/settings';
import { exportBundle } from '../../electron/sync/export';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { tempDir } from '../helpers/tmp';
import { districtKeys, PASSPHRASE, trustDistrict } from '../helpers/sync';
import { ok } from './floating.helpers';
import { coreOn, DISTRICT, village, YANSHAN, ZHEMU } from './dashboard.helpers';

describe('the district’s 报送情况 grid and import history', () => {
  it('marks no week before a township’s first export as 未报; a township that never sent misses every week', async () => {
    const { core: district } = await coreOn('2026-01-05', DISTRICT);
    const yanshan = await coreOn('2025-12-17', YANSHAN);
    await village(yanshan.core, '东立村');
    trustDistrict(yanshan.core);
    const { file } = await exportBundle(yanshan.core, { dir: tempDir() });
    applyStaged(district, await stageBundle(district, file, districtKeys().keys));

    const grid = await ok(district, 'sync.completeness', { weeks: 6 });
    const row = (code: string) => new Map(grid.weeks.map((w, i) => [w.start, grid.townships.find((t) => t.code === code)!.counts[i]]));
    const yan = row(YANSHAN.code);
    // Weeks start on Monday (2026-01-05 is one): 2025-12-17 falls in the week of 12-15.
    expect([...yan.entries()]).toEqual([
      ['2025-12-01', null],
      ['2025-12-08', null],
      ['2025-12-15', 1],
      ['2025-12-22', 0],
      ['2025-12-29', 0],
      ['2026-01-05', 0],
    ]);
    expect([...row(ZHEMU.code).values()]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('records the bundle under the name the clerk picked, not the name of the kept copy', async () => {
    const { core: district } = await coreOn('2026-01-05', DISTRICT);
    setSetting(district.db, 'sync.districtSecret', districtKeys().secretFile);
    const yanshan = await coreOn('2026-01-05', YANSHAN);
    await village(yanshan.core, '东立村');
    trustDistrict(yanshan.core);
    const { file } = await exportBundle(yanshan.core, { dir: tempDir() });
    const fileName = '雁山镇 第1号 (U盘).tlbundle';
    const preview = await ok(district, 'sync.preview', { file: { fileName, base64: fs.readFileSync(file).toString('base64') }, passphrase: PASSPHRASE });
    expect(preview.fileName).toBe(fileName);
    await ok(district, 'sync.apply', { stageId: preview.stageId, confirmKey: true, confirmNewInstallation: false });
    const history = await ok(district, 'sync.history', {});
    expect(history.rows.map((r) => [r.result, r.fileName])).toEqual([['applied', fileName]]);
  });
});
