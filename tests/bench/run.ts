import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openCore } from '../../electron/core';
import { buildDataset, reuseDataset, targetsFor } from './dataset';
import { benchExcel } from './excel';
import { benchLists } from './lists';
import { machine, renderTable, type BenchResult, type CompleteResult } from './report';
import { benchStart } from './start';
import { benchStore } from './store';
import { benchSync } from './sync';
import { renderSweep, sweepOf, SWEEP_SCALES } from './sweep';
import { checkTargets } from './targets';

/** The stages after the dataset, in the order they run; --only picks some. */
const STAGES = ['lists', 'store', 'sync', 'start', 'excel'] as const;
type Stage = (typeof STAGES)[number];

/**
 * `npm run bench [-- --json] [-- --scale S] [-- --keep] [-- --dataset FILE] [-- --only STAGES] [-- --sweep [--scales 0.1,0.3]]`:
 * builds the dataset in a temporary folder, measures store, lists, sync, start and Excel import, prints the table (or
 * only JSON with --json) and removes the folder (kept with --keep). --only lists,excel measures those stages
 * alone (their sections and targets only), to measure a change again without the half hour of the rest. --sweep does that at scales
 * 0.1, 0.3 and 1 and then prints each list query's p95 and each pipeline's rows/s side by side.
 * Progress goes to stderr (TL_BENCH_DEBUG=1 adds the dataset build's phases). Numbers are
 * printed, never asserted.
 */

function options() {
  const { values } = parseArgs({
    options: { json: { type: 'boolean' }, scale: { type: 'string' }, keep: { type: 'boolean' }, sweep: { type: 'boolean' }, scales: { type: 'string' }, dataset: { type: 'string' }, only: { type: 'string' } },
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
  const only = values.only === undefined ? [...STAGES] : values.only.split(',').map((v) => v.trim());
  const unknown = only.filter((v) => !(STAGES as readonly string[]).includes(v));
  if (unknown.length || !only.length) throw new Error(`--only 应为以下阶段之一或以逗号分隔的几个：${STAGES.join(', ')}`);
  const sweep = !!values.sweep || scales.length > 1;
  if (sweep && values.only !== undefined) throw new Error('--only 不用于 --sweep（逐规模对比需要每个阶段）');
  return { json: !!values.json, scales, sweep, keep: !!values.keep, dataset: values.dataset, only: new Set(only as Stage[]) };
}

/** One whole run at `scale` in its own temporary folder. */
async function runAt(scale: number, keep: boolean, dataset: string | undefined, only: ReadonlySet<Stage>): Promise<BenchResult> {
  const t0 = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-bench-'));
  const say = (m: string) => console.error(`[bench ${((performance.now() - t0) / 1000).toFixed(0)} s, scale ${scale}] ${m}`);
  const stage: BenchResult['stageSeconds'] = {};
  const cpu: BenchResult['stageCpuSeconds'] = {};
  const timed = async <T>(name: 'dataset' | Stage, fn: () => Promise<T>): Promise<T> => {
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
    const when = <T>(name: Stage, fn: () => Promise<T>): Promise<T | undefined> => (only.has(name) ? timed(name, fn) : Promise.resolve(undefined));
    let lists, store;
    try {
      lists = await when('lists', () => benchLists(core, 30));
      store = await when('store', () => benchStore(core, dir, Math.max(5, Math.round(1000 * scale))));
    } finally {
      core.close();
    }
    const sync = await when('sync', () => benchSync(dir, scale, file));
    const start = await when('start', () => benchStart(file, scale >= 0.05 ? 3 : 1));
    // Into databases of its own: the other stages' figures stay those of the dataset.
    const excel = await when('excel', () => benchExcel(dir, scale));
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
      lists: lists && { runs: 30, queries: lists },
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
    const r = await runAt(scale, opts.keep, opts.dataset, opts.only);
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
  // options() refuses --only with a sweep: every result has every stage.
  const sweep = sweepOf(results as CompleteResult[]);
  if (opts.json) console.log(JSON.stringify({ sweep, results }, null, 2));
  else console.log(`${renderSweep(sweep)}\n\nJSON:\n${JSON.stringify({ sweep, results })}`);
}

main().catch((err: Error) => {
  console.error(`bench failed: ${err.stack ?? err.message}`);
  process.exitCode = 1;
});
