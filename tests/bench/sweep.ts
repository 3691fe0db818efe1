import type { CompleteResult } from './report';

/**
 * `--sweep` (issue 16, item 8): the same run at growing scales, then each list query's p95 and
 * each pipeline's rows/s side by side, so a query whose cost grows with the data shows (a list
 * served from an index stays flat; a scan grows with the scale).
 */

export const SWEEP_SCALES = [0.1, 0.3, 1];

export interface Sweep {
  scales: number[];
  /** p95 ms of each list query, one value per scale (in `scales` order). */
  listsP95Ms: { query: string; p95Ms: number[] }[];
  /** Rows/s of each pipeline through the app, one value per scale. */
  pipelinesRowsPerSec: { pipeline: string; rowsPerSec: number[] }[];
}

export function sweepOf(results: CompleteResult[]): Sweep {
  const queries = results[0]?.lists.queries.map((q) => q.query) ?? [];
  const pipelines: [string, (r: CompleteResult) => number][] = [
    ...(results[0]?.store.registers ?? []).map((s): [string, (r: CompleteResult) => number] => [
      `store ${s.label}`,
      (r) => r.store.registers.find((x) => x.register === s.register)?.appRowsPerSec ?? 0,
    ]),
    ['sync export', (r) => r.sync.export.appRowsPerSec],
    ['sync import', (r) => r.sync.import.appRowsPerSec],
  ];
  return {
    scales: results.map((r) => r.scale),
    listsP95Ms: queries.map((query) => ({ query, p95Ms: results.map((r) => r.lists.queries.find((q) => q.query === query)?.p95Ms ?? 0) })),
    pipelinesRowsPerSec: pipelines.map(([pipeline, of]) => ({ pipeline, rowsPerSec: results.map(of) })),
  };
}

const cell = (n: number, rate: boolean) => (rate ? Math.round(n).toLocaleString('en-US') : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US'));
// Width in display columns: CJK characters take two.
const width = (s: string) => [...s].reduce((a, ch) => a + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);

function block(title: string, rows: { name: string; values: number[] }[], scales: number[], rate: boolean): string {
  const head = [title, ...scales.map((s) => `scale ${s}`), 'last ÷ first'];
  const body = rows.map((r) => [r.name, ...r.values.map((v) => cell(v, rate)), `${(r.values[r.values.length - 1]! / Math.max(r.values[0]!, 1e-9)).toFixed(1)}×`]);
  const all = [head, ...body];
  const w = head.map((_, i) => Math.max(...all.map((r) => width(r[i]!))));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c + ' '.repeat(w[i]! - width(c)) : ' '.repeat(w[i]! - width(c)) + c)).join('  ');
  return [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...body.map(line)].join('\n');
}

export function renderSweep(s: Sweep): string {
  return [
    `sweep: scales ${s.scales.join(', ')}`,
    '',
    block('list p95 ms', s.listsP95Ms.map((q) => ({ name: q.query, values: q.p95Ms })), s.scales, false),
    '',
    block('pipeline rows/s (app)', s.pipelinesRowsPerSec.map((p) => ({ name: p.pipeline, values: p.rowsPerSec })), s.scales, true),
  ].join('\n');
}
