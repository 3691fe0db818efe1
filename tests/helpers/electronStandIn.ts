import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY, webPreferences } from '../../electron/security';

/**
 * A stand-in for only the Electron APIs electron/main.ts calls (no Electron binary can be had
 * here). It records what main.ts registers; desktopHostSuite then drives those registrations as
 * Electron would. Used on the source (mainProcess.test.ts) and on the built bundle
 * (mainBundle.test.ts).
 */

type Listener = (...args: unknown[]) => unknown;

export function electronStandIn() {
  const fake = {
    /** Set before main is loaded; read by the stand-in only when called. */
    appPath: '',
    userData: '',
    singleInstanceAsked: 0,
    appEvents: new Map<string, Listener>(),
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, (req: { url: string; method: string }) => Promise<Response>>(),
    ipc: new Map<string, Listener>(),
    windows: [] as { options: Record<string, unknown>; loaded: string[] }[],
    session: {} as Record<string, Listener>,
    quit: 0,
    sandboxed: false,
    errors: [] as string[],
  };

  class BrowserWindow {
    private rec: { options: Record<string, unknown>; loaded: string[] };
    constructor(options: Record<string, unknown>) {
      this.rec = { options, loaded: [] };
      fake.windows.push(this.rec);
    }
    once() {}
    on() {}
    show() {}
    loadURL(url: string) {
      this.rec.loaded.push(url);
      return Promise.resolve();
    }
  }
  const electron = {
    app: {
      isPackaged: true,
      requestSingleInstanceLock: () => ++fake.singleInstanceAsked > 0,
      enableSandbox: () => (fake.sandboxed = true),
      on: (event: string, fn: Listener) => fake.appEvents.set(event, fn),
      whenReady: () => Promise.resolve(),
      getAppPath: () => fake.appPath,
      getPath: (name: string) => (name === 'userData' ? fake.userData : fake.appPath),
      quit: () => fake.quit++,
    },
    BrowserWindow,
    dialog: { showErrorBox: (_title: string, message: string) => fake.errors.push(message) },
    ipcMain: { handle: (channel: string, fn: Listener) => fake.ipc.set(channel, fn) },
    Menu: { setApplicationMenu: () => undefined, buildFromTemplate: () => ({}) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => fake.privileged.push(...schemes),
      handle: (scheme: string, fn: (req: { url: string; method: string }) => Promise<Response>) => fake.protocolHandlers.set(scheme, fn),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Listener) => (fake.session.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Listener) => (fake.session.permissionCheck = fn),
        setDevicePermissionHandler: (fn: Listener) => (fake.session.devicePermission = fn),
        webRequest: {
          onBeforeRequest: (fn: Listener) => (fake.session.beforeRequest = fn),
          onHeadersReceived: (fn: Listener) => (fake.session.headersReceived = fn),
        },
      },
    },
  };
  return { fake, electron };
}

export type StandIn = ReturnType<typeof electronStandIn>;

const INDEX = '<!doctype html><title>乡镇组织工作台账</title>';

/** The desktop host's checks, on whatever `load` runs against the stand-in. */
export function desktopHostSuite(label: string, standIn: StandIn, load: () => Promise<void>): void {
  const { fake } = standIn;

  beforeAll(async () => {
    fake.appPath = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-main-'));
    fake.userData = path.join(fake.appPath, 'userData');
    fs.mkdirSync(path.join(fake.appPath, 'build', 'renderer'), { recursive: true });
    fs.writeFileSync(path.join(fake.appPath, 'build', 'renderer', 'index.html'), INDEX);
    fs.mkdirSync(fake.userData, { recursive: true });
    await load();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 10_000 });
  }, 120_000);

  afterAll(() => {
    fake.appEvents.get('window-all-closed')?.();
    expect(fake.quit).toBe(1);
    fs.rmSync(fake.appPath, { recursive: true, force: true });
  });

  /** A webContents as Electron would hand it to 'web-contents-created', recording main.ts's hooks. */
  function contents() {
    const on = new Map<string, Listener>();
    let openHandler: Listener = () => undefined;
    const c = {
      setWindowOpenHandler: (fn: Listener) => (openHandler = fn),
      on: (event: string, fn: Listener) => on.set(event, fn),
    };
    fake.appEvents.get('web-contents-created')!({}, c);
    /** True when main.ts prevented the event. */
    const prevented = (event: string, url?: string) => {
      let stopped = false;
      on.get(event)!({ url, preventDefault: () => (stopped = true) });
      return stopped;
    };
    return { openWindow: (url: string) => openHandler({ url }), prevented };
  }

  describe(`the desktop host (${label}) with a stand-in Electron`, () => {
    it('starts as the single instance, sandboxed, with one window whose options are exactly the policy of security.ts', () => {
      expect(fake.errors).toEqual([]);
      expect(fake.singleInstanceAsked).toBe(1);
      expect(fake.sandboxed).toBe(true);
      const [win] = fake.windows;
      expect(win!.options.webPreferences).toEqual(webPreferences({ preload: path.join(fake.appPath, 'build', 'electron', 'preload.cjs'), packaged: true }));
      expect(win!.loaded).toEqual([APP_ENTRY_URL]);
    });

    it('serves the built renderer over app:// with the CSP header, and nothing outside it', async () => {
      const handler = fake.protocolHandlers.get('app')!;
      const page = await handler({ url: APP_ENTRY_URL, method: 'GET' });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toBe(INDEX);
      expect((await handler({ url: 'app://ledger/../../etc/passwd', method: 'GET' })).status).toBe(404);
      expect((await handler({ url: 'app://ledger/index.html', method: 'POST' })).status).toBe(404);
      expect((await handler({ url: 'app://ledger/download/' + '0'.repeat(48), method: 'GET' })).status).toBe(404);
    });

    it('answers an IPC call from the app page through dispatch, and refuses other senders and channels', async () => {
      const call = fake.ipc.get('tl:api')!;
      expect([...fake.ipc.keys()]).toEqual(['tl:api']);
      const fromApp = { senderFrame: { url: APP_ENTRY_URL } };
      expect(await call(fromApp, 'app.status', {})).toMatchObject({ ok: true, value: { setup: null } });
      expect(await call(fromApp, 'villages.create', { name: '东立村', kind: '行政村' })).toMatchObject({ ok: false, error: { code: 'not_setup' } });
      // The offline division data is a package file resolved at runtime (see vite.electron.config.ts).
      expect(await call(fromApp, 'setup.lookupDivision', { code: '450311100' })).toMatchObject({ ok: true, value: { name: '雁山镇' } });
      expect(await call(fromApp, 'shell.openExternal', {})).toEqual({ ok: false, error: { code: 'unknown_channel', message: '未知的操作' } });
      for (const senderFrame of [{ url: 'https://evil.example/' }, { url: 'file:///etc/passwd' }, null]) {
        expect(await call({ senderFrame }, 'app.status', {})).toEqual({ ok: false, error: { code: 'forbidden', message: '拒绝访问' } });
      }
    });

    it('denies new windows, navigation, redirects and webviews away from the app', () => {
      const c = contents();
      expect(c.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
      expect(c.openWindow(APP_ENTRY_URL)).toEqual({ action: 'deny' });
      for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
        expect(c.prevented(event, 'https://evil.example/'), event).toBe(true);
        expect(c.prevented(event, 'file:///etc/passwd'), event).toBe(true);
        expect(c.prevented(event, APP_ENTRY_URL), event).toBe(false);
      }
      expect(c.prevented('will-attach-webview')).toBe(true);
    });

    it('cancels every request off the app origin, grants no permission and forces the CSP on responses', () => {
      const cancelled = (url: string) => {
        let out: unknown;
        fake.session.beforeRequest!({ url }, (r: { cancel: boolean }) => (out = r.cancel));
        return out;
      };
      expect(cancelled('https://example.com/')).toBe(true);
      expect(cancelled('file:///etc/passwd')).toBe(true);
      expect(cancelled('app://ledger/assets/x.js')).toBe(false);
      let granted: unknown;
      fake.session.permissionRequest!({}, 'media', (g: boolean) => (granted = g));
      expect(granted).toBe(false);
      expect(fake.session.permissionCheck!({}, 'clipboard-read')).toBe(false);
      expect(fake.session.devicePermission!()).toBe(false);
      let headers: Record<string, string[]> = {};
      fake.session.headersReceived!({ responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Other': ['1'] } }, (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders));
      expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    });

    it('registers app:// as a standard secure scheme before ready', () => {
      expect(fake.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    });
  });
}
