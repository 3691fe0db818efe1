import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openCore } from '../../electron/core';
import { buildDataset, reuseDataset, targetsFor } from './dataset';
import { benchExcel } from './excel';
import { benchLists } from './lists';
import { machine, renderTable, type BenchResult } from './report';
import { benchStart } from './start';
import { benchStore } from './store';
import { benchSync } from './sync';
import { renderSweep, sweepOf, SWEEP_SCALES } from './sweep';
import { checkTargets } from './targets';

/**
 * `npm run bench [-- --json] [-- --scale S] [-- --keep] [-- --dataset FILE] [-- --sweep [--scales 0.1,0.3]]`: builds
 * the dataset in a temporary folder, measures store, lists, sync, start and Excel import, prints the table (or
 * only JSON with --json) and removes the folder (kept with --keep). --sweep does that at scales
 * 0.1, 0.3 and 1 and then prints each list query's p95 and each pipeline's rows/s side by side.
 * Progress goes to stderr (TL_BENCH_DEBUG=1 adds the dataset build's phases). Numbers are
 * printed, never asserted.
 */

function options() {
  const { values } = parseArgs({
    options: { json: { type: 'boolean' }, scale: { type: 'string' }, keep: { type: 'boolean' }, sweep: { type: 'boolean' }, scales: { type: 'string' }, dataset: { type: 'string' } },
    strict: true,
  });
  const parse = (v: string) => {
    const n = Number(v);
    // Village codes are 3-digit serials under the township (at most 800), so 2 is the ceiling.
    if (!Number.isFinite(n) || n <= 0 || n > 2) throw new Error('--scale 应为大于 0、不超过 2 的数，如 0.01');
    return n;
  };
  // --sweep: scales 0.1, 0.3 and 1 (issue 16, item 8); --scales narrows or changes the list.
  const scales = values.scales !== undefined ? values.scales.split(',').map(parse) : values.sweep ? SWEEP_SCALES : [values.scale === undefined ? 1 : parse(values.scale)];
  if (values.dataset !== undefined && scales.length > 1) throw new Error('--dataset 只用于单一规模（一个数据集对应一个规模）');
  if (values.dataset !== undefined && !fs.existsSync(values.dataset)) throw new Error(`--dataset 文件不存在：${values.dataset}`);
  return { json: !!values.json, scales, sweep: !!values.sweep || scales.length > 1, keep: !!values.keep, dataset: values.dataset };
}

/** One whole run at `scale` in its own temporary folder. */
async function runAt(scale: number, keep: boolean, dataset?: string): Promise<BenchResult> {
  const t0 = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-bench-'));
  const say = (m: string) => console.error(`[bench ${((performance.now() - t0) / 1000).toFixed(0)} s, scale ${scale}] ${m}`);
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
      const d = dataset ? await reuseDataset(dataset, file, targetsFor(scale)) : await buildDataset(file, targetsFor(scale));
      d.core.close();
      // With --keep, the dataset as built too (the stages write to ledger.db), for a later --dataset.
      if (keep && !dataset) fs.copyFileSync(file, path.join(dir, 'dataset.db'));
      return d;
    });
    // Measured on a fresh connection with the app's own settings, as the app opens the file.
    const core = await openCore(file);
    let lists, store;
    try {
      lists = await timed('lists', () => benchLists(core, 30));
      store = await timed('store', () => benchStore(core, dir, Math.max(5, Math.round(1000 * scale))));
    } finally {
      core.close();
    }
    const sync = await timed('sync', () => benchSync(dir, scale, file));
    const start = await timed('start', () => benchStart(file, scale >= 0.05 ? 3 : 1));
    // Into databases of its own: the other stages' figures stay those of the dataset.
    const excel = await timed('excel', () => benchExcel(dir, scale));
    const measured: Omit<BenchResult, 'targets'> = {
      machine: machine(),
      scale,
      startedAt: new Date(Date.now() - (performance.now() - t0)).toISOString(),
      totalSeconds: (performance.now() - t0) / 1000,
      stageSeconds: stage,
      stageCpuSeconds: cpu,
      loadAverage: os.loadavg(),
      dataset: { targets: built.targets, rows: built.made, fileMb: fs.statSync(file).size / 1e6, seconds: built.seconds, ...(dataset ? { reusedFrom: path.resolve(dataset) } : {}) },
      store,
      lists: { runs: 30, queries: lists },
      sync,
      start,
      excel,
    };
    return { ...measured, targets: checkTargets(measured) };
  } finally {
    if (keep) say(`kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const opts = options();
  const results: BenchResult[] = [];
  for (const scale of opts.scales) {
    const r = await runAt(scale, opts.keep, opts.dataset);
    results.push(r);
    // Each scale's table as soon as it is measured: a long sweep shows its figures as it goes.
    if (!opts.json) console.log(`${renderTable(r)}\n`);
  }
  if (!opts.sweep) {
    const r = results[0]!;
    if (opts.json) console.log(JSON.stringify(r, null, 2));
    else console.log(`JSON:\n${JSON.stringify(r)}`);
    return;
  }
  if (opts.json) console.log(JSON.stringify({ sweep: sweepOf(results), results }, null, 2));
  else console.log(`${renderSweep(sweepOf(results))}\n\nJSON:\n${JSON.stringify({ sweep: sweepOf(results), results })}`);
}

main().catch((err: Error) => {
  console.error(`bench failed: ${err.stack ?? err.message}`);
  process.exitCode = 1;
});
