import type { LedgerBridge } from '../../../electron/api/bridge';

export type { LedgerBridge };

declare global {
  interface Window {
    ledger?: LedgerBridge;
  }
}

/** The Electron preload's bridge, or null in browser mode. */
export function electronBridge(): LedgerBridge | null {
  const b = typeof window !== 'undefined' ? window.ledger : undefined;
  return b && b.host === 'electron' && typeof b.call === 'function' ? b : null;
}
