import type { BenchResult } from './report';

/**
 * Issue 16's targets, each judged against the run's own figures: a line per target with ok or
 * short in the table, the same objects in the JSON. Targets of items not measured here yet are
 * simply absent.
 */
export interface TargetCheck {
  /** What is judged, as the issue words it. */
  target: string;
  /** Measured and limit, in the unit named by `unit`. */
  measured: number;
  limit: number;
  unit: 'ms' | 'MB' | '×';
  ok: boolean;
}

const within = (target: string, measured: number, limit: number, unit: TargetCheck['unit'] = 'ms'): TargetCheck => ({ target, measured, limit, unit, ok: measured <= limit });
const rows = (n: number) => Math.round(n).toLocaleString('en-US');

export function checkTargets(r: Omit<BenchResult, 'targets'>): TargetCheck[] {
  const { lists, start, sync, store, excel } = r;
  return [
    ...(lists ? lists.queries.map((q) => within(`${q.query} p95`, q.p95Ms, q.targetMs)) : []),
    ...(start ? [within('address printed after launch', start.hostReadyMs, 800), within('first list row after launch', start.firstListMs, 1500)] : []),
    // Item 4: the district's import of one township's bundle against the bare pipeline on its rows.
    ...(sync ? [within('district import: raw ÷ app', sync.import.ratio, 2, '×')] : []),
    // Item 6: every register's save through the app against raw per-row inserts.
    ...(store ? store.registers.map((s) => within(`store ${s.label}: raw ÷ app`, s.ratio, 3, '×')) : []),
    ...(sync ? syncTargets(sync, r.scale) : []),
    // Item 5: the file checked and then imported, both through dispatch.
    ...(excel ? excel.files.map((f) => within(`Excel ${f.rows.toLocaleString('en-US')} cadres checked and imported`, f.checkMs + f.importMs, f.rows <= 2_000 ? 2_000 : 15_000)) : []),
  ];
}

function syncTargets(sync: NonNullable<BenchResult['sync']>, scale: number): TargetCheck[] {
  return [
    // Item 7: the share's bundle (some 124,000 rows at scale 1) and the growth to the whole dataset's.
    within(`export of the ${rows(sync.rows)}-row bundle: peak RSS`, sync.export.appPeakRssMb, 300, 'MB'),
    within(`import of the ${rows(sync.rows)}-row bundle: peak RSS`, sync.import.appPeakRssMb, 300, 'MB'),
    within(`export peak RSS growth from ${rows(sync.rows)} to ${rows(sync.large.rows)} rows`, sync.large.export.growthMb, 100, 'MB'),
    within(`import peak RSS growth from ${rows(sync.rows)} to ${rows(sync.large.rows)} rows`, sync.large.import.growthMb, 100, 'MB'),
    // 60 s for the scale-1 district (about 1.9 million rows); at another scale, the same rate.
    within(`all ${sync.district.townships} townships' bundles imported at the district (60 s at scale 1, × scale here)`, sync.district.seconds * 1000, 60_000 * scale),
  ];
}

export function renderTargets(checks: TargetCheck[]): string[] {
  const short = checks.filter((c) => !c.ok).length;
  return [
    `targets (issue 16): ${checks.length - short} ok, ${short} short`,
    ...checks.map((c) => `${c.ok ? 'ok   ' : 'short'}  ${c.target}: ${c.unit === '×' ? `${c.measured.toFixed(1)}×` : `${c.measured < 10 ? c.measured.toFixed(2) : Math.round(c.measured)} ${c.unit}`} (limit ${c.limit}${c.unit === '×' ? '×' : ` ${c.unit}`})`),
  ];
}
