import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, type Session, type WebContents } from 'electron';
import fs from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import path from 'node:path';
import { dispatch } from './api/dispatch';
import type { Result } from './api/contract';
import type { Core } from './core';
import { openApp } from './startup';
import { startupBackup } from './services/backup';
import { attachment } from './host/downloads';
import { takeDownload } from './transfers';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  allowPermission,
  appResponseHeaders,
  isAllowedRequest,
  isAppUrl,
  isTrustedSender,
  resolveAppFile,
} from './security';

/**
 * The desktop host: one window, one database, everything local. The renderer reaches the core
 * only through the single 'tl:api' channel, which re-validates every payload (dispatch).
 */

const TITLE = '乡镇组织工作台账';
const IPC_CHANNEL = 'tl:api';
const FORBIDDEN: Result<never> = { ok: false, error: { code: 'forbidden', message: '拒绝访问' } };

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;
// Quitting cancels a start-up backup still running (its check would otherwise hold the exit).
const startupBackupAbort = new AbortController();

// Two instances writing one SQLite file (and two windows showing diverging data) would confuse
// clerks; a second launch just brings the running window forward.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  // Both must happen before 'ready'. Standard + secure gives app:// a real origin ('self' in the
  // CSP, fetch, localStorage) without any http server listening on the machine. codeCache: V8
  // keeps the compiled renderer in the profile, so a launch after the first does not compile
  // its scripts again (a fresh context's compiling was ~0.4 s of the first list row, issue 16;
  // Chromium keeps code caches for http(s) only unless a scheme asks).
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => hardenContents(contents));

  // Closing the core checkpoints the WAL, so the .db file alone is a complete copy afterwards
  // (clerks copy it to a USB stick). Township PCs run Windows/Linux: quit on last window.
  app.on('window-all-closed', () => {
    closeCore();
    app.quit();
  });
  app.on('will-quit', closeCore);

  app.whenReady().then(boot).catch(fatal);
}

async function boot(): Promise<void> {
  Menu.setApplicationMenu(process.platform === 'darwin' ? macMenu() : null);
  hardenSession(session.defaultSession);
  registerAppProtocol(path.join(app.getAppPath(), 'build', 'renderer'));

  try {
    core = await openApp(path.join(app.getPath('userData'), 'ledger.db'), { instance: 'desktop' });
  } catch (err) {
    // StoreError messages (e.g. a database written by a newer version) are Chinese and meant
    // for the clerk; show them as they are.
    dialog.showErrorBox('无法打开数据库', errorMessage(err));
    app.quit();
    return;
  }

  ipcMain.handle(IPC_CHANNEL, async (event, name: unknown, payload: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event.senderFrame?.url)) return FORBIDDEN;
    if (!core) return { ok: false, error: { code: 'closed', message: '数据库已关闭' } };
    return dispatch(core, name, payload);
  });

  createWindow();
  startupBackup(core, startupBackupAbort.signal).catch((err: Error) => console.error(`[main] automatic backup failed: ${err.name}`));
}

function createWindow(): void {
  const win = new BrowserWindow({
    title: TITLE,
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    // Shown once painted, so the clerk never sees a blank white frame.
    show: false,
    backgroundColor: '#ffffff',
    // Spelled out literally (rather than spread from a helper) so that reviewers and
    // Electronegativity see every setting where the window is made; security.test.ts checks
    // that each one equals the policy in security.ts (webPreferences()).
    webPreferences: {
      preload: path.join(app.getAppPath(), 'build', 'electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableWebSQL: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
    },
  });
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_ENTRY_URL);
}

/** Serves build/renderer over app://ledger; nothing outside that directory is reachable. */
function registerAppProtocol(rootDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const download = /^app:\/\/ledger\/download\/([0-9a-f]{48})$/.exec(request.url);
    if (download) {
      // One-time export downloads (bundles, receipts), streamed from disk like in browser mode.
      const d = takeDownload(download[1]!);
      if (!d) return new Response(null, { status: 404 });
      const body = Readable.toWeb(createReadStream(d.file)) as unknown as ReadableStream;
      return new Response(body, { status: 200, headers: { 'Content-Type': 'application/octet-stream', 'Content-Disposition': attachment(d.name) } });
    }
    const file = resolveAppFile(rootDir, request.url);
    if (!file || request.method !== 'GET') return new Response(null, { status: 404 });
    try {
      // fs (asar-aware in Electron) rather than net.fetch(file://): file: requests are blocked
      // by the session policy below, on purpose.
      const body = await fs.readFile(file);
      return new Response(new Uint8Array(body), { status: 200, headers: appResponseHeaders(file) });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
}

function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(allowPermission(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => allowPermission(permission));
  ses.setDevicePermissionHandler(() => false);
  // The app is offline by design: any request that is not our own origin is a bug or an attack.
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(details.responseHeaders ?? {})) {
      if (key.toLowerCase() !== 'content-security-policy') headers[key] = value;
    }
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
}

/** Applied to every webContents, including any a bug or injected script might create. */
function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** macOS needs an Edit menu for copy/paste shortcuts; elsewhere no menu bar at all. */
function macMenu(): Menu {
  return Menu.buildFromTemplate([
    { label: TITLE, submenu: [{ role: 'about', label: '关于' }, { type: 'separator' }, { role: 'quit', label: '退出' }] },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
  ]);
}

function closeCore(): void {
  startupBackupAbort.abort();
  if (!core) return;
  const c = core;
  core = null;
  try {
    c.close();
  } catch (err) {
    console.error('[main] closing the database failed:', (err as Error)?.name);
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error && err.message ? err.message : String(err);
}

function fatal(err: unknown): void {
  dialog.showErrorBox('程序启动失败', errorMessage(err));
  closeCore();
  app.quit();
}
