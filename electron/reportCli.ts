import fs from 'node:fs';
import path from 'node:path';
import { writeFileDurably } from '../db/durable';
import { StoreError } from '../db/errors';
import { reportInput } from './api/contracts/reports';
import { need, parse, UsageError, withCore } from './cliArgs';
import { reportText, reportTextPlain } from './domain/reportText';
import { buildReport } from './services/reports';
import { reportWorkbook } from './services/reportsXlsx';

export const REPORT_USAGE = '  report --db FILE --from YYYY-MM-DD --to YYYY-MM-DD [--township CODE] [--json] [--text] [--xlsx FILE]';

/** The workbook is written durably (temporary name, flush, rename): never a half file. */
function writeAtomically(file: string, data: Buffer): void {
  try {
    writeFileDurably(file, data);
  } catch (err) {
    throw new StoreError('unwritable', `无法写入文件：${file}（${(err as NodeJS.ErrnoException).code ?? '未知错误'}）`);
  }
}

/**
 * `report`: the report page's figures for a period, as JSON on stdout (--json, also the default),
 * the 文字稿 (--text: the page's paragraphs, one a line; with --json it rides in the JSON as
 * `text`, beside the same figures as numbers) and/or the page's workbook (--xlsx FILE). Bad dates
 * are bad usage (exit 2) and open nothing.
 */
export async function report(args: string[]): Promise<void> {
  const v = parse(args, { db: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, township: { type: 'string' }, json: { type: 'boolean' }, text: { type: 'boolean' }, xlsx: { type: 'string' } });
  const file = need(v, 'db');
  const input = reportInput.safeParse({ from: need(v, 'from'), to: need(v, 'to'), township: v.township });
  if (!input.success) {
    throw new UsageError(input.error.issues.map((i) => `--${String(i.path[0] ?? 'from')}：${i.message}`).join('；'));
  }
  const xlsx = v.xlsx as string | undefined;
  if (xlsx === '') throw new UsageError('缺少参数 --xlsx 的文件名');
  // Opening a missing path would create an empty database; a report of nothing helps no one.
  if (!fs.existsSync(file)) throw new StoreError('not_found', `数据库文件不存在：${file}`);
  await withCore(file, async (core) => {
    const r = buildReport(core, input.data);
    if (xlsx) writeAtomically(path.resolve(xlsx), await reportWorkbook(r, core.now()));
    if (v.text && !v.json) console.log(reportTextPlain(reportText(r)));
    else if (v.json || !xlsx) console.log(JSON.stringify(v.text ? { ...r, text: reportText(r) } : r));
    if (xlsx && !v.json && !v.text) console.log(`已导出：${path.resolve(xlsx)}`);
  });
}
