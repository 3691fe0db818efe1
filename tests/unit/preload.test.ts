import { beforeAll, describe, expect, it, vi } from 'vitest';
import { contract } from '../../electron/api/contract';

/**
 * The real preload, run against a stand-in for the two Electron objects it touches (no Electron
 * binary exists here): what it hands the page, and what reaches IPC.
 */

const electron = vi.hoisted(() => {
  const invoked: unknown[][] = [];
  const ipcRenderer = {
    invoke: (...args: unknown[]): Promise<unknown> => {
      invoked.push(args);
      return electron.answer(args);
    },
    send: () => undefined,
    sendSync: () => undefined,
    on: () => undefined,
    postMessage: () => undefined,
  };
  return {
    exposed: [] as [string, unknown][],
    invoked,
    ipcRenderer,
    answer: (_args: unknown[]): Promise<unknown> => Promise.resolve({ ok: true, value: 'from main' }),
  };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.push([key, api]) },
  ipcRenderer: electron.ipcRenderer,
}));

type Bridge = { host: string; call: (channel: unknown, payload: unknown) => Promise<unknown> };
let bridge: Bridge;

beforeAll(async () => {
  await import('../../electron/preload');
  bridge = electron.exposed[0]![1] as Bridge;
});

/** Every value reachable from the exposed object, own properties and prototypes included. */
function reachable(root: unknown): unknown[] {
  const seen = new Set<unknown>();
  const walk = (v: unknown) => {
    if ((typeof v !== 'object' && typeof v !== 'function') || v === null || seen.has(v)) return;
    seen.add(v);
    for (const key of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, key);
      if (d && 'value' in d) walk(d.value);
    }
    walk(Object.getPrototypeOf(v));
  };
  walk(root);
  return [...seen];
}

describe('the preload (electron/preload.ts)', () => {
  it('exposes one object, window.ledger, with exactly host and call', () => {
    expect(electron.exposed.map(([key]) => key)).toEqual(['ledger']);
    expect(Object.keys(bridge)).toEqual(['host', 'call']);
    expect(bridge.host).toBe('electron');
    expect(typeof bridge.call).toBe('function');
  });

  it('hands the page nothing of ipcRenderer', () => {
    const ipc = new Set<unknown>([electron.ipcRenderer, ...Object.values(electron.ipcRenderer)]);
    expect(reachable(bridge).filter((v) => ipc.has(v))).toEqual([]);
  });

  it('sends every declared channel over the one API channel and returns what main answers', async () => {
    electron.invoked.length = 0;
    const payload = { search: '东立' };
    expect(await bridge.call('villages.list', payload)).toEqual({ ok: true, value: 'from main' });
    expect(electron.invoked).toEqual([['tl:api', 'villages.list', payload]]);
    // The declarations, not the preload's own list: a channel declared but not allow-listed fails here.
    const declared = Object.keys(contract);
    for (const c of declared) await bridge.call(c, {});
    expect(electron.invoked.slice(1).map(([ipcChannel, name]) => `${String(ipcChannel)} ${String(name)}`)).toEqual(declared.map((c) => `tl:api ${c}`));
  });

  it('refuses any other name without a round trip', async () => {
    electron.invoked.length = 0;
    for (const bad of ['tl:api', 'ipc', '__proto__', 'constructor', 'toString', '', 'APP.STATUS', 'app.status ', 'villages.list/../x', undefined, null, 7, {}, ['app.status'], { toString: () => 'app.status' }]) {
      expect(await bridge.call(bad, {}), JSON.stringify(bad) ?? String(bad)).toEqual({ ok: false, error: { code: 'unknown_channel', message: '未知的操作' } });
    }
    expect(electron.invoked).toEqual([]);
  });

  it('turns a failed transport into a Result instead of a rejection', async () => {
    const saved = electron.answer;
    electron.answer = () => Promise.reject(new Error('An object could not be cloned.'));
    try {
      expect(await bridge.call('app.status', { big: () => 1 })).toEqual({ ok: false, error: { code: 'ipc', message: '与主程序通信失败，请重试。' } });
    } finally {
      electron.answer = saved;
    }
  });
});
