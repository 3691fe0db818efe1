import { useMemo } from 'react';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { ApiError, AppStatus } from '../../../electron/api/contract';
import { ApiFailure, call, GENERIC_ERROR } from '../api/client';

/** A key of an entry in nav.tsx. */
export type PageKey = string;

interface AppState {
  status: AppStatus | null;
  /** Set when app.status could not be loaded (offline, bad token). */
  error: ApiError | null;
  loading: boolean;
  page: PageKey;
  /** District mode: the township every register list is narrowed to (null: all). */
  township: string | null;
  /**
   * A filter handed to the next page shown (a dashboard number opening its list): the target
   * page reads it once on mount (usePendingFilter) and it is cleared there.
   */
  pendingFilter: { page: PageKey; filter: unknown } | null;
  /** The 统计报表 period last chosen (null: the current half-year). */
  reportPeriod: { from: string; to: string } | null;
  loadStatus(): Promise<void>;
  setReportPeriod(p: { from: string; to: string }): void;
  setTownship(code: string | null): void;
  setPage(page: PageKey): void;
  /** Shows a page with a filter its list applies on mount. */
  openPage(page: PageKey, filter?: unknown): void;
  /** Each register list's last query (search, filters, sort), by register. */
  registerQueries: Record<string, unknown>;
  setRegisterQuery(key: string, query: unknown): void;
  clearPendingFilter(): void;
}

/**
 * Where the clerk is (page, township picked, report period, each register's search, filters
 * and sort) survives a reload (F5) and the
 * restore's reload, in this window's session storage: a new window starts on 首页 again.
 */
export const useAppStore = create<AppState>()(
  persist(
    (set) => ({
      status: null,
      error: null,
      loading: true,
      page: 'home',
      township: null,
      pendingFilter: null,
      reportPeriod: null,
      registerQueries: {},
      setRegisterQuery(key, query) {
        set((s) => ({ registerQueries: { ...s.registerQueries, [key]: query } }));
      },
      setReportPeriod(p) {
        set({ reportPeriod: p });
      },
      setTownship(code) {
        set({ township: code });
      },
      async loadStatus() {
        set({ loading: true });
        try {
          const status = await call('app.status', {});
          set({ status, error: null, loading: false });
        } catch (err) {
          const error = err instanceof ApiFailure ? err.error : { code: 'internal', message: GENERIC_ERROR };
          set({ error, loading: false });
        }
      },
      setPage(page) {
        set({ page, pendingFilter: null });
      },
      openPage(page, filter) {
        set({ page, pendingFilter: filter === undefined ? null : { page, filter } });
      },
      clearPendingFilter() {
        set({ pendingFilter: null });
      },
    }),
    {
      name: 'township-ledger.view',
      storage: createJSONStorage(() => sessionStorage),
      partialize: (s) => ({ page: s.page, township: s.township, reportPeriod: s.reportPeriod, registerQueries: s.registerQueries }),
    },
  ),
);

/** The unit, once setup is complete. */
export const useUnit = () => useAppStore((s) => s.status?.setup ?? null);

/**
 * What this installation may write, as the server's channel declarations allow it: a township
 * keeps every register; the district reads only; a 驻村版 adds its cadres' work logs, its members'
 * contact records and its projects' progress, and reads the registers themselves.
 */
export interface Can {
  /** The registers' own rows: 新增, 编辑, 删除, 导入, 派驻, reviews, a member's contact and status. */
  registers: boolean;
  /** Work logs (填写日志 and its edits). */
  logs: boolean;
  /** A floating member's contact records. */
  contacts: boolean;
  /** A project's progress updates. */
  progress: boolean;
}

const CAN_ALL: Can = { registers: true, logs: true, contacts: true, progress: true };
const CAN_NONE: Can = { registers: false, logs: false, contacts: false, progress: false };
const CAN_VILLAGE: Can = { registers: false, logs: true, contacts: true, progress: true };

/** Before setup (no role) nothing is offered. */
export const useCan = (): Can =>
  useAppStore((s) => {
    const role = s.status?.setup?.role;
    return role === 'township' ? CAN_ALL : role === 'village' ? CAN_VILLAGE : CAN_NONE;
  });

/** The registers' own rows are read-only here (district and 驻村版). */
export const useReadOnly = () => !useCan().registers;

/** A list query with the district's township filter added (the registers' list channels take it). */
export function useTownshipQuery<Q extends object>(query: Q): Q & { township: string | null } {
  const township = useAppStore((s) => s.township);
  return useMemo(() => ({ ...query, township }), [query, township]);
}
