import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { villagesOf } from '../../db/divisions';
import { openCore, type Core } from '../../electron/core';
import { completeSetup } from '../../electron/services/setup';
import { startHost, type Host } from '../../electron/host/server';
import { rendererDir } from '../../electron/paths';
import os from 'node:os';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether the end-to-end suite can run. Locally a missing Chromium skips it with a notice; in
 * CI (CI=true) it is an error, so a broken install can never pass as green.
 */
export function browserAvailable(): boolean {
  const ok = fs.existsSync(CHROMIUM);
  if (!ok && process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}; CI requires the browser tests`);
  if (!ok) console.warn(`[e2e] skipped: Chromium not found at ${CHROMIUM} (apt-get install -y chromium fonts-noto-cjk)`);
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) throw new Error('build/renderer is missing: run npm run build:renderer (npm test does)');
  return ok;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface App {
  core: Core;
  host: Host;
  dbFile: string;
  stop(): Promise<void>;
}

/**
 * Browser mode on a fresh database file, exactly as `npm start` serves it. With `setup`, the
 * installation is already set up as 雁山镇 (450311100) with its 18 official villages, for flows
 * that start in a register rather than at the setup screen.
 */
export async function startApp(opts: { setup?: boolean } = {}): Promise<App> {
  // Its own folder, removed at stop(): the app outlives single tests.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-e2e-'));
  const dbFile = path.join(dir, 'ledger.db');
  const core = await openCore(dbFile);
  if (opts.setup) {
    const importVillages = villagesOf('450311100').map((v) => v.code);
    completeSetup(core, { role: 'township', code: '450311100', name: '雁山镇', operator: '张三', importVillages });
  }
  const host = await startHost({ core, staticDir: rendererDir });
  return {
    core,
    host,
    dbFile,
    async stop() {
      await host.close();
      core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fails the test on any uncaught page error or console error (a blank screen must not pass). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** Keeps a picture of the page when a test fails (in $TL_E2E_SHOTS or the temp folder). */
export async function screenshotOnFailure(page: Page | undefined, ctx: { task: { name: string; result?: { state?: string } } }, suffix = ''): Promise<void> {
  if (!page || ctx.task.result?.state !== 'fail') return;
  const dir = process.env.TL_E2E_SHOTS ?? path.join(os.tmpdir(), 'tl-e2e-shots');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${ctx.task.name.replace(/[^\p{L}\p{N}]+/gu, '_').slice(0, 60)}${suffix}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
  console.error(`[e2e] screenshot: ${file}`);
}
