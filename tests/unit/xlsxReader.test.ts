import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MAX_ROWS, readGrids, readSheet, type ColumnSpec, type RawCell, type ReadResult } from '../../electron/xlsx/read';
import type { Grid } from '../../electron/xlsx/sheetXml';
import { part, zipParts } from '../helpers/bigXlsx';

/**
 * The import reads sheets straight from their XML (electron/xlsx/sheetXml.ts, issue 16 item 5)
 * where it used to load the workbook with exceljs. Each file here is read both ways, the exceljs
 * way through the same row logic (readGrids over exceljs's worksheets), and every cell must come
 * out the same: text, number, date, problem, row numbers, title, merged ranges. Then the files
 * exceljs could not read, refused alike, and hostile ones exceljs would choke on, refused or read
 * quickly by the new reader without crashing.
 */

const UNREADABLE = '无法读取该文件，请确认是 Excel 2007 及以上版本保存的 .xlsx 文件';
const HEADERS = ['姓名', '甲', '乙', '丙', '丁', '戊', '己', '庚'];
type Key = 'k0' | 'k1' | 'k2' | 'k3' | 'k4' | 'k5' | 'k6' | 'k7';
/** Every column hands back the cell as read, so the comparison sees the raw cells. */
const SPEC: ColumnSpec<Key>[] = HEADERS.map((h, i) => ({ key: `k${i}` as Key, headers: [h], parse: (c: RawCell) => ({ ok: true, value: c }) }));

function gridOf(ws: ExcelJS.Worksheet): Grid {
  const rows: number[] = [];
  ws.eachRow((_r, n) => rows.push(n));
  return {
    name: ws.name,
    rowCount: ws.rowCount,
    columnCount: ws.columnCount,
    rows,
    value: (r, c) => ws.getRow(r).getCell(c).value,
    master(r, c) {
      const cell = ws.getRow(r).getCell(c);
      if (!cell.isMerged || cell.master.address === cell.address) return null;
      return { row: Number(cell.master.row), col: Number(cell.master.col) };
    },
  };
}

async function viaExcelJs(buf: Buffer): Promise<ReadResult<Key>> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    return { ok: false, message: UNREADABLE };
  }
  return readGrids(
    wb.worksheets.map((ws) => () => gridOf(ws)),
    SPEC,
    { maxRows: MAX_ROWS },
  );
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface Book {
  sheet: string;
  strings?: string[];
  date1904?: boolean;
  sheetRels?: string;
  extraSheets?: string[];
}

const STYLES = `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${NS}>
<numFmts count="4"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="177" formatCode="[Red]0.00"/><numFmt numFmtId="178" formatCode="0&quot;d&quot;"/><numFmt numFmtId="179" formatCode="[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy"/></numFmts>
<fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="177" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="178" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="179" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>
</styleSheet>`;

function xlsx(b: Book): Buffer {
  const sheets = [b.sheet, ...(b.extraSheets ?? [])];
  const parts = [
    part(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
    ),
    part('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    part(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><workbookPr${b.date1904 ? ' date1904="1"' : ''}/><sheets>${sheets.map((_s, i) => `<sheet name="名册${i + 1}&amp;表" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId90" Type="${REL}/styles" Target="styles.xml"/>${b.strings ? `<Relationship Id="rId91" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
    ),
    part('xl/styles.xml', STYLES),
    ...sheets.map((s, i) => part(`xl/worksheets/sheet${i + 1}.xml`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}>${s}</worksheet>`)),
  ];
  if (b.strings) parts.push(part('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst ${NS} count="${b.strings.length}">${b.strings.join('')}</sst>`));
  if (b.sheetRels) parts.push(part('xl/worksheets/_rels/sheet1.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${b.sheetRels}</Relationships>`));
  return zipParts(parts);
}

const header = (r: number) => `<row r="${r}">${HEADERS.map((h, i) => `<c r="${String.fromCharCode(65 + i)}${r}" t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>`;

const STRINGS = [
  '<si><t>张三</t></si>',
  '<si><r><rPr><b/></rPr><t>李</t></r><r><t xml:space="preserve"> 四 </t></r></si>',
  '<si><t>第一行_x000D_第二行</t><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si>',
  '<si><t>A&amp;B &lt;局&gt;</t></si>',
  '<si/>',
  '<si><t>填表人：王五</t></si>',
  '<si><t>  东立村\u3000 </t></si>',
  "<si><t>'=1+1</t></si>",
];

/** Every kind of cell a hand-made roster holds, and merged ranges in usual and odd places. */
const KITCHEN = `<sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>雁山镇驻村干部名册</t></is></c><c r="B1" s="0"/></row>
${header(2)}
<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="C3" t="s"><v>6</v></c><c r="D3" t="s"><v>2</v></c><c r="E3" t="s"><v>3</v></c><c r="F3" t="s"><v>4</v></c><c r="G3" t="s"><v>7</v></c></row>
<row r="4"><c r="A4" t="inlineStr"><is><t>王</t><t>二</t></is></c><c r="B4" t="inlineStr"><is><r><t>赵</t></r><r><t>六_x0041_</t></r></is></c><c r="D4"><v>13800000001</v></c><c r="E4"><v>3.14</v></c><c r="F4"><v>1E+20</v></c><c r="G4"><v>-0.5</v></c><c r="H4"><v>450311199001011234</v></c></row>
<row r="5"><c r="A5" t="inlineStr"><is><t>钱七</t></is></c><c r="B5" t="b"><v>1</v></c><c r="D5" t="b"><v>0</v></c><c r="E5" t="e"><v>#N/A</v></c><c r="F5" t="str"><v>a&amp;amp;b</v></c><c r="G5" t="d"><v>2025-03-01</v></c></row>
<row r="6"><c r="A6" t="inlineStr"><is><t>孙八</t></is></c><c r="B6"><f>1+1</f><v>2</v></c><c r="D6" t="str"><f>"x"&amp;"y"</f><v>x&amp;amp;y</v></c><c r="E6" t="b"><f>TRUE</f><v>1</v></c><c r="F6" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="G6"><f>NOW()</f></c><c r="H6"><f t="shared" ref="H6:H7" si="0">A1</f><v>7</v></c></row>
<row r="7"><c r="A7" t="inlineStr"><is><t>周九</t></is></c><c r="B7" s="1"><v>45717</v></c><c r="D7" s="2"><v>45718.75</v></c><c r="E7" s="3"><v>45717</v></c><c r="F7" s="4"><v>12</v></c><c r="G7" s="5"><v>45000</v></c><c r="H7" s="1"><f t="shared" si="0"/><v>45719</v></c></row>
<row r="8"><c r="A8" t="inlineStr"><is><t>吴十</t></is></c><c r="B8" s="1"><v>1E+20</v></c><c r="D8" s="1"><f>A1</f><v>45720</v></c><c r="E8" s="1"/><c r="F8" s="1" t="b"><v>1</v></c></row>
<row r="9"><c r="A9" t="inlineStr"><is><t>郑一</t></is></c><c r="C9" t="inlineStr"><is><t>西村</t></is></c><c r="D9" t="inlineStr"><is><t>横向</t></is></c></row>
<row r="10"><c r="A10" t="inlineStr"><is><t>冯二</t></is></c></row>
<row r="11" s="1" customFormat="1"><c r="A11" s="1"/></row>
<row r="12"><c r="A12" t="inlineStr"><is><t>陈三</t></is></c><c r="B12" t="inlineStr"><is><t>链接</t></is></c><c r="D12"><v>42</v></c><c r="E12" t="inlineStr"><is><t>内部</t></is></c></row>
<row r="13"><c r="A13" t="s"><v>5</v></c></row>
</sheetData>
<mergeCells count="5"><mergeCell ref="A1:H1"/><mergeCell ref="C9:C10"/><mergeCell ref="D9:E9"/><mergeCell ref="G2:G3"/><mergeCell ref="H10:H11"/></mergeCells>
<hyperlinks><hyperlink ref="B12" r:id="rId7"/><hyperlink ref="D12" r:id="rId8"/><hyperlink ref="E12" location="Sheet1!A1"/></hyperlinks>`;

const KITCHEN_RELS = `<Relationship Id="rId7" Type="${REL}/hyperlink" Target="https://example.org/a" TargetMode="External"/><Relationship Id="rId8" Type="${REL}/hyperlink" Target="mailto:x@example.org" TargetMode="External"/>`;

async function same(buf: Buffer): Promise<ReadResult<Key>> {
  const fresh = await readSheet(buf, SPEC);
  expect(fresh).toEqual(await viaExcelJs(buf));
  return fresh;
}

describe('the XML reader reads what exceljs read', () => {
  it('every kind of cell: shared, rich and inline strings, numbers, booleans, errors, formulas and their results, dates, hyperlinks, merged ranges', async () => {
    const r = await same(xlsx({ sheet: KITCHEN, strings: STRINGS, sheetRels: KITCHEN_RELS }));
    // Spot checks that the comparison is of something: the cells as a clerk would read them.
    if (!r.ok) throw new Error(r.message);
    expect(r).toMatchObject({ sheetName: '名册1&表', headerRow: 2, title: '雁山镇驻村干部名册' });
    const at = (row: number, k: Key) => r.rows.find((x) => x.row === row)?.values[k] as RawCell | undefined;
    expect(at(3, 'k1')).toEqual({ text: '李 四' });
    expect(at(4, 'k3')).toEqual({ text: '13800000001', number: 13800000001 });
    expect(at(7, 'k1')).toMatchObject({ text: '2025-03-01' });
    expect(r.rows.find((x) => x.row === 6)?.problems).toEqual([
      { field: '戊', message: '该单元格为错误值 #DIV/0!，请改正后重新导入' },
      { field: '己', message: expect.stringMatching(/没有计算结果/) },
    ]);
    expect(at(10, 'k2')).toEqual({ text: '西村' });
    expect(r.rows.map((x) => x.row)).not.toContain(13);
  });

  it('the 1904 date system', async () => {
    const r = await same(xlsx({ sheet: KITCHEN, strings: STRINGS, sheetRels: KITCHEN_RELS, date1904: true }));
    expect(r.ok && (r.rows.find((x) => x.row === 7)?.values.k1 as RawCell).text).toBe('2029-03-02');
  });

  it('a roster on the second sheet, below a sheet without the headers; a file without shared strings', async () => {
    const other = `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>说明</t></is></c></row></sheetData>`;
    const roster = `<sheetData>${header(3)}<row r="4"><c r="A4" t="inlineStr"><is><t>张三</t></is></c><c r="B4"><v>5</v></c></row></sheetData>`;
    const r = await same(xlsx({ sheet: other, extraSheets: [roster] }));
    expect(r).toMatchObject({ ok: true, sheetName: '名册2&表', headerRow: 3 });
  });

  it('refuses alike what exceljs could not load: a shared string out of range, overlapping merged ranges, a hyperlink to nothing', async () => {
    const bad = [
      xlsx({ sheet: `<sheetData>${header(1)}<row r="2"><c r="A2" t="s"><v>9</v></c></row></sheetData>`, strings: ['<si><t>a</t></si>'] }),
      xlsx({ sheet: `<sheetData>${header(1)}</sheetData><mergeCells><mergeCell ref="A2:B3"/><mergeCell ref="B3:C4"/></mergeCells>` }),
      xlsx({ sheet: `<sheetData>${header(1)}<row r="2"><c r="A2"><v>1</v></c></row></sheetData><hyperlinks><hyperlink ref="A2" r:id="rId5"/></hyperlinks>` }),
    ];
    for (const buf of bad) expect(await same(buf)).toEqual({ ok: false, message: UNREADABLE });
  });
});

describe('hostile sheets the XML reader meets', () => {
  const rows = (extra: string, tail = '') => xlsx({ sheet: `<sheetData>${header(1)}<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c></row>${extra}</sheetData>${tail}` });

  it('a merged range down to row 1,048,576 is refused with a message, at once', async () => {
    const s = performance.now();
    const r = await readSheet(rows('', '<mergeCells><mergeCell ref="B2:B1048576"/></mergeCells>'), SPEC);
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/合并单元格超过 20 万个/) });
    expect(performance.now() - s).toBeLessThan(2000);
  });

  it('a sheet claiming row 1,048,576 reads the rows it has; a row or cell past the sheet is unreadable', async () => {
    const far = await readSheet(rows('<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>李四</t></is></c></row>'), SPEC);
    expect(far.ok && far.rows.map((r) => r.row)).toEqual([2, 1048576]);
    for (const past of ['<row r="1048577"><c r="A1048577"><v>1</v></c></row>', '<row r="3"><c r="XFE3"><v>1</v></c></row>', '<row r="3"><c r="A0"><v>1</v></c></row>', '<row r="x"><c><v>1</v></c></row>']) {
      expect(await readSheet(rows(past), SPEC), past).toEqual({ ok: false, message: UNREADABLE });
    }
  });

  it('markup that never closes, a bad character reference or an unknown entity is unreadable, never a throw', async () => {
    for (const extra of ['<row r="3"><c r="A3" t="inlineStr"><is><t>x</t></is></c', '<row r="3"><c r="A3" t="inlineStr"><is><t>&#x110000;</t></is></c></row>', '<row r="3"><c r="A3" t="inlineStr"><is><t>&nbsp;</t></is></c></row>']) {
      expect(await readSheet(rows(extra), SPEC), extra).toEqual({ ok: false, message: UNREADABLE });
    }
  });

  it('a cell with neither value nor style, and a number under a date format beyond any calendar, are read without a throw', async () => {
    const r = await readSheet(rows('<row r="3"><c r="A3" t="inlineStr"><is><t>李四</t></is></c><c r="B3"/><c r="C3" s="1"><v>1E+300</v></c></row>'), SPEC);
    expect(r.ok && r.rows.find((x) => x.row === 3)?.problems).toEqual([{ field: '乙', message: '该单元格的日期无效，请改正后重新导入' }]);
  });

  it('a workbook without a workbook part, or whose sheet is missing, finds no header', async () => {
    const noBook = zipParts([part('xl/worksheets/sheet1.xml', `<worksheet ${NS}><sheetData>${header(1)}</sheetData></worksheet>`)]);
    expect(await readSheet(noBook, SPEC)).toEqual({ ok: false, message: expect.stringMatching(/未找到表头行/) });
  });
});
