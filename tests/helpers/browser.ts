import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { villagesOf } from '../../db/divisions';
import { openCore, type Core, type CoreOptions } from '../../electron/core';
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
export async function startApp(opts: { setup?: boolean; fill?: (core: Core) => Promise<unknown>; core?: CoreOptions } = {}): Promise<App> {
  // Its own folder, removed at stop(): the app outlives single tests.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-e2e-'));
  const dbFile = path.join(dir, 'ledger.db');
  let core = await openCore(dbFile);
  if (opts.setup) {
    const importVillages = villagesOf('450311100').map((v) => v.code);
    completeSetup(core, { role: 'township', code: '450311100', name: '雁山镇', operator: '张三', importVillages });
  }
  await opts.fill?.(core);
  // Options that act at opening (the start-up check's) apply to the file as set up: opened again.
  if (opts.core) {
    core.close();
    core = await openCore(dbFile, opts.core);
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

/**
 * After a failed test, the screenshot, then a reload: a drawer, dialog or dropdown the failure
 * left open would otherwise block every later test of the file (a modal's mask over the menu),
 * turning one failure into a string of them. The register and its filters survive a reload.
 */
async function afterFailure(page: Page | undefined, ctx: { task: { name: string; result?: { state?: string } } }, suffix = ''): Promise<void> {
  await screenshotOnFailure(page, ctx, suffix);
  if (page && ctx.task.result?.state === 'fail') await page.reload().catch(() => undefined);
}

export interface PageOptions {
  /** Defaults to 1440×900. */
  viewport?: { width: number; height: number };
  /** Default timeout of every page action and wait, in ms; defaults to 10 s. */
  timeout?: number;
}

/** A new zh-CN page (downloads accepted) and the errors it reports (see watchErrors). */
export async function openPage(browser: Browser, opts: PageOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport: opts.viewport ?? { width: 1440, height: 900 }, acceptDownloads: true });
  page.setDefaultTimeout(opts.timeout ?? 10_000);
  return { page, errors: watchErrors(page) };
}

export interface SessionOptions extends PageOptions {
  /** As startApp: the installation is already set up as 雁山镇. */
  setup?: boolean;
  /** Fills the database after the app starts and before the page first loads it. */
  seed?: (app: App) => unknown;
  /** Load the app's open URL in the page (default true); false leaves the page blank. */
  goto?: boolean;
}

/** One browser, app and page shared by the tests of a describe block; read them inside tests/hooks. */
export interface AppSession {
  readonly browser: Browser;
  readonly app: App;
  readonly page: Page;
  /** Uncaught page errors and console errors so far. */
  readonly errors: string[];
}

/**
 * Registers the vitest hooks of the usual end-to-end session: before all, launch Chromium,
 * start the app (seeded), open a page and load the app; after each failed test, a screenshot;
 * after all, close and remove everything. Call it at the top of a describe block; further
 * beforeAll hooks (e.g. opening a register) run after this one.
 */
export function appSession(opts: SessionOptions = {}): AppSession {
  let browser: Browser | undefined;
  let app: App | undefined;
  let opened: { page: Page; errors: string[] } | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await startApp({ setup: opts.setup });
    await opts.seed?.(app);
    opened = await openPage(browser, opts);
    if (opts.goto !== false) await opened.page.goto(app.host.openUrl);
  });

  afterEach((ctx) => afterFailure(opened?.page, ctx));

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`appSession: ${what} is not ready (read it inside a test or hook, after beforeAll)`);
    return value;
  };
  return {
    get browser() {
      return ready(browser, 'browser');
    },
    get app() {
      return ready(app, 'app');
    },
    get page() {
      return ready(opened?.page, 'page');
    },
    get errors() {
      return ready(opened?.errors, 'errors');
    },
  };
}

/** A township (雁山镇, set up) and a district (雁山区委组织部), each in its own page of one browser. */
export interface SyncSession {
  readonly town: App;
  readonly district: App;
  /** The township's page and the district's, both loaded. */
  readonly tp: Page;
  readonly dp: Page;
  /** Page errors of both pages so far. */
  readonly errors: string[];
}

/**
 * Registers the hooks of a township → district end-to-end flow, as appSession does for one app:
 * `prepare` runs on the two cores after setup and before the pages first load.
 */
export function syncSession(opts: PageOptions & { prepare?: (town: App, district: App) => unknown } = {}): SyncSession {
  let browser: Browser | undefined;
  let apps: { town: App; district: App } | undefined;
  let pages: { tp: Page; dp: Page; errors: string[][] } | undefined;

  beforeAll(async () => {
    const b = await launchBrowser();
    browser = b;
    const town = await startApp({ setup: true });
    const district = await startApp();
    apps = { town, district };
    completeSetup(district.core, { role: 'district', code: '450311', name: '雁山区委组织部', operator: '王科长', importVillages: [] });
    await opts.prepare?.(town, district);
    const [t, d] = [await openPage(b, opts), await openPage(b, opts)];
    pages = { tp: t.page, dp: d.page, errors: [t.errors, d.errors] };
    await t.page.goto(town.host.openUrl);
    await d.page.goto(district.host.openUrl);
  });

  afterEach(async (ctx) => {
    await afterFailure(pages?.tp, ctx, '-township');
    await afterFailure(pages?.dp, ctx, '-district');
  });

  afterAll(async () => {
    await browser?.close();
    await apps?.town.stop();
    await apps?.district.stop();
  });

  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('syncSession: read it inside a test or hook, after beforeAll');
    return value;
  };
  return {
    get town() {
      return ready(apps).town;
    },
    get district() {
      return ready(apps).district;
    },
    get tp() {
      return ready(pages).tp;
    },
    get dp() {
      return ready(pages).dp;
    },
    get errors() {
      return ready(pages).errors.flat();
    },
  };
}
