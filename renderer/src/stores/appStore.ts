import { create } from 'zustand';
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
  loadStatus(): Promise<void>;
  setPage(page: PageKey): void;
}

export const useAppStore = create<AppState>()((set) => ({
  status: null,
  error: null,
  loading: true,
  page: 'villages',
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
    set({ page });
  },
}));

/** The unit, once setup is complete. */
export const useUnit = () => useAppStore((s) => s.status?.setup ?? null);
export const useReadOnly = () => useAppStore((s) => s.status?.setup?.role === 'district');
