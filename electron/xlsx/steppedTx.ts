import { abandonStepped, beginStepped, endStepped } from '../../db/steppedTx';
import type { Core } from '../core';
import { breather } from './read';

export { inSavepoint } from '../../db/steppedTx';

/**
 * One write transaction that hands the thread back between steps, for an Excel import's write:
 * rows are written in chunks and the dialog's progress asks are answered in between, so its bar
 * moves while thousands of rows are written (issue 16 item 5). While the transaction is open the
 * call runs alone on the store's gate (gate.ts): other calls wait until it ends, so none of their
 * statements land in it; only passive reads (excel.progress) are served meanwhile.
 *
 * `body` returns whether to keep what it wrote: true commits, false rolls back; a throw rolls
 * back and is passed on. Nothing is ever half-written.
 */
export async function steppedWrite<T>(core: Core, body: (pause: () => Promise<void>) => Promise<{ value: T; keep: boolean }>): Promise<T> {
  return core.gate.alone(async () => {
    const db = core.db;
    await beginStepped(db);
    let ended = false;
    try {
      const { value, keep } = await body(breather);
      endStepped(db, keep);
      ended = true;
      return value;
    } finally {
      if (!ended) abandonStepped(db);
    }
  });
}
