import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot, rendererDir } from '../../electron/paths';
import { launchBrowser } from '../helpers/browser';
import { percentile } from './lists';

/**
 * start: from launching browser mode the way `npm start` does (node electron/launch.mjs, here with
 * --browser and --db pointing at the dataset; the app is already built) to the first row
 * of the first register list rendered in Chromium (via the menu from the landing page). Chromium itself is started beforehand, as
 * the clerk's browser is already open; each run gets a fresh browser context (cold cache).
 */

export interface StartFigures {
  runs: number;
  /** Launch until the address with its token is printed. */
  hostReadyMs: number;
  /** Launch until the main screen (its menu) is shown in Chromium. */
  firstScreenMs: number;
  /** Launch until the first row of the 村（社区） register is visible (menu click included), median of the runs. */
  firstListMs: number;
  /** The first run alone (the database file's pages not yet in the OS cache, if it was cold). */
  firstRunMs: number;
}

/** The pause between opening the fresh tab and launching the app (see benchStart). */
const TAB_SETTLE_MS = 1000;

const URL_LINE = /^(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/m;

/** What `npm start` runs: the launcher, which starts the built app with plain Node. */
const LAUNCH = path.join(projectRoot, 'electron', 'launch.mjs');

/** Builds (only) what is older than its sources, as `npm start` would, before any timing. */
export function ensureBuilt(): void {
  // --browser, as the launch measured has it: the desktop window's bundle is not what it starts.
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `await (await import(${JSON.stringify(pathToFileURL(LAUNCH).href)})).ensureBuilt()`, '--', '--browser'], {
    cwd: projectRoot,
    // Its progress to stderr: stdout carries only the bench's JSON with --json.
    stdio: ['ignore', 2, 2],
  });
  if (r.status !== 0 || !fs.existsSync(path.join(rendererDir, 'index.html'))) throw new Error('bench: building the app failed');
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      const m = URL_LINE.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (b: Buffer) => (err += b.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`bench: browser mode exited (${code}) before printing its address: ${err.slice(0, 300)}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  // Browser mode waits for its start-up backup before exiting; at scale 1 that is a copy of a
  // 2 GB file. The backup is written under a temporary name and cleaned at the next start, so
  // the bench cuts it short rather than wait minutes per run.
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export async function benchStart(dbFile: string, runs: number): Promise<StartFigures> {
  ensureBuilt();
  const browser = await launchBrowser();
  const ready: number[] = [];
  const screen: number[] = [];
  const listed: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      // The clerk's browser is open before the app starts: its fresh tab (a new context, so no
      // cached file) is ready before the launch, and only the app's own time is measured. Until
      // 2026-12-01 the context and tab were made after the address was printed, which charged
      // Chromium's own context and tab creation (0.25-0.5 s at load 7) to the app's launch.
      const context = await browser.newContext();
      const page = await context.newPage();
      // The new tab's processes go on starting for a while after newPage(): a browser that is
      // already open is at rest when the app launches (without this pause the address came
      // 0.3-0.5 s later at load 7, the tab's start-up competing with the app's for the 2 cores).
      await new Promise((r) => setTimeout(r, TAB_SETTLE_MS));
      // And the disk at rest: the writes of the stages before (the sync stage leaves some 2 GB of
      // district files) and of the run before (its start-up backup, cut short) are flushed first.
      // With 1.5 GB waiting to be written, the first list row came 0.15-0.2 s later (2026-12-03:
      // 1,447 ms against 1,246 and 1,318; the whole run's launch right after its sync stage, 1,548).
      spawnSync('sync');
      const t0 = performance.now();
      const child = spawn(process.execPath, [LAUNCH, '--browser', '--db', dbFile], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        const url = await waitForUrl(child);
        ready.push(performance.now() - t0);
        await page.goto(url);
        // The landing page (首页) is not a register: the clerk's first list is one menu click away.
        const menu = page.getByRole('menuitem', { name: '村（社区）' });
        await menu.waitFor({ state: 'visible', timeout: 180_000 });
        screen.push(performance.now() - t0);
        await menu.click();
        await page.locator('.ant-table-row').first().waitFor({ state: 'visible', timeout: 180_000 });
        listed.push(performance.now() - t0);
      } finally {
        await context.close();
        await stop(child);
      }
    }
  } finally {
    await browser.close();
  }
  const firstRunMs = listed[0]!;
  ready.sort((a, b) => a - b);
  listed.sort((a, b) => a - b);
  screen.sort((a, b) => a - b);
  return { runs, hostReadyMs: percentile(ready, 50), firstScreenMs: percentile(screen, 50), firstListMs: percentile(listed, 50), firstRunMs };
}
