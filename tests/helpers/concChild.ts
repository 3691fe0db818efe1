/**
 * The app's side of the concurrency tests (tests/unit/concurrency.test.ts), run as
 * `node --import tsx tests/helpers/concChild.ts saves DB KIND COUNT GAP_MS`. It opens DB as the app
 * does (claiming the file as a browser-mode instance), prints "ready", then makes COUNT saves
 * through dispatch, GAP_MS apart until a line "done" arrives on stdin (the other process finished),
 * then back to back; the last save waits for "done". Its last line is a JSON summary: how many
 * succeeded, the error codes and messages of those that did not, the ids it wrote, each save's
 * wall-clock span, and the slowest save in ms.
 *
 *   KIND villages: villages.update of one village (a register write: row, yearly rows, audit, one transaction)
 *   KIND settings: settings.update (the district clerk's save)
 */
import { createInterface } from 'node:readline';
import { dispatch } from '../../electron/api/dispatch';
import { openCore } from '../../electron/core';

const say = (line: string) => process.stdout.write(line + '\n');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function saves(file: string, kind: string, count: number, gapMs: number): Promise<void> {
  const core = await openCore(file, { instance: 'browser' });
  let done = false;
  const finished = new Promise<void>((resolve) =>
    createInterface({ input: process.stdin }).on('line', (l) => {
      if (l.trim() !== 'done') return;
      done = true;
      resolve();
    }),
  );
  const years = [{ year: 2025, stars: 3, income: '1.5' }, { year: 2024, stars: 2, income: '0.5' }];
  // Saves edit one village (not new ones, which the seeder would then staff and fill with logs).
  const home = kind === 'villages' ? await dispatch(core, 'villages.create', { name: '并发村', kind: '行政村', years }) : null;
  if (home && !home.ok) throw new Error(home.error.message);
  const village = home?.ok ? (home.value as { id: string; version: number }) : null;
  say('ready');
  let ok = 0;
  const failures: { code: string; message: string }[] = [];
  // Wall-clock start and end of each save, to compare with the other process's audit times.
  const spans: [number, number][] = [];
  for (let n = 1; n <= count; n++) {
    // The last save waits until the other process has finished, so at least one comes after it.
    if (n === count) await finished;
    const started = Date.now();
    const r =
      village
        ? await dispatch(core, 'villages.update', { id: village.id, version: village.version, name: `并发村${n}`, kind: n % 2 ? '社区' : '行政村', years })
        : // Not the contact interval: each change of it recounts the roster's contacted figure
          // over every record (migration 021), which after a 100k-record import made the saves
          // the file's slowest part, not the import they run beside.
          await dispatch(core, 'settings.update', { attendanceThresholdDays: 10 + (n % 15) });
    spans.push([started, Date.now()]);
    if (r.ok) {
      ok++;
      if (village) village.version = (r.value as { version: number }).version;
    } else failures.push(r.error);
    // Slower towards the end while the other process still runs, so a slow machine cannot use
    // up the saves before that process even starts writing.
    if (!done) await sleep(n < count - 50 ? gapMs : 500);
  }
  core.close();
  const maxMs = Math.max(...spans.map(([a, b]) => b - a));
  say(JSON.stringify({ ok, failures, ids: village ? [village.id] : [], spans, maxMs }));
  process.exit(0);
}

const [mode, file, kind, count, gap] = process.argv.slice(2);
const run = mode === 'saves' ? saves(file!, kind!, Number(count), Number(gap)) : Promise.reject(new Error(`unknown mode ${mode}`));
run.catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
