import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import { neutralize, sheet, workbookBuffer } from '../../electron/xlsx/write';
import { freshCore } from '../helpers/core';
import { readWorkbook, sheetRows } from '../helpers/xlsx';

describe('Excel export kit', () => {
  it('writes a title, Chinese headers, text cells for codes and neutralizes formula-like text', async () => {
    const buf = await workbookBuffer([
      sheet({
        name: '测试',
        title: '标题',
        columns: [
          { header: '姓名', value: (r: { n: string; id: string }) => r.n },
          { header: '身份证号', width: 22, value: (r) => r.id },
        ],
        rows: [
          { n: '=1+1', id: '450302199001011234' },
          { n: '@SUM(A1)', id: '-3' },
          { n: '李四', id: '+86' },
        ],
        footer: ['填表人：'],
      }),
    ]);
    const ws = (await readWorkbook(buf)).getWorksheet('测试')!;
    const rows = sheetRows(ws);
    expect(rows[0]![0]).toBe('标题');
    expect(rows[1]).toEqual(['姓名', '身份证号']);
    expect(rows[2]).toEqual(["'=1+1", '450302199001011234']);
    expect(rows[3]).toEqual(["'@SUM(A1)", "'-3"]);
    expect(rows[4]).toEqual(['李四', "'+86"]);
    expect(ws.getCell('B3').type).toBe(3); // ValueType.String: never a number in scientific notation
    expect(ws.getCell('A3').formula).toBeUndefined();
    expect(ws.getColumn(2).width).toBe(22);
    expect(rows.at(-1)![0]).toBe('填表人：');
    expect(neutralize('普通文字')).toBe('普通文字');
  });

  it('exports the villages register with the filters of the list', async () => {
    const core = await freshCore();
    await dispatch(core, 'villages.create', { name: '东立村', kind: '行政村', code: '450311100200', secretary: '李四', secretaryPhone: '13812345678', keyVillage: true });
    await dispatch(core, 'villages.create', { name: '城东社区', kind: '社区', note: '=HYPERLINK("http://x")' });
    const r = await dispatch(core, 'villages.exportXlsx', {});
    if (!r.ok) throw new Error(r.error.message);
    const file = r.value as { fileName: string; base64: string; mime: string };
    expect(file.fileName).toBe('雁山镇村（社区）名册.xlsx');
    const rows = sheetRows((await readWorkbook(file.base64)).worksheets[0]!);
    expect(rows[0]![0]).toBe('雁山镇村（社区）名册');
    expect(rows[1]!.slice(0, 4)).toEqual(['序号', '村（社区）名称', '区划代码', '类型']);
    expect(rows[2]!.slice(0, 9)).toEqual([1, '东立村', '450311100200', '行政村', undefined, undefined, '李四', '13812345678', '是']);
    expect(rows[3]![1]).toBe('城东社区');
    expect(rows[3]![10]).toBe('\'=HYPERLINK("http://x")');
    const onlyVillages = await dispatch(core, 'villages.exportXlsx', { kind: '行政村' });
    const rows2 = sheetRows((await readWorkbook((onlyVillages as { value: { base64: string } }).value.base64)).worksheets[0]!);
    expect(rows2.filter((x) => x[1] === '城东社区')).toHaveLength(0);
  });
});
