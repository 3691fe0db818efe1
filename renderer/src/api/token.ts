/**
 * Browser mode: the local host prints http://127.0.0.1:PORT/#token=<hex>. The token is taken
 * from the hash once, kept for the tab's lifetime in sessionStorage, and removed from the
 * address bar so it does not end up in history or screenshots.
 */
const KEY = 'tl-token';
let cached: string | null = null;

export function initToken(): string | null {
  const m = /(?:^#|&)token=([0-9a-fA-F]+)/.exec(window.location.hash);
  if (m?.[1]) {
    cached = m[1];
    try {
      sessionStorage.setItem(KEY, cached);
    } catch {
      // Storage disabled: keep the token in memory only.
    }
    const { pathname, search } = window.location;
    window.history.replaceState(null, '', pathname + search);
    return cached;
  }
  return getToken();
}

export function getToken(): string | null {
  if (cached) return cached;
  try {
    cached = sessionStorage.getItem(KEY);
  } catch {
    cached = null;
  }
  return cached;
}
