import { reportParams, type ReportPeriod } from '../../db/reports/period';
import { attendanceMonths } from '../../db/reports/attendance';
import { cadreReport } from '../../db/reports/cadres';
import { floatingReport } from '../../db/reports/floating';
import { partyDevReport } from '../../db/reports/partyDev';
import { projectReport } from '../../db/reports/projects';
import { starReport } from '../../db/reports/stars';
import { workLogReport } from '../../db/reports/workLogs';
import { openCore } from '../../electron/core';
import { localDay } from '../../electron/domain/dates';
import { buildReport } from '../../electron/services/reports';
import { readSettings } from '../../electron/services/settings';
import { reportPeriods } from './lists';

/**
 * CPU per section of the 统计报表 (`reports.get`) on a database: each section alone, then the
 * whole call (the handler, buildReport), for the bench's two periods (lists.ts reportPeriods) and, with
 * `--split`, a period made only of parts of two months. Median and max CPU ms (process.cpuUsage:
 * on a shared machine the wall time swings with the load) over `--runs` calls (default 20).
 *
 * `npx tsx tests/bench/reportSections.ts FILE [--runs N]` — opens FILE as the app does (a newer
 * schema's migrations run first), so measure on a copy.
 */

const cpuMs = (fn: () => unknown) => {
  const a = process.cpuUsage();
  fn();
  const d = process.cpuUsage(a);
  return (d.user + d.system) / 1000;
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error('usage: reportSections.ts FILE [--runs N]');
  const runsAt = process.argv.indexOf('--runs');
  const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 20;
  const core = await openCore(file);
  const settings = readSettings(core);
  const today = localDay(core.now());
  const { half, quarter, last } = reportPeriods(core);
  // From the 17th or so of the month before the last logged one to the 10th of that one.
  const first = Date.parse(`${last.slice(0, 7)}-01T00:00:00Z`);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const periods = { half, quarter, 'two part months': { from: day(first - 15 * 86_400_000), to: day(first + 9 * 86_400_000) } };
  for (const [name, p] of Object.entries(periods)) {
    const period: ReportPeriod = { ...p, contactIntervalDays: settings.contactIntervalDays };
    const params = reportParams(period, null);
    const sections: Record<string, () => unknown> = {
      attendance: () => attendanceMonths(core.db, params, settings.attendanceThresholdDays, today),
      cadres: () => cadreReport(core.db, params),
      workLogs: () => workLogReport(core.db, params),
      floating: () => floatingReport(core.db, params),
      projects: () => projectReport(core.db, params),
      partyDev: () => partyDevReport(core.db, params),
      stars: () => starReport(core.db, params),
      'reports.get': () => buildReport(core, { ...p, township: null }),
    };
    const out: string[] = [];
    for (const [section, fn] of Object.entries(sections)) {
      const times: number[] = [];
      for (let i = 0; i < runs + 2; i++) {
        const t = cpuMs(fn);
        if (i >= 2) times.push(t);
      }
      out.push(`${section} ${median(times).toFixed(1)} / ${Math.max(...times).toFixed(1)}`);
    }
    console.log(`${name} ${p.from}..${p.to} (CPU ms, median / max of ${runs}): ${out.join(', ')}`);
  }
  core.close();
}

void main();
