import zlib from 'node:zlib';
import { bigXlsx, sheetXml, xlsxOf } from './bigXlsx';

/**
 * The two spreadsheets of issue 12 that got past the old pre-check. Built directly (exceljs would
 * take minutes and gigabytes to write them), as an attacker or a broken export tool would.
 */

export const BOMB_HEADER = ['序号', '姓名', '身份证号', '流出时间', '流入地'];

/** A million rows written `<row\n r="…">` (valid XML: any whitespace may follow a tag name). */
export function millionRowBomb(): Buffer {
  function* rows() {
    yield BOMB_HEADER;
    for (let i = 1; i <= 1_000_000; i++) yield [i];
  }
  return bigXlsx(rows(), '名册', { rowSpace: '\n' });
}

/**
 * A shared-strings part of ~4.4 MB that inflates to gigabytes: one string of `A`s, deflated as the
 * same 1 MiB block repeated (each block ends with a full flush, so the copies concatenate into one
 * valid stream). Its headers declare 2 MB, a lie, so only inflating it shows what it holds.
 * Returns the file and the size it really inflates to.
 */
export function sharedStringsBomb(): { file: Buffer; inflatesTo: number; block: Buffer } {
  const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH, level: 9 };
  const head = zlib.deflateRawSync(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>',
    flush,
  );
  const block = zlib.deflateRawSync(Buffer.alloc(1 << 20, 'A'), flush);
  const tail = zlib.deflateRawSync('</t></si></sst>');
  const copies = Math.floor((4.4e6 - head.length - tail.length) / block.length);
  const deflated = Buffer.concat([head, ...Array<Buffer>(copies).fill(block), tail]);
  const sheet = sheetXml([BOMB_HEADER, [1, '王甲']]).replace('t="inlineStr"><is><t xml:space="preserve">王甲</t></is>', 't="s"><v>0</v>');
  const file = xlsxOf(sheet, [{ name: 'xl/sharedStrings.xml', deflated, size: 2_000_000, crc: 0 }], '名册');
  return { file, inflatesTo: copies * (1 << 20), block };
}
