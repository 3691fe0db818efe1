import { useCallback, useEffect, useState } from 'react';
import type { Page } from '../../../electron/api/contract';
import { showError } from '../api/client';

/**
 * Loads one page whenever the query changes (compared by value); a slower earlier response
 * never overwrites a newer one. Failures toast and keep the last rows on screen.
 */
export function useServerList<Q, T>(load: (query: Q) => Promise<Page<T>>, query: Q) {
  const [nonce, setNonce] = useState(0);
  const [result, setResult] = useState<{ key: string; data: Page<T> | null }>({ key: '', data: null });
  const requestKey = `${nonce}|${JSON.stringify(query)}`;

  useEffect(() => {
    let stale = false;
    load(JSON.parse(requestKey.slice(requestKey.indexOf('|') + 1)) as Q)
      .then((data) => {
        if (!stale) setResult({ key: requestKey, data });
      })
      .catch((err: unknown) => {
        if (stale) return;
        showError(err);
        setResult((r) => ({ key: requestKey, data: r.data }));
      });
    return () => {
      stale = true;
    };
  }, [load, requestKey]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data: result.data, loading: result.key !== requestKey, reload };
}
