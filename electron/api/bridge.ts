import type { ChannelName } from './channels';
import type { Result } from './contract';

/**
 * What the preload exposes as window.ledger, and what the renderer may rely on. Types only, so
 * neither the sandboxed preload nor the renderer pulls in the schemas.
 */
export interface LedgerBridge {
  host: 'electron';
  call(channel: ChannelName, payload: unknown): Promise<Result<unknown>>;
}
