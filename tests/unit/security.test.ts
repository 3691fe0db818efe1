import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  allowPermission,
  appResponseHeaders,
  contentTypeFor,
  isAllowedRequest,
  isAppUrl,
  isTrustedSender,
  resolveAppFile,
  webPreferences,
} from '../../electron/security';
import { CHANNELS, isChannel } from '../../electron/api/channels';
import { contract } from '../../electron/api/contract';
import { handlers } from '../../electron/api/handlers';
import { startHost } from '../../electron/host/server';
import { freshCore } from '../helpers/core';
import { tempDir } from '../helpers/tmp';

// Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security),
// checked on the policy functions, on the headers real responses carry and, statically, on the
// main-process source where Electronegativity reads it (Electron itself cannot run here: main.ts
// and the preload run against a stand-in in mainProcess.test.ts and preload.test.ts).

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (rel: string) => fs.readFileSync(path.join(repo, rel), 'utf8');

describe('webPreferences', () => {
  const packaged = webPreferences({ preload: '/app/build/electron/preload.cjs', packaged: true });

  it('isolates and sandboxes the renderer with no Node access', () => {
    expect(packaged).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on and experimental or risky features off', () => {
    expect(packaged).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(packaged.enableBlinkFeatures).toBeUndefined();
  });

  it('passes the preload through and allows DevTools only in development', () => {
    expect(packaged.preload).toBe('/app/build/electron/preload.cjs');
    expect(packaged.devTools).toBe(false);
    expect(webPreferences({ preload: '/x', packaged: false }).devTools).toBe(true);
  });
});

/** The headers of real responses from the browser-mode host: a page, a script, an API answer. */
async function browserModeHeaders(): Promise<Record<string, Headers>> {
  const core = await freshCore();
  const staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>台账</title>');
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  const h = await startHost({ core, staticDir });
  try {
    const page = await fetch(h.url);
    const script = await fetch(`${h.url}assets/app.js`);
    const api = await fetch(`${h.url}api/app.status`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Ledger-Token': h.token }, body: '{}' });
    expect([page.status, script.status, api.status]).toEqual([200, 200, 200]);
    expect(await page.text()).toContain('台账');
    return { page: page.headers, script: script.headers, api: api.headers };
  } finally {
    await h.close();
  }
}

describe('Content-Security-Policy as the hosts send it', () => {
  let served: Record<string, Headers>;
  let policy: string;
  let directives: Map<string, string[]>;
  beforeAll(async () => {
    served = await browserModeHeaders();
    policy = served.page!.get('content-security-policy') ?? '';
    directives = new Map(
      policy.split(';').map((d) => {
        const [name = '', ...sources] = d.trim().split(/\s+/);
        return [name, sources] as const;
      }),
    );
  });

  it('comes with every browser-mode response and every app:// response, the same everywhere', () => {
    expect(policy).not.toBe('');
    for (const [what, headers] of Object.entries(served)) {
      expect(headers.get('content-security-policy'), what).toBe(policy);
      expect(headers.get('x-content-type-options'), what).toBe('nosniff');
    }
    const root = path.resolve('/srv/app/build/renderer');
    for (const url of [APP_ENTRY_URL, `${APP_ORIGIN}/assets/index-abc.js`]) {
      const headers = appResponseHeaders(resolveAppFile(root, url)!);
      expect(headers['Content-Security-Policy'], url).toBe(policy);
      expect(headers['X-Content-Type-Options'], url).toBe('nosniff');
    }
    expect(appResponseHeaders(resolveAppFile(root, APP_ENTRY_URL)!)['Content-Type']).toMatch(/^text\/html/);
  });

  it('denies by default and locks down objects, base, forms and framing', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('runs only our own scripts, never eval', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(policy).not.toMatch(/unsafe-eval|wasm-unsafe-eval|unsafe-hashes|strict-dynamic/);
  });

  it('names no remote origin, wildcard or network scheme', () => {
    expect(policy).not.toContain('*');
    expect(policy).not.toMatch(/\b(https?|wss?|ftp|blob|filesystem):/i);
    expect(policy).not.toMatch(/\/\//);
    for (const [name, sources] of directives) {
      for (const source of sources) {
        const allowed = ["'self'", "'none'"];
        if (name === 'style-src') allowed.push("'unsafe-inline'"); // Ant Design's runtime <style> tags
        if (name === 'img-src' || name === 'font-src') allowed.push('data:');
        expect(allowed, `${name} ${source}`).toContain(source);
      }
    }
  });
});

describe('app origin', () => {
  it('serves the entry page from the one origin it trusts', () => {
    const root = path.resolve('/srv/app/build/renderer');
    expect(APP_ENTRY_URL.startsWith(`${APP_ORIGIN}/`)).toBe(true);
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isTrustedSender(APP_ENTRY_URL)).toBe(true);
    expect(isAllowedRequest(APP_ENTRY_URL)).toBe(true);
    expect(resolveAppFile(root, APP_ENTRY_URL)).toBe(path.join(root, 'index.html'));
  });

  it('accepts only URLs on exactly that origin', () => {
    for (const ok of ['app://ledger/index.html', 'app://ledger/', 'app://ledger/assets/index-abc.js?x=1#top']) {
      expect(isAppUrl(ok), ok).toBe(true);
    }
    for (const bad of [
      'https://example.com',
      'http://127.0.0.1:5173/',
      'file:///etc/passwd',
      'app://other/index.html',
      'app://ledger.evil.com/index.html',
      'app://evil.com/ledger',
      'app://user@ledger/index.html',
      'app://ledger:8080/index.html',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'devtools://devtools/bundled/inspector.html',
      'app:ledger',
      '',
      'not a url',
    ]) {
      expect(isAppUrl(bad), bad).toBe(false);
    }
    expect(isAppUrl(undefined)).toBe(false);
    expect(isAppUrl(null)).toBe(false);
  });

  it('trusts only IPC senders on the app origin', () => {
    expect(isTrustedSender('app://ledger/index.html')).toBe(true);
    expect(isTrustedSender(undefined)).toBe(false);
    expect(isTrustedSender('')).toBe(false);
    expect(isTrustedSender('http://127.0.0.1')).toBe(false);
    expect(isTrustedSender('http://127.0.0.1:4173/index.html')).toBe(false);
    expect(isTrustedSender('about:blank')).toBe(false);
    expect(isTrustedSender('file:///opt/app/build/renderer/index.html')).toBe(false);
  });
});

describe('resolveAppFile', () => {
  const root = path.resolve('/srv/app/build/renderer');

  it('maps app URLs to files under the root, defaulting to index.html', () => {
    expect(resolveAppFile(root, 'app://ledger/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://ledger')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://ledger/index.html?v=1#/villages')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://ledger/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppFile(root, 'app://ledger/assets/')).toBe(path.join(root, 'assets', 'index.html'));
    expect(resolveAppFile(root, 'app://ledger/fonts/%E5%AE%8B%E4%BD%93.woff2')).toBe(path.join(root, 'fonts', '宋体.woff2'));
  });

  it('refuses path traversal in every spelling', () => {
    for (const url of [
      'app://ledger/../../etc/passwd',
      'app://ledger/assets/../../../etc/passwd',
      'app://ledger/%2e%2e/%2e%2e/etc/passwd',
      'app://ledger/%2E%2E/%2E%2E/etc/passwd',
      'app://ledger/.%2e/secret',
      'app://ledger/..%2f..%2fetc%2fpasswd',
      'app://ledger/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'app://ledger/..%5c..%5cwindows%5cwin.ini',
      'app://ledger/assets\\..\\..\\secret',
      'app://ledger/%252e%252e/secret',
    ]) {
      const file = resolveAppFile(root, url);
      // Either refused outright or, for double encoding, a literal name that stays inside.
      if (file !== null) expect(file.startsWith(root + path.sep), url).toBe(true);
      if (!url.includes('%25')) expect(file, url).toBeNull();
    }
  });

  it('refuses absolute paths, NUL bytes, malformed escapes and foreign origins', () => {
    expect(resolveAppFile(root, 'app://ledger//etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(resolveAppFile(root, 'app://ledger/index.html%00.js')).toBeNull();
    expect(resolveAppFile(root, 'app://ledger/%E0%A4%A')).toBeNull();
    expect(resolveAppFile(root, 'app://other/index.html')).toBeNull();
    expect(resolveAppFile(root, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppFile(root, 'https://example.com/index.html')).toBeNull();
  });
});

describe('session policy', () => {
  it('lets only our origin (and DevTools, inline data) through', () => {
    expect(isAllowedRequest('app://ledger/assets/x.js')).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html')).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequest('blob:app://ledger/8d2c7c1e-0000-4000-8000-000000000000')).toBe(true);
    expect(isAllowedRequest('blob:https://evil.example/8d2c7c1e')).toBe(false);
    for (const url of [
      'https://example.com/',
      'http://localhost:5173/',
      'ws://127.0.0.1:9229/',
      'file:///etc/passwd',
      'ftp://x/',
      'app://other/',
      'chrome-extension://abc/x.js',
    ]) {
      expect(isAllowedRequest(url), url).toBe(false);
    }
  });

  it('grants no permission', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'usb', 'serial', 'hid', 'unknown']) {
      expect(allowPermission(p), p).toBe(false);
    }
  });

  it('serves module scripts and styles with explicit types', () => {
    expect(contentTypeFor('a/b.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('x.css')).toMatch(/^text\/css/);
    expect(contentTypeFor('x.woff2')).toBe('font/woff2');
    expect(contentTypeFor('x.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('x.unknown')).toBe('application/octet-stream');
  });
});

// ---- static checks on the Electron entry points ----------------------------------------------

/** Source with comments removed, so a comment quoting a forbidden setting is not a finding. */
function code(rel: string): string {
  return read(rel)
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('electron/main.ts', () => {
  const main = code('electron/main.ts');

  it('builds the window with exactly the policy of security.ts, spelled out for Electronegativity', () => {
    const literal = /webPreferences:\s*\{([^}]*)\}/.exec(main)?.[1];
    expect(literal, 'a literal webPreferences object in new BrowserWindow').toBeDefined();
    const entries = new Map(
      literal!
        .split(/,\s*\n/)
        .map((e) => e.trim().replace(/,$/, ''))
        .filter(Boolean)
        .map((e) => [e.slice(0, e.indexOf(':')).trim(), e.slice(e.indexOf(':') + 1).trim()] as const),
    );
    const policy = webPreferences({ preload: '/p', packaged: true });
    expect([...entries.keys()].sort()).toEqual(Object.keys(policy).sort());
    for (const [key, value] of Object.entries(policy)) {
      if (key === 'preload') expect(entries.get(key)).toMatch(/preload\.cjs'\)$/);
      else if (key === 'devTools') expect(entries.get(key)).toBe('!app.isPackaged');
      else expect(entries.get(key), key).toBe(typeof value === 'string' ? `'${value}'` : String(value));
    }
  });
});

describe('electron/preload.ts', () => {
  const preload = code('electron/preload.ts');

  it('imports nothing at runtime but electron and the channel list (it runs sandboxed)', () => {
    const runtimeImports = [...preload.matchAll(/^import\s+(?!type\b)[^'"]*from\s*'([^']+)'/gm)].map((m) => m[1]);
    expect(runtimeImports.sort()).toEqual(['./api/channels', 'electron']);
    expect(preload).not.toMatch(/\brequire\(/);
  });
});

describe("runtime imports of 'electron'", () => {
  function tsFiles(dir: string): string[] {
    const abs = path.join(repo, dir);
    if (!fs.existsSync(abs)) return [];
    return fs.readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
      const rel = path.posix.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : tsFiles(rel);
      return /\.(c|m)?tsx?$/.test(e.name) ? [rel] : [];
    });
  }

  const ELECTRON = `['"]electron(?:/[\\w-]+)?['"]`;
  const runtimeImport = new RegExp(
    [
      `^\\s*import\\s+(?!type\\b)[^;]*?from\\s*${ELECTRON}`,
      `^\\s*import\\s*${ELECTRON}`,
      `^\\s*export\\s+(?!type\\b)[^;]*?from\\s*${ELECTRON}`,
      `\\brequire\\(\\s*${ELECTRON}\\s*\\)`,
      `\\bimport\\(\\s*${ELECTRON}\\s*\\)`,
    ].join('|'),
    'm',
  );

  it('happen only in main.ts and preload.ts, so everything else runs in plain Node', () => {
    const files = [...tsFiles('electron'), ...tsFiles('db')];
    expect(files).toContain('electron/security.ts');
    const importing = files.filter((f) => runtimeImport.test(code(f)));
    expect(importing.sort()).toEqual(['electron/main.ts', 'electron/preload.ts']);
  });
});

describe('preload allow-list (the data the sandboxed preload checks every call against)', () => {
  it('lists every channel of the contract and the dispatch, once, and nothing else', () => {
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
    expect([...CHANNELS].sort()).toEqual(Object.keys(contract).sort());
    expect([...CHANNELS].sort()).toEqual(Object.keys(handlers).sort());
    for (const c of CHANNELS) expect(c, c).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });

  it('refuses anything that is not exactly a listed name, including prototype keys', () => {
    for (const c of CHANNELS) expect(isChannel(c)).toBe(true);
    for (const bad of [
      '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'length', '0',
      'tl:api', 'ipc', '', ' app.status', 'app.status ', 'APP.STATUS', 'app.status\0', 'app.status.x', 'app', 'villages.list/../x',
    ]) {
      expect(isChannel(bad), JSON.stringify(bad)).toBe(false);
    }
    for (const bad of [undefined, null, 0, 1, true, {}, [], ['app.status'], { toString: () => 'app.status' }, Symbol('app.status')]) {
      expect(isChannel(bad)).toBe(false);
    }
  });
});
