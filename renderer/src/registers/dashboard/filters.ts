import { useEffect, useState } from 'react';
import { useAppStore } from '../../stores/appStore';
import type { Period } from '../reports/periods';

/** One person a list is narrowed to, by record id (never by ID number); the name labels the filter. */
export interface PersonFilter {
  id: string;
  name: string;
}

/**
 * The filters a dashboard number (or a quality-check row) hands to the page it opens, per target
 * page. Each page reads its own once on mount (usePendingFilter) and starts with it applied;
 * `openId` opens that record's drawer once, `person` narrows the list to that one row.
 */
export interface PageFilters {
  cadres: { status?: '在岗'; role?: '第一书记' | '工作队长' | '工作队员'; belowOnly?: boolean; month?: string; person?: PersonFilter };
  floating: { flag?: 'overdue' | 'noContact'; openId?: string; person?: PersonFilter };
  projects: { tab?: 'coverage'; year?: number; openId?: string };
  report: { period: Period };
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
