import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import type { Input } from '../../electron/api/contract';
import type { ChannelName } from '../../electron/api/channels';
import type { Core } from '../../electron/core';
import { checkChar } from '../../electron/domain/idNumber';
import { appSession, browserAvailable } from '../helpers/browser';
import { gone, shown } from '../helpers/ui';
import { readWorkbook, sheetRows } from '../helpers/xlsx';
import { ReportPage } from './pages/ReportPage';

// The last complete half-year, so every seeded date is already in the past whenever this runs.
const today = dayjs();
const half =
  today.month() >= 6
    ? { label: `${today.year()}年上半年`, from: `${today.year()}-01-01`, to: `${today.year()}-06-30` }
    : { label: `${today.year() - 1}年下半年`, from: `${today.year() - 1}-07-01`, to: `${today.year() - 1}-12-31` };
const year = Number(half.from.slice(0, 4));

async function ok<K extends ChannelName>(core: Core, name: K, input: Input<K>): Promise<{ id: string }> {
  const r = await dispatch(core, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as { id: string };
}

const id = (first17: string) => first17 + checkChar(first17);

/** Two first secretaries sent on the period's first and last day, one member away, one project. */
async function seed(core: Core): Promise<void> {
  const village = (name: string) => (core.db.prepare('SELECT id FROM villages WHERE name = ?').get(name) as { id: string }).id;
  const [east, other] = [village('东立村'), (core.db.prepare("SELECT id FROM villages WHERE name <> '东立村' ORDER BY code LIMIT 1").get() as { id: string }).id];
  const li = await ok(core, 'cadres.create', { name: '李明', idNumber: id('45030219950314123'), unit: '雁山区农业农村局', unitLevel: '县区直' });
  const wang = await ok(core, 'cadres.create', { name: '王芳', idNumber: id('45030219800101124'), unit: '桂林市民政局', unitLevel: '市直' });
  await ok(core, 'cadres.post', { cadreId: li.id, villageId: east, role: '第一书记', startDate: half.from });
  await ok(core, 'cadres.post', { cadreId: wang.id, villageId: other, role: '第一书记', startDate: half.to });
  await ok(core, 'floating.create', {
    villageId: east, name: '王小明', idNumber: id('45031119900101123'), memberType: '正式党员', leftDate: half.from,
    destProvince: '44', destCity: '4403', destCounty: '440306', reason: '务工', mobile: '13812345678',
  });
  await ok(core, 'projects.create', { villageId: east, year, name: '东立村光伏电站', category: '光伏', model: '村集体自营', status: '运营', total: '100', fiscal: '100' });
}

describe.runIf(browserAvailable())('统计报表 in Chromium', () => {

  const s = appSession({ setup: true, seed: (app) => seed(app.core) });

  it(`shows the ${half.label} figures, exports them as a workbook and prints without the navigation`, async () => {
    const r = new ReportPage(s.page);
    await r.open('雁山镇');
    await r.choosePreset(half.label, half.from, half.to);
    await shown(r.figure('驻村干部', '选派：第一书记').getByText('2', { exact: true }));
    await shown(r.figure('流动党员', '期末在册').getByText('1', { exact: true }));
    await shown(r.figure('一村一项目', '覆盖：无项目').getByText('17', { exact: true }));

    const file = await r.exportXlsx();
    expect(file.fileName).toBe(`雁山镇统计报表_${half.from}_${half.to}.xlsx`);
    const wb = await readWorkbook(file.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['驻村干部', '驻村日志', '流动党员', '一村一项目', '发展党员', '评星定级', '督查不在岗名单', '无项目村名单']);
    const cadres = sheetRows(wb.getWorksheet('驻村干部')!);
    expect(cadres[0]![0]).toBe(`雁山镇驻村干部统计（${half.from} 至 ${half.to}）`);
    expect(cadres[1]!.slice(0, 3)).toEqual(['单位', '选派', '选派']);
    expect(cadres[2]!.slice(0, 3)).toEqual(['单位', '合计', '第一书记']);
    expect(cadres[3]!.slice(0, 3)).toEqual(['雁山镇', 2, 2]);
    const projects = sheetRows(wb.getWorksheet('一村一项目')!);
    expect(projects[3]![projects[2]!.indexOf('总投资（万元）')]).toBe(100);
    expect(sheetRows(wb.getWorksheet('无项目村名单')!).length).toBe(2 + 17);

    await s.page.emulateMedia({ media: 'print' });
    await gone(s.page.getByRole('button', { name: /导出Excel$/ }));
    await gone(s.page.getByRole('menuitem', { name: '统计报表' }));
    await shown(r.section('驻村干部'));
    await s.page.emulateMedia({ media: 'screen' });
  });

  it('logged no page errors', () => {
    expect(s.errors).toEqual([]);
  });
});
