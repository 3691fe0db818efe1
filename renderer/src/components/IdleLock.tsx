import { useEffect, useState } from 'react';
import type { LockStatus } from '../../../electron/api/contract';
import { call } from '../api/client';
import { useAppStore } from '../stores/appStore';

/** Fired by the 安全 settings after the lock is switched on or off or its idle time changes. */
export const LOCK_CHANGED = 'tl-lock-changed';

let opened = false;

/** The lock screen counts as the check at opening (see lockOnOpen). */
export function markOpened(): void {
  opened = true;
}

/**
 * Opening the app (a new tab, a reload) asks for the password too, not only a restart of the
 * core: the first time the registers would show in this page, the core is asked to lock.
 */
async function lockOnOpen(s: LockStatus): Promise<boolean> {
  if (opened) return false;
  opened = true;
  if (!s.enabled || s.locked) return false;
  await call('lock.lock', {});
  return true;
}

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * The renderer's idle timer for the app lock: after the configured minutes without mouse or
 * keyboard it asks the core to lock and shows the lock screen. The core keeps its own timer too,
 * so a page left open (or a script) cannot outlast it.
 */
export function IdleLock() {
  const loadStatus = useAppStore((s) => s.loadStatus);
  const [lock, setLock] = useState<LockStatus | null>(null);

  useEffect(() => {
    const refresh = () => void call('lock.status', {}).then(setLock, () => undefined);
    void call('lock.status', {})
      .then(async (s) => ((await lockOnOpen(s)) ? loadStatus() : setLock(s)))
      .catch(() => undefined);
    window.addEventListener(LOCK_CHANGED, refresh);
    return () => window.removeEventListener(LOCK_CHANGED, refresh);
  }, [loadStatus]);

  useEffect(() => {
    if (!lock?.enabled) return;
    const idleMs = lock.idleMinutes * 60_000;
    let timer = 0;
    const fire = () => void call('lock.lock', {}).then(loadStatus, loadStatus);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(fire, idleMs);
    };
    reset();
    for (const e of ACTIVITY) window.addEventListener(e, reset, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, reset);
    };
  }, [lock, loadStatus]);

  return null;
}
