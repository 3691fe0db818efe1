import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchResult, CompleteResult } from '../bench/report';
import { CHROMIUM } from '../helpers/browser';

const root = path.resolve(import.meta.dirname, '../..');

/** Every number under `value`, with its path. */
function numbers(value: unknown, at = ''): [string, unknown][] {
  if (typeof value === 'number') return [[at, value]];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => numbers(v, at ? `${at}.${k}` : k));
  return [];
}

// The start figure needs Chromium; CI always has it (and fails without it), as for the e2e suite.
function bench(args: string[]): Promise<string> {
  return new Promise<string>((resolve, reject) =>
    execFile(process.execPath, ['--import', 'tsx', 'tests/bench/run.ts', ...args], { cwd: root, timeout: 120_000, maxBuffer: 8 << 20 }, (err, out, errText) =>
      err ? reject(new Error(`${err.message}\n${errText}`)) : resolve(out),
    ),
  );
}

describe('npm run bench -- --only', () => {
  it('measures only the stages named, with their sections and targets alone', async () => {
    const r = JSON.parse(await bench(['--json', '--scale', '0.002', '--only', 'lists'])) as BenchResult;
    expect(Object.keys(r.stageSeconds).sort()).toEqual(['dataset', 'lists']);
    expect(r.lists?.queries.length).toBeGreaterThan(10);
    for (const k of ['store', 'sync', 'start', 'excel'] as const) expect(r[k], k).toBeUndefined();
    expect(r.targets.map((t) => t.target)).toEqual(r.lists!.queries.map((q) => `${q.query} p95`));
  }, 150_000);

  it('refuses a stage it does not know, naming the ones it does', async () => {
    await expect(bench(['--only', 'lists,reports'])).rejects.toThrow(/--only 应为以下阶段之一.*lists, store, sync, start, excel/);
  });
});

describe.runIf(fs.existsSync(CHROMIUM) || !!process.env.CI)('npm run bench', () => {
  it('prints machine-readable JSON with every section and only finite figures (shape only, no speed asserted)', async () => {
    const r = JSON.parse(await bench(['--json', '--scale', '0.002'])) as CompleteResult;
    expect(Object.keys(r)).toEqual(expect.arrayContaining(['machine', 'scale', 'dataset', 'store', 'lists', 'sync', 'start', 'excel', 'targets']));
    expect(r.scale).toBe(0.002);
    expect(r.machine.cores).toBeGreaterThan(0);
    expect(r.store.registers.map((s) => s.register)).toEqual(['villages', 'cadres', 'workLogs', 'floating', 'contacts', 'projects']);
    expect(Object.keys(r.store.synchronous)).toEqual(['register', 'fullRowsPerSec', 'normalRowsPerSec', 'ratio']);
    expect(r.lists.queries.map((q) => q.query)).toEqual(
      expect.arrayContaining(['驻村干部 first page', '驻村干部 search by ID prefix', '流动党员 filter by village', '流动党员 overdue filter', '一村一项目 coverage']),
    );
    expect(Object.keys(r.sync)).toEqual(expect.arrayContaining(['export', 'import', 'bundles50']));
    expect(r.sync.bundles50.bundles).toBe(50);
    // The whole district: all 15 townships' first bundles, the measured one's rows among them.
    expect(r.sync.district.townships).toBe(15);
    expect(r.sync.district.rows).toBeGreaterThan(r.sync.rows);
    expect(Object.keys(r.start)).toEqual(expect.arrayContaining(['hostReadyMs', 'firstScreenMs', 'firstListMs']));
    // A target per list query (the name search by 1, 2 and 3 characters among them, the dashboard
    // and a report), per launch figure and for the whole district's import, each judged from the figures beside it.
    expect(r.lists.queries.map((q) => q.query)).toEqual(expect.arrayContaining(['流动党员 search 1st char', '流动党员 search 2 chars', '首页 dashboard', '统计报表 half year', '统计报表 logged quarter']));
    expect(r.excel.files.map((f) => f.rows)).toEqual([20, 200]);
    for (const f of r.excel.files) expect(f.written).toBe(f.rows);
    // …and per Excel file (issue 16 item 5: checked and imported within 2 s / 15 s).
    // …and items 4, 6 and 7: the import's and each register's raw ÷ app, and the bundles' memory.
    expect(r.targets).toHaveLength(r.lists.queries.length + 3 + r.excel.files.length + 1 + r.store.registers.length + 4);
    // The whole dataset as one bundle, for memory as the bundle grows: more rows than the share's.
    expect(r.sync.large.rows).toBeGreaterThan(r.sync.rows);
    for (const t of r.targets) expect(t.ok).toBe(t.measured <= t.limit);
    expect(r.targets.find((t) => t.target === '首页 dashboard p95')?.limit).toBe(100);

    const all = numbers(r);
    expect(all.length).toBeGreaterThan(100);
    for (const [at, n] of all) {
      expect(Number.isFinite(n), at).toBe(true);
      // Counts of matching rows and memory growth may be zero; every rate, latency and size is positive.
      if (/(PerSec|Ms|ratio|Seconds|Mb|Bytes|seconds)$/.test(at) && !/Growth/.test(at)) expect(n, at).toBeGreaterThan(0);
      else expect(n, at).toBeGreaterThanOrEqual(0);
    }
  }, 150_000);
});
