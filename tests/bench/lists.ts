import type { ChannelName } from '../../electron/api/channels';
import { dispatch } from '../../electron/api/dispatch';
import type { Core } from '../../electron/core';

/**
 * lists: p50/p95 latency of the calls the register screens make, through dispatch with the
 * payloads the renderer sends (page size 20), at the dataset's size. The search terms are taken
 * from rows in the middle of the dataset, so they hit real rows.
 */

export interface ListFigure {
  query: string;
  channel: string;
  runs: number;
  /** Rows matching (the list's total), so a query that found nothing is visible. */
  total: number;
  p50Ms: number;
  p95Ms: number;
  /** The p95 it must stay under (issue 16: 30 ms for a list, 100 ms for the dashboard and a report). */
  targetMs: number;
}

interface Query {
  query: string;
  channel: ChannelName;
  input: Record<string, unknown>;
}

export const LIST_TARGET_MS = 30;
export const PAGE_TARGET_MS = 100;

const PAGE = { page: 1, pageSize: 20 };

function pickRow<T>(core: Core, sql: string): T {
  const n = (core.db.prepare(`SELECT count(*) AS n FROM (${sql})`).get() as { n: number }).n;
  const row = core.db.prepare(`${sql} LIMIT 1 OFFSET ?`).get(Math.floor(n / 2)) as T | undefined;
  if (!row) throw new Error(`bench: no row for ${sql}`);
  return row;
}

/**
 * The 统计报表's two periods: the half year January to June, and the quarter ending on the last
 * logged day. The half year may hold no work logs (the dataset logs the last two months before it
 * was built), which leaves the report's attendance figures with nothing to count: the quarter has
 * them, as a clerk's report of recent months does.
 */
export function reportPeriods(core: Core): { half: { from: string; to: string }; quarter: { from: string; to: string }; last: string } {
  const year = core.now().getFullYear();
  const half = { from: `${year}-01-01`, to: `${year}-06-30` };
  const last = (core.db.prepare('SELECT max(log_date) AS d FROM work_logs WHERE deleted_at IS NULL').get() as { d: string | null }).d ?? `${year}-06-30`;
  const [ly, lm] = [Number(last.slice(0, 4)), Number(last.slice(5, 7))];
  const startMonth = (ly * 12 + lm - 1 - 2) % 12;
  const quarter = { from: `${Math.floor((ly * 12 + lm - 1 - 2) / 12)}-${String(startMonth + 1).padStart(2, '0')}-01`, to: last };
  return { half, quarter, last };
}

function queries(core: Core): Query[] {
  const village = pickRow<{ id: string; name: string }>(
    core,
    'SELECT id, name FROM villages v WHERE deleted_at IS NULL AND EXISTS (SELECT 1 FROM cadre_postings p WHERE p.village_id = v.id) ORDER BY code',
  );
  const cadre = pickRow<{ name: string; id_number: string }>(core, 'SELECT name, id_number FROM cadres WHERE deleted_at IS NULL ORDER BY seq');
  const member = pickRow<{ name: string; id_number: string }>(core, 'SELECT name, id_number FROM floating_members WHERE deleted_at IS NULL ORDER BY seq');
  // Parts of a three-character name: its first character (a surname: the most members), the last
  // one, the last two and all three.
  const three = [...pickRow<{ name: string }>(core, 'SELECT name FROM floating_members WHERE deleted_at IS NULL AND length(name) = 3 ORDER BY seq').name];
  const year = core.now().getFullYear();
  const { half, quarter, last } = reportPeriods(core);
  return [
    { query: '村（社区） first page', channel: 'villages.list', input: PAGE },
    { query: '村（社区） search by name', channel: 'villages.list', input: { ...PAGE, search: village.name } },
    { query: '村（社区） sort by name', channel: 'villages.list', input: { ...PAGE, sort: 'name', order: 'desc' } },
    { query: '驻村干部 first page', channel: 'cadres.list', input: PAGE },
    { query: '驻村干部 search by name', channel: 'cadres.list', input: { ...PAGE, search: cadre.name } },
    { query: '驻村干部 search by ID prefix', channel: 'cadres.list', input: { ...PAGE, search: cadre.id_number.slice(0, 14) } },
    { query: '驻村干部 filter by village', channel: 'cadres.list', input: { ...PAGE, villageId: village.id } },
    { query: '驻村干部 sort by unit', channel: 'cadres.list', input: { ...PAGE, sort: 'unit', order: 'desc' } },
    // The last logged month: early in a month nobody can be below yet, and the list is empty at once.
    { query: '驻村干部 below threshold', channel: 'cadres.list', input: { ...PAGE, belowOnly: true, month: last.slice(0, 7) } },
    { query: '流动党员 first page', channel: 'floating.list', input: PAGE },
    { query: '流动党员 search by name', channel: 'floating.list', input: { ...PAGE, search: member.name } },
    { query: '流动党员 search 1st char', channel: 'floating.list', input: { ...PAGE, search: three[0] } },
    { query: '流动党员 search 3rd char', channel: 'floating.list', input: { ...PAGE, search: three[2] } },
    { query: '流动党员 search 2 chars', channel: 'floating.list', input: { ...PAGE, search: three.slice(1).join('') } },
    { query: '流动党员 search 3 chars', channel: 'floating.list', input: { ...PAGE, search: three.join('') } },
    { query: '流动党员 search by ID prefix', channel: 'floating.list', input: { ...PAGE, search: member.id_number.slice(0, 14) } },
    { query: '流动党员 filter by village', channel: 'floating.list', input: { ...PAGE, villageId: village.id } },
    { query: '流动党员 sort by last contact', channel: 'floating.list', input: { ...PAGE, sort: 'last_contact_date', order: 'asc' } },
    { query: '流动党员 overdue filter', channel: 'floating.list', input: { ...PAGE, flag: 'overdue' } },
    { query: '流动党员 alert counts', channel: 'floating.alerts', input: {} },
    { query: '一村一项目 first page', channel: 'projects.list', input: PAGE },
    { query: '一村一项目 coverage', channel: 'projects.coverage', input: { year } },
    { query: '首页 dashboard', channel: 'dashboard.get', input: {} },
    { query: '统计报表 half year', channel: 'reports.get', input: half },
    { query: '统计报表 logged quarter', channel: 'reports.get', input: quarter },
  ];
}

/** Rows found: a list's total, the coverage's villages, the alerts' overdue count, the members out (dashboard, report). */
function matched(value: unknown): number {
  const v = value as {
    total?: number;
    villages?: unknown[];
    overdue?: number;
    figures?: { floatingOut: number };
    scopes?: { figures: { floating: { onRoster: number } } }[];
  };
  return v.total ?? v.villages?.length ?? v.overdue ?? v.figures?.floatingOut ?? v.scopes?.[0]?.figures.floating.onRoster ?? 0;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function benchLists(core: Core, runs: number): Promise<ListFigure[]> {
  const out: ListFigure[] = [];
  for (const q of queries(core)) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const r = await dispatch(core, q.channel, q.input);
      times.push(performance.now() - started);
      if (!r.ok) throw new Error(`bench: ${q.channel} failed: ${r.error.message}`);
      total = matched(r.value);
    }
    times.sort((a, b) => a - b);
    const targetMs = q.channel === 'dashboard.get' || q.channel === 'reports.get' ? PAGE_TARGET_MS : LIST_TARGET_MS;
    out.push({ query: q.query, channel: q.channel, runs, total, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), targetMs });
  }
  return out;
}
