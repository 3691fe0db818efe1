import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { townshipsOf, villagesOf } from '../../db/divisions';
import type { Core } from '../../electron/core';
import { villageFromOfficial } from '../../electron/domain/divisionCodes';
import { freshCore } from '../helpers/core';
import { importCadres, workbook } from './excel.helpers';
import { ok, validId, villageId } from './floating.helpers';

// A roster titled for another unit than the one it is imported into is named in the check result.

/** Another township of 雁山区 and one of its official villages, from the bundled division list. */
const other = () => {
  const t = townshipsOf('450311').find((d) => d.code !== '450311100')!;
  return { township: t.name, village: villageFromOfficial(villagesOf(t.code)[0]!.name).name };
};

async function floatingRoster(title: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.mergeCells(1, 1, 1, 5);
  ws.getCell(1, 1).value = title;
  ws.addRow(['姓名', '身份证号', '流出时间', '流入地', '外出原因']);
  ws.addRow(['王芳', validId('45031119900101123'), '2025-03-01', '广东省深圳市宝安区', '务工']);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const target = new WeakMap<Core, string>();
const checkFloating = async (core: Core, title: string) => {
  if (!target.has(core)) target.set(core, await villageId(core, '东立村'));
  return ok(core, 'floating.importXlsx', { file: { fileName: '名册.xlsx', base64: await floatingRoster(title) }, villageId: target.get(core)!, mode: 'all-or-nothing', dryRun: true });
};

describe('the import check warns about a roster titled for another unit', () => {
  it('floating roster into 东立村: another township’s village, or another village of ours, is named; 东立村 itself is not', async () => {
    const core = await freshCore();
    await villageId(core, '良丰村');
    const o = other();
    const foreign = await checkFloating(core, `${o.township}${o.village}流动党员名册`);
    expect(foreign.notes).toEqual([expect.stringMatching(new RegExp(`写的是${o.township}${o.village}|写的是${o.village}|写的是${o.township}`))]);
    expect(foreign.notes![0]).toContain('不是本次导入的东立村');
    // The check still reads the rows: the warning is advice, the clerk decides.
    expect(foreign).toMatchObject({ valid: 1, problems: [] });
    expect((await checkFloating(core, '良丰村流动党员名册')).notes).toEqual([expect.stringContaining('写的是良丰村')]);
    expect((await checkFloating(core, '雁山镇东立村流动党员名册')).notes).toEqual([]);
    expect((await checkFloating(core, '流动党员名册（2025年）')).notes).toEqual([]);
  });

  it('cadre roster (the township’s file): another township is named, this one is not', async () => {
    const core = await freshCore();
    const header = ['姓名', '身份证号', '派出单位', '派出单位层级'];
    const row = [['李明', validId('45030219850301123'), '某局', '市直']];
    const o = other();
    const foreign = await importCadres(core, await workbook(header, row, `${o.township}驻村干部名册`), 'all-or-nothing', true);
    expect(foreign.notes).toEqual([`注意：表格标题“${o.township}驻村干部名册”写的是${o.township}，不是本次导入的雁山镇，请确认选对了文件`]);
    const own = await importCadres(core, await workbook(header, row, '雁山镇驻村干部名册'), 'all-or-nothing', true);
    expect(own.notes).toBeUndefined();
    expect(own.valid).toBe(1);
  });
});
