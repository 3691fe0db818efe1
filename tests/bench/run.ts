import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openCore } from '../../electron/core';
import { buildDataset, targetsFor } from './dataset';
import { benchLists } from './lists';
import { machine, renderTable, type BenchResult } from './report';
import { benchStart } from './start';
import { benchStore } from './store';
import { benchSync } from './sync';
import { checkTargets } from './targets';

/**
 * `npm run bench [-- --json] [-- --scale S] [-- --keep]`: builds the dataset in a temporary
 * folder, measures store, lists, sync and start, prints the table (or only JSON with --json)
 * and removes the folder (kept with --keep). Progress goes to stderr (TL_BENCH_DEBUG=1 adds the
 * dataset build's phases). Numbers are printed, never asserted.
 */

function options() {
  const { values } = parseArgs({ options: { json: { type: 'boolean' }, scale: { type: 'string' }, keep: { type: 'boolean' } }, strict: true });
  const scale = values.scale === undefined ? 1 : Number(values.scale);
  // Village codes are 3-digit serials under the township (at most 800), so 2 is the ceiling.
  if (!Number.isFinite(scale) || scale <= 0 || scale > 2) throw new Error('--scale 应为大于 0、不超过 2 的数，如 0.01');
  return { json: !!values.json, scale, keep: !!values.keep };
}

async function main(): Promise<void> {
  const opts = options();
  const t0 = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-bench-'));
  const say = (m: string) => console.error(`[bench ${((performance.now() - t0) / 1000).toFixed(0)} s] ${m}`);
  const stage = {} as BenchResult['stageSeconds'];
  const cpu = {} as BenchResult['stageCpuSeconds'];
  const timed = async <T>(name: keyof BenchResult['stageSeconds'], fn: () => Promise<T>): Promise<T> => {
    say(`${name}…`);
    const s = performance.now();
    const c = process.cpuUsage();
    const r = await fn();
    stage[name] = (performance.now() - s) / 1000;
    const used = process.cpuUsage(c);
    cpu[name] = (used.user + used.system) / 1e6;
    return r;
  };
  try {
    const file = path.join(dir, 'ledger.db');
    const built = await timed('dataset', async () => {
      const d = await buildDataset(file, targetsFor(opts.scale));
      d.core.close();
      return d;
    });
    // Measured on a fresh connection with the app's own settings, as the app opens the file.
    const core = await openCore(file);
    let lists, store;
    try {
      lists = await timed('lists', () => benchLists(core, 30));
      store = await timed('store', () => benchStore(core, dir, Math.max(5, Math.round(1000 * opts.scale))));
    } finally {
      core.close();
    }
    const sync = await timed('sync', () => benchSync(dir, opts.scale));
    const start = await timed('start', () => benchStart(file, opts.scale >= 0.05 ? 3 : 1));
    const measured: Omit<BenchResult, 'targets'> = {
      machine: machine(),
      scale: opts.scale,
      startedAt: new Date(Date.now() - (performance.now() - t0)).toISOString(),
      totalSeconds: (performance.now() - t0) / 1000,
      stageSeconds: stage,
      stageCpuSeconds: cpu,
      dataset: { targets: built.targets, rows: built.made, fileMb: fs.statSync(file).size / 1e6, seconds: built.seconds },
      store,
      lists: { runs: 30, queries: lists },
      sync,
      start,
    };
    const result: BenchResult = { ...measured, targets: checkTargets(measured) };
    if (opts.json) console.log(JSON.stringify(result, null, 2));
    else console.log(`${renderTable(result)}\n\nJSON:\n${JSON.stringify(result)}`);
  } finally {
    if (opts.keep) say(`kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  console.error(`bench failed: ${err.stack ?? err.message}`);
  process.exitCode = 1;
});
