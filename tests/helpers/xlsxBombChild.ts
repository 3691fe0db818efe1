import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dispatch } from '../../electron/api/dispatch';
import { openCore } from '../../electron/core';
import { completeSetup } from '../../electron/services/setup';

/**
 * Imports one spreadsheet (argv[2]) as a clerk would (floating.importXlsx through dispatch, the
 * base64 upload included) in a process of its own, so the memory it takes is measured without the
 * test runner's: prints JSON with the time the refusal took, the RSS before, the growth of the
 * peak RSS (getrusage maxrss after the call minus RSS before, an upper bound of what the call
 * added), the answer and the rows written.
 */

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-bomb-'));
  const core = await openCore(path.join(dir, 'ledger.db'));
  try {
    completeSetup(core, { role: 'township', code: '450311100', name: '雁山镇', operator: '张三', importVillages: [] });
    const v = await dispatch(core, 'villages.create', { name: '东立村', code: '450311100200', kind: '行政村' });
    if (!v.ok) throw new Error(v.error.message);
    const base64 = fs.readFileSync(process.argv[2]!).toString('base64');
    const count = () => (core.db.prepare('SELECT count(*) AS n FROM floating_members').get() as { n: number }).n;
    const before = count();
    globalThis.gc?.();
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const answer = await dispatch(core, 'floating.importXlsx', {
      file: { fileName: '名册.xlsx', base64 },
      villageId: (v.value as { id: string }).id,
      mode: 'valid-only',
      dryRun: false,
    });
    const ms = performance.now() - t0;
    const peak = process.resourceUsage().maxRSS * 1024;
    console.log(JSON.stringify({ ms, rss0, growth: peak - rss0, answer, written: count() - before }));
  } finally {
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
