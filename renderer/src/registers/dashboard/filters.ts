import { useEffect, useState } from 'react';
import { useAppStore } from '../../stores/appStore';

/**
 * The filters a dashboard number hands to the list it opens, per target page. Each list reads
 * its own once on mount (usePendingFilter) and starts with it applied.
 */
export interface PageFilters {
  cadres: { status?: '在岗'; role?: '第一书记' | '工作队长' | '工作队员'; belowOnly?: boolean; month?: string };
  floating: { flag: 'overdue' | 'noContact' };
  projects: { tab: 'coverage'; year: number };
}

/** Shows `page` with `filter` applied by its list. */
export function openWithFilter<P extends keyof PageFilters>(page: P, filter: PageFilters[P]): void {
  useAppStore.getState().openPage(page, filter);
}

/**
 * The filter handed to this page, read once when it mounts (so it sets the list's first query),
 * then cleared: coming back through the menu shows the plain list. Reading does not clear, so
 * React's double-invoked initializers in development see the same value.
 */
export function usePendingFilter<P extends keyof PageFilters>(page: P): PageFilters[P] | null {
  const [filter] = useState(() => {
    const pending = useAppStore.getState().pendingFilter;
    return pending?.page === page ? (pending.filter as PageFilters[P]) : null;
  });
  useEffect(() => {
    if (useAppStore.getState().pendingFilter?.page === page) useAppStore.getState().clearPendingFilter();
  }, [page]);
  return filter;
}
