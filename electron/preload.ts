import { contextBridge, ipcRenderer } from 'electron';
import type { LedgerBridge } from './api/bridge';
import { isChannel } from './api/channels';

/**
 * Runs sandboxed: it may require only 'electron', so it imports nothing but the dependency-free
 * channel list. The page gets one narrow function, never ipcRenderer itself, so a compromised
 * page cannot reach any other IPC channel or listen to main-process messages.
 */

type CallResult = Awaited<ReturnType<LedgerBridge['call']>>;

const failure = (code: string, message: string): CallResult => ({ ok: false, error: { code, message } });

const api = {
  host: 'electron' as const,
  call: (channel, payload) => {
    // Checked here as well as in main so a typo fails fast without a round trip.
    if (!isChannel(channel)) return Promise.resolve(failure('unknown_channel', '未知的操作'));
    // invoke rejects only on transport problems (e.g. a payload that cannot be cloned); turn
    // that into the same Result shape so callers have a single error path.
    return (ipcRenderer.invoke('tl:api', channel, payload) as Promise<CallResult>).catch(() =>
      failure('ipc', '与主程序通信失败，请重试。'),
    );
  },
} satisfies LedgerBridge;

contextBridge.exposeInMainWorld('ledger', api);
