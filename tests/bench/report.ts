import os from 'node:os';
import type { Targets } from './dataset';
import type { ListFigure } from './lists';
import { renderExcel, type ExcelResult } from './excel';
import type { StartFigures } from './start';
import type { StoreResult } from './store';
import type { SyncFigures } from './sync';
import { renderTargets, type TargetCheck } from './targets';

/** The bench's one result object (printed as JSON with --json) and its table rendering. */

export interface BenchResult {
  machine: { cores: number; cpu: string; node: string; platform: string; memoryGb: number };
  scale: number;
  startedAt: string;
  totalSeconds: number;
  /** Per stage run (all of them unless --only picked some). */
  stageSeconds: Partial<Record<'dataset' | 'store' | 'lists' | 'sync' | 'start' | 'excel', number>>;
  /** CPU time of the bench process per stage (children such as Chromium not included): wall time on a busy machine overstates. */
  stageCpuSeconds: Partial<Record<'dataset' | 'store' | 'lists' | 'sync' | 'start' | 'excel', number>>;
  /** os.loadavg() at the end of the run (1, 5, 15 minutes): on a shared machine, how busy it was. */
  loadAverage: number[];
  /** reusedFrom: the file copied in place of a build (--dataset); seconds is then the copy's. */
  dataset: { targets: Targets; rows: Targets; fileMb: number; seconds: number; reusedFrom?: string };
  // A stage left out with --only has no section.
  store?: StoreResult;
  lists?: { runs: number; queries: ListFigure[] };
  sync?: SyncFigures;
  start?: StartFigures;
  /** The 驻村干部名册 Excel check and import (tests/bench/excel.ts). */
  excel?: ExcelResult;
  /** Each target of issue 16 measured here: ok or short. */
  targets: TargetCheck[];
}

/** A run of every stage (no --only), as a sweep needs. */
export type CompleteResult = BenchResult & Required<Pick<BenchResult, 'store' | 'lists' | 'sync' | 'start' | 'excel'>>;

export function machine(): BenchResult['machine'] {
  const cpus = os.cpus();
  return { cores: cpus.length, cpu: cpus[0]?.model.trim() ?? 'unknown', node: process.version, platform: `${os.platform()} ${os.release()}`, memoryGb: Math.round(os.totalmem() / 1e8) / 10 };
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US'));
const x = (n: number) => `${n.toFixed(1)}×`;

function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  // Width in display columns: CJK characters take two.
  const width = (s: string) => [...s].reduce((a, ch) => a + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const w = head.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c + ' '.repeat(w[i]! - width(c)) : ' '.repeat(w[i]! - width(c)) + c)).join('  ');
  return [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

function renderStore(store: StoreResult): string[] {
  return [
    '',
    `store (rows/s, ${store.sampleRows} rows per register, one committed call per row)`,
    table(
      ['register', 'app', 'raw per-row', 'raw ÷ app', 'raw one txn', 'CPU ms app / raw', 'CPU ÷'],
      store.registers.map((s) => [
        s.label,
        int(s.appRowsPerSec),
        int(s.rawRowsPerSec),
        x(s.ratio),
        int(s.rawBatchRowsPerSec),
        `${s.appCpuMs.toFixed(2)} / ${s.rawCpuMs.toFixed(2)}`,
        x(s.cpuRatio),
      ]),
    ),
    `synchronous: ${store.synchronous.register} through the app ${int(store.synchronous.fullRowsPerSec)} rows/s with FULL, ${int(store.synchronous.normalRowsPerSec)} with NORMAL (${x(store.synchronous.ratio)})`,
  ];
}

function renderSync(sync: SyncFigures): string[] {
  return [
    '',
    `sync (${sync.township.name}, ${sync.township.share} of the dataset: a full bundle of ${int(sync.rows)} rows, bundle ${(sync.bundleBytes / 1e6).toFixed(1)} MB; peak RSS by ${sync.rssMethod})`,
    table(
      ['', 'app rows/s', 'raw rows/s', 'raw ÷ app', 'app peak RSS MB', 'raw peak RSS MB', 'app s'],
      (['export', 'import'] as const).map((k) => {
        const s = sync[k];
        return [k, int(s.appRowsPerSec), int(s.rawRowsPerSec), x(s.ratio), `${int(s.appPeakRssMb)} (${int(s.appBaseRssMb)} before)`, int(s.rawPeakRssMb), s.appSeconds.toFixed(1)];
      }),
    ),
    `the whole district: ${sync.district.townships} townships' first bundles (${int(sync.district.rows)} rows) imported at a fresh district in one run: ${sync.district.seconds.toFixed(1)} s, ${int(sync.district.rowsPerSec)} rows/s (the other townships built and exported in ${sync.district.buildSeconds.toFixed(0)} s)`,
    `memory as the bundle grows: the whole dataset as one full bundle (${int(sync.large.rows)} rows, ${(sync.large.bundleBytes / 1e6).toFixed(1)} MB), each in a child of its own: export peak RSS ${int(sync.large.export.peakRssMb)} MB (+${int(sync.large.export.growthMb)} over the ${int(sync.rows)}-row bundle's) in ${sync.large.export.seconds.toFixed(1)} s, import ${int(sync.large.import.peakRssMb)} MB (+${int(sync.large.import.growthMb)}) in ${sync.large.import.seconds.toFixed(1)} s`,
    `${sync.bundles50.bundles} incremental bundles of ${sync.bundles50.rowsEach} rows imported in a row: ${ms(sync.bundles50.totalMs)} ms in all, p50 ${ms(sync.bundles50.p50Ms)} ms, p95 ${ms(sync.bundles50.p95Ms)} ms each`,
  ];
}

export function renderTable(r: BenchResult): string {
  const m = r.machine;
  const d = r.dataset.rows;
  const out = [
    `township-ledger bench — scale ${r.scale}, ${m.cores} cores (${m.cpu}), Node ${m.node}, ${m.platform}, ${m.memoryGb} GB; ${r.totalSeconds.toFixed(0)} s in all; load average ${r.loadAverage.map((n) => n.toFixed(2)).join(', ')} at the end`,
    `dataset: ${int(d.villages)} villages, ${int(d.cadres)} cadres, ${int(d.workLogs)} work logs, ${int(d.floating)} floating members, ${int(d.contacts)} contact records, ${int(d.projects)} projects; ${int(r.dataset.fileMb)} MB, ${r.dataset.reusedFrom ? `copied from ${r.dataset.reusedFrom}` : 'built'} in ${r.dataset.seconds.toFixed(0)} s`,
    ...(r.store ? renderStore(r.store) : []),
    ...(r.lists ? ['', `lists (ms over ${r.lists.runs} runs, through dispatch)`, table(['query', 'matched', 'p50', 'p95'], r.lists.queries.map((q) => [q.query, int(q.total), ms(q.p50Ms), ms(q.p95Ms)]))] : []),
    ...(r.sync ? renderSync(r.sync) : []),
    ...(r.start ? ['', `start: browser mode launched → address printed ${ms(r.start.hostReadyMs)} ms → main screen ${ms(r.start.firstScreenMs)} ms → first list row in Chromium ${ms(r.start.firstListMs)} ms (median of ${r.start.runs}; first run ${ms(r.start.firstRunMs)} ms)`] : []),
    ...(r.excel ? renderExcel(r.excel) : []),
    '',
    `stages (s wall / s CPU of this process): ${Object.entries(r.stageSeconds).map(([k, v]) => `${k} ${v.toFixed(1)} / ${(r.stageCpuSeconds[k as keyof BenchResult['stageCpuSeconds']] ?? 0).toFixed(1)}`).join(', ')}`,
    '',
    ...renderTargets(r.targets),
  ];
  return out.join('\n');
}
