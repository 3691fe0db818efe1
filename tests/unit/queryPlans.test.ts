/**
 * Query plans that hold (issue 16): every list, filter, sort and count query the screens make is
 * run through dispatch on a seeded database with fresh statistics, each statement it prepares is
 * recorded with its parameters, and `EXPLAIN QUERY PLAN` of each must not read a large table
 * from end to end (`SCAN <table>` with no index) unless listed below with the reason it must.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../electron/api/channels';
import { addMonths } from '../../electron/domain/cadres';
import { localDay } from '../../electron/domain/dates';
import { dispatch } from '../../electron/api/dispatch';
import { openCore, type Core } from '../../electron/core';
import { refreshStatistics } from '../../db/stats';
import { buildDataset } from '../bench/dataset';
import { tempDir } from '../helpers/tmp';

/** Enough rows per register that the planner's choice between a scan and an index matters. */
const SIZE = { villages: 10, cadres: 100, workLogs: 2000, floating: 1000, contacts: 3000, projects: 200 };

/** The registers that grow into the hundreds of thousands at a district (bench scale 1). */
const LARGE = new Set([
  'floating_members',
  'contact_records',
  'member_contacts',
  'member_status_history',
  'work_logs',
  'projects',
  'project_progress',
  'project_incomes',
  'audit_log',
  // Migration 016's tables kept by triggers: a row per cadre and month, a row per member out.
  'work_log_month_days',
  'floating_no_contact',
]);

/**
 * Whole-table reads that are the answer, not a missing index: figures that count over every
 * live row with a per-row condition no index can hold. Keyed by case label and table.
 */
const CENSUS: Record<string, string> = {
  'reports.get floating_members': '期末在册 is each member’s status on the period’s last day (status history), judged per member',
  'audit.list audit_log': 'newest first walks the rowid backwards and stops after the page; the total is the b-tree’s own count',
  ...Object.fromEntries(
    (['floating.list', 'floating.alerts', 'dashboard.get'] as const).map((channel) => [
      `${channel} floating_no_contact`,
      '无联系人 with no other filter is the whole table: its count is the b-tree’s own count',
    ]),
  ),
};

interface Case {
  label: string;
  channel: ChannelName;
  input: Record<string, unknown>;
}

interface Recorded {
  sql: string;
  args: unknown[];
}

/** Records every statement `core.db` prepares and the arguments of its first run. */
function recorder(core: Core) {
  const db = core.db;
  const prepare = db.prepare.bind(db);
  let seen = new Map<string, Recorded>();
  db.prepare = ((sql: string) => {
    const stmt = prepare(sql);
    for (const m of ['all', 'get', 'iterate', 'run'] as const) {
      const run = (stmt[m] as (...a: unknown[]) => unknown).bind(stmt);
      (stmt as unknown as Record<string, unknown>)[m] = (...args: unknown[]) => {
        if (!seen.has(sql)) seen.set(sql, { sql, args });
        return run(...args);
      };
    }
    return stmt;
  }) as typeof db.prepare;
  return {
    take(): Recorded[] {
      const out = [...seen.values()];
      seen = new Map();
      return out;
    },
    stop: () => {
      db.prepare = prepare as typeof db.prepare;
    },
  };
}

const NOT_ALIAS = new Set(['WHERE', 'JOIN', 'ON', 'LEFT', 'INNER', 'CROSS', 'GROUP', 'ORDER', 'LIMIT', 'USING', 'AND', 'OR', 'UNION', 'INDEXED', 'NOT']);

/** alias → table for every FROM/JOIN of the statement (a table used without alias maps to itself). */
function aliases(sql: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of sql.matchAll(/\b(?:FROM|JOIN)\s+(?:main\.)?(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi)) {
    const table = m[1]!;
    out.set(table, table);
    if (m[2] && !NOT_ALIAS.has(m[2].toUpperCase())) out.set(m[2], table);
  }
  return out;
}

interface PlanRow {
  id: number;
  parent: number;
  detail: string;
}

/**
 * The full scans of large tables in one statement's plan, as "SCAN <table>". A subquery in FROM
 * named like a table alias (`FROM (SELECT … FROM t m …) m`) shows as CO-ROUTINE/MATERIALIZE m;
 * a SCAN of that name outside it reads the subquery's rows, not the table.
 */
function largeScans(core: Core, r: Recorded): string[] {
  const plan = core.db.prepare(`EXPLAIN QUERY PLAN ${r.sql}`).all(...r.args) as PlanRow[];
  const names = aliases(r.sql);
  const byId = new Map(plan.map((p) => [p.id, p]));
  const subqueries = new Map(plan.flatMap((p) => {
    const m = /^(?:CO-ROUTINE|MATERIALIZE) (\w+)$/.exec(p.detail);
    return m ? [[m[1]!, p.id] as const] : [];
  }));
  const inside = (row: PlanRow, id: number) => {
    for (let p = byId.get(row.parent); p; p = byId.get(p.parent)) if (p.id === id) return true;
    return false;
  };
  return plan.flatMap((row) => {
    const m = /^SCAN (\w+)$/.exec(row.detail);
    if (!m) return [];
    const sub = subqueries.get(m[1]!);
    if (sub !== undefined && !inside(row, sub)) return [];
    const table = names.get(m[1]!) ?? m[1]!;
    return LARGE.has(table) ? [`SCAN ${table}`] : [];
  });
}

/** Each case's full scans of large tables (not listed in CENSUS), with the statement. */
async function scansOf(core: Core, cases: Case[]): Promise<string[]> {
  const rec = recorder(core);
  const problems: string[] = [];
  try {
    for (const c of cases) {
      const r = await dispatch(core, c.channel, c.input);
      if (!r.ok) throw new Error(`${c.label}: ${r.error.message}`);
      for (const stmt of rec.take()) {
        if (!/^\s*(SELECT|WITH)\b/i.test(stmt.sql)) continue;
        for (const scan of largeScans(core, stmt)) {
          if (CENSUS[`${c.channel} ${scan.slice(5)}`]) continue;
          problems.push(`${c.label}: ${scan} in ${stmt.sql.replace(/\s+/g, ' ').slice(0, 160)}`);
        }
      }
    }
  } finally {
    rec.stop();
  }
  return problems;
}

function pick<T>(core: Core, sql: string): T {
  const row = core.db.prepare(sql).get() as T | undefined;
  if (!row) throw new Error(`no row for ${sql}`);
  return row;
}

/** Every list, filter, sort and count the screens ask for, with the renderer's payloads. */
function screenCases(core: Core): Case[] {
  const page = { page: 1, pageSize: 20 };
  const village = pick<{ id: string; name: string }>(core, 'SELECT id, name FROM villages WHERE deleted_at IS NULL ORDER BY code LIMIT 1 OFFSET 3');
  const cadre = pick<{ id: string; name: string; id_number: string }>(core, 'SELECT id, name, id_number FROM cadres ORDER BY seq LIMIT 1 OFFSET 50');
  const member = pick<{ id: string; name: string; id_number: string; mobile: string; dest_text: string; workplace: string }>(
    core,
    'SELECT id, name, id_number, mobile, dest_text, workplace FROM floating_members WHERE workplace IS NOT NULL ORDER BY seq LIMIT 1 OFFSET 500',
  );
  const project = pick<{ id: string }>(core, 'SELECT id FROM projects ORDER BY seq LIMIT 1 OFFSET 50');
  const year = core.now().getFullYear();
  const lastMonth = addMonths(localDay(core.now()).slice(0, 7), -1);
  const cases: Case[] = [];
  const add = (channel: ChannelName, label: string, input: Record<string, unknown>) => cases.push({ label: `${channel} ${label}`, channel, input });

  add('villages.list', 'first page', page);
  add('villages.list', 'search', { ...page, search: village.name.slice(0, 2) });
  add('villages.list', 'kind', { ...page, kind: '行政村' });
  for (const flag of ['key_village', 'relocation']) add('villages.list', flag, { ...page, flag });
  for (const sort of ['code', 'name', 'kind', 'updated_at']) add('villages.list', `sort ${sort}`, { ...page, sort, order: 'desc' });

  add('cadres.list', 'first page', page);
  add('cadres.list', 'search name', { ...page, search: cadre.name });
  add('cadres.list', 'search ID prefix', { ...page, search: cadre.id_number.slice(0, 14) });
  add('cadres.list', 'search ID suffix', { ...page, search: cadre.id_number.slice(-4) });
  add('cadres.list', 'one cadre', { ...page, id: cadre.id });
  add('cadres.list', 'village', { ...page, villageId: village.id });
  add('cadres.list', 'role', { ...page, role: '第一书记' });
  for (const status of ['在岗', '期满轮换', '未派驻']) add('cadres.list', `status ${status}`, { ...page, status });
  add('cadres.list', 'below threshold', { ...page, belowOnly: true });
  add('cadres.list', 'below threshold last month by village', { ...page, belowOnly: true, month: lastMonth, sort: 'village', order: 'asc' });
  for (const sort of ['name', 'birth_date', 'unit', 'village', 'start_date', 'updated_at']) add('cadres.list', `sort ${sort}`, { ...page, sort, order: 'asc' });
  add('cadres.list', 'village sorted by start', { ...page, villageId: village.id, sort: 'start_date', order: 'desc' });
  add('cadres.summary', 'half year', { from: `${year}-01-01`, to: `${year}-06-30` });
  add('cadres.get', 'detail', { id: cadre.id });
  add('cadres.ledger', 'ledger', { id: cadre.id });

  add('floating.list', 'first page', page);
  for (const [what, search] of [
    ['name', member.name],
    ['1 char of a name', [...member.name][0]!],
    ['2 chars of a name', [...member.name].slice(-2).join('')],
    ['ID prefix', member.id_number.slice(0, 14)],
    ['phone part', member.mobile.slice(-4)],
    ['destination part', [...member.dest_text].slice(3, 5).join('')],
    ['workplace', member.workplace],
  ] as const) {
    add('floating.list', `search ${what}`, { ...page, search });
  }
  add('floating.list', 'one member', { ...page, id: member.id });
  add('floating.list', 'village', { ...page, villageId: village.id });
  for (const status of ['外出中', '已返回']) add('floating.list', `status ${status}`, { ...page, status });
  for (const flag of ['overdue', 'noContact']) add('floating.list', flag, { ...page, flag });
  for (const sort of ['name', 'left_date', 'last_contact_date', 'updated_at']) add('floating.list', `sort ${sort}`, { ...page, sort, order: 'asc' });
  add('floating.list', 'overdue sorted by last contact', { ...page, flag: 'overdue', sort: 'last_contact_date', order: 'asc' });
  add('floating.list', 'noContact sorted by left date', { ...page, flag: 'noContact', sort: 'left_date', order: 'desc' });
  add('floating.list', 'noContact in a village', { ...page, flag: 'noContact', villageId: village.id });
  add('floating.alerts', 'counts', {});
  add('floating.get', 'detail', { id: member.id });

  add('projects.list', 'first page', page);
  add('projects.list', 'search', { ...page, search: village.name.slice(0, 2) });
  add('projects.list', 'village', { ...page, villageId: village.id });
  add('projects.list', 'year', { ...page, year });
  add('projects.list', 'status', { ...page, status: '运营' });
  add('projects.list', 'category', { ...page, category: '种植' });
  for (const sort of ['year', 'village', 'name', 'status', 'total', 'progress', 'updated_at']) add('projects.list', `sort ${sort}`, { ...page, sort, order: 'desc' });
  add('projects.coverage', 'this year', { year });
  add('projects.get', 'detail', { id: project.id });

  add('dashboard.get', 'township', {});
  // The 首页's other calls, made as its figures arrive.
  add('development.alerts', '首页', { township: null });
  add('stars.weak', '首页', { township: null });
  for (const check of ['secretaryNoLog', 'longUncontacted', 'projectNoIncome', 'sharedIdNumber']) add('dashboard.quality', check, { township: null, check, page: 2, pageSize: 5 });
  add('reports.get', 'half year', { from: `${year}-01-01`, to: `${year}-06-30` });
  add('reports.get', 'last year', { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` });
  add('audit.list', 'first page', page);
  add('audit.list', 'one row', { ...page, table: 'floating_members', rowId: member.id });
  return cases;
}

let core: Core;
let dir: string;
let file: string;

beforeAll(async () => {
  // Kept for the whole file (tempDir() folders go after each test).
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-plans-'));
  file = path.join(dir, 'ledger.db');
  core = (await buildDataset(file, SIZE, { seed: 'plans' })).core;
  refreshStatistics(core.db);
}, 120_000);

afterAll(() => {
  core?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('query plans of the screens', () => {
  it('no list, filter, sort or count reads a whole large table', async () => {
    const cases = screenCases(core);
    expect(cases.length).toBeGreaterThan(60);
    expect(await scansOf(core, cases)).toEqual([]);
  }, 60_000);

  it('the 首页 counts from migration 018’s indexes and table, reading no posting, cadre or income rows', async () => {
    const rec = recorder(core);
    try {
      const r = await dispatch(core, 'dashboard.get', {});
      if (!r.ok) throw new Error(r.error.message);
      const plans = rec.take().map((stmt) => ({
        sql: stmt.sql,
        plan: (core.db.prepare(`EXPLAIN QUERY PLAN ${stmt.sql}`).all(...stmt.args) as PlanRow[]).map((p) => p.detail).join(' | '),
      }));
      const planOf = (fragment: string) => {
        const found = plans.filter((p) => p.sql.includes(fragment));
        expect(found, fragment).toHaveLength(1);
        return found[0]!.plan;
      };
      // In post by role, and 低于标准: the open postings and the cadres' liveness from indexes alone.
      for (const fragment of ['GROUP BY p.role', 'work_log_month_days']) {
        expect(planOf(fragment)).toMatch(/USING COVERING INDEX cadre_postings_in_post\b/);
        expect(planOf(fragment)).toMatch(/SEARCH c USING COVERING INDEX cadres_live\b/);
      }
      // 有投资但无收益: one probe of the live incomes' index per candidate project.
      expect(planOf('FROM project_incomes pi')).toMatch(/SEARCH p USING INDEX projects_income_due\b.*SEARCH pi USING COVERING INDEX project_incomes_live_year\b/);
      // 身份证号重复: the kept numbers, each counted on the registers' ID-number indexes; no walk of every number.
      const shared = planOf('FROM shared_id_numbers s');
      expect(shared).toMatch(/SCAN s\b/);
      expect(shared).not.toMatch(/SCAN (c|m)\b/);
      expect(plans.filter((p) => /count\(DISTINCT/i.test(p.sql))).toEqual([]);
    } finally {
      rec.stop();
    }
  });

  it('names the query and the table when an index it needs is missing (the check can fail)', async () => {
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    const copy = path.join(tempDir(), 'copy.db');
    fs.copyFileSync(file, copy);
    const broken = await openCore(copy);
    try {
      broken.db.exec('DROP INDEX floating_members_village');
      refreshStatistics(broken.db);
      const byVillage = screenCases(broken).filter((c) => c.label === 'floating.list village');
      const problems = await scansOf(broken, byVillage);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems[0]).toMatch(/^floating\.list village: SCAN floating_members in SELECT count\(\*\)/);
    } finally {
      broken.close();
    }
  }, 60_000);
});
