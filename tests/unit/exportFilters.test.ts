import { describe, expect, it } from 'vitest';
import type { Input } from '../../electron/api/contract';
import type { ChannelName } from '../../electron/api/channels';
import type { Core } from '../../electron/core';
import { freshCore } from '../helpers/core';
import { readWorkbook, sheetRows } from '../helpers/xlsx';
import { pinTownship, villages } from './excel.helpers';
import { memberInput, ok, validId } from './floating.helpers';

/** Every register's Excel export writes what its list shows: the same filters, the same township. */

type ExportChannel = 'villages.exportXlsx' | 'floating.exportXlsx' | 'projects.exportXlsx';

/** The exported data rows' second column (the name), over all sheets. */
async function exported<K extends ExportChannel & ChannelName>(core: Core, channel: K, q: Input<K>, col = 1): Promise<unknown[]> {
  const wb = await readWorkbook((await ok(core, channel, q)).base64);
  return wb.worksheets.flatMap((ws) => sheetRows(ws).filter((r) => typeof r[0] === 'number').map((r) => r[col]));
}

describe('register exports honour the list filters and the district township filter', () => {
  it('villages: search, kind, flag, township', async () => {
    const core = await freshCore();
    await villages(core, [['东立村', '450311100201'], ['西村', '450311100202']]);
    await ok(core, 'villages.create', { name: '南岸社区', kind: '社区', keyVillage: true });
    expect(await exported(core, 'villages.exportXlsx', {})).toEqual(['东立村', '西村', '南岸社区']);
    expect(await exported(core, 'villages.exportXlsx', { flag: 'key_village' })).toEqual(['南岸社区']);
    expect(await exported(core, 'villages.exportXlsx', { kind: '行政村', search: '西' })).toEqual(['西村']);
    pinTownship(core, '450311100');
    expect(await exported(core, 'villages.exportXlsx', { township: '450311101' })).toEqual([]);
    expect(await exported(core, 'villages.exportXlsx', { township: '450311100' })).toHaveLength(3);
  });

  it('floating: search, status, reminder flag, township', async () => {
    const core = await freshCore();
    const v = await villages(core, [['东立村', '450311100201']]);
    await ok(core, 'floating.create', memberInput(v['东立村']!));
    const m = await ok(core, 'floating.create', memberInput(v['东立村']!, { name: '刘芳', idNumber: validId('45031119850315002') }));
    await ok(core, 'floating.assignContact', { memberId: m.id, cadreName: '李书记', cadrePhone: '13900000001', startDate: '2025-04-01' });
    expect(await exported(core, 'floating.exportXlsx', {})).toEqual(['刘芳', '王小明']);
    expect(await exported(core, 'floating.exportXlsx', { flag: 'noContact' })).toEqual(['王小明']);
    expect(await exported(core, 'floating.exportXlsx', { search: '刘' })).toEqual(['刘芳']);
    expect(await exported(core, 'floating.exportXlsx', { status: '已返回' })).toEqual([]);
    pinTownship(core, '450311100');
    expect(await exported(core, 'floating.exportXlsx', { township: '450311101' })).toEqual([]);
    expect(await exported(core, 'floating.exportXlsx', { township: '450311100' })).toEqual(['刘芳', '王小明']);
  });

  it('projects: search, year, status, category, village, township', async () => {
    const core = await freshCore();
    const v = await villages(core, [['东立村', '450311100201'], ['西村', '450311100202']]);
    const base = { category: '光伏', model: '入股分红', status: '运营', total: '1', fiscal: '1' } as const;
    await ok(core, 'projects.create', { ...base, villageId: v['东立村']!, year: 2025, name: '光伏电站' });
    await ok(core, 'projects.create', { ...base, villageId: v['西村']!, year: 2025, name: '茶园', category: '种植', status: '在建' });
    await ok(core, 'projects.create', { ...base, villageId: v['西村']!, year: 2024, name: '旧光伏' });
    const names = (q: Input<'projects.exportXlsx'>) => exported(core, 'projects.exportXlsx', q, 3);
    expect(await names({})).toEqual(['光伏电站', '茶园', '旧光伏']);
    expect(await names({ year: 2025, category: '光伏' })).toEqual(['光伏电站']);
    expect(await names({ status: '在建' })).toEqual(['茶园']);
    expect(await names({ villageId: v['西村']!, search: '光伏' })).toEqual(['旧光伏']);
    pinTownship(core, '450311100');
    expect(await names({ township: '450311101' })).toEqual([]);
    expect(await names({ township: '450311100' })).toHaveLength(3);
  });
});
