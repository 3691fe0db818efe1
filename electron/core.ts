import { randomUUID } from 'node:crypto';
import { endDeferredCheck, openStore, startQuickCheck, type DB } from '../db/open';
import { checkpointAndClose } from '../db/close';
import { getInstallation, type Installation, type Role } from '../db/settings';
import type { WriteContext } from '../db/sync';
import { DamagedStoreError, StoreError } from '../db/errors';
import { claimInstance, type InstanceMode } from '../db/instance';
import { Gate } from './gate';
import { looksKeyBound } from './sync/boundIds';
import { boundRowIds } from './sync/rowIds';

/**
 * What every service works with: the open store, this installation's identity, and the clock
 * and id source (injectable so tests and the seeder are deterministic).
 */
export interface Core {
  /** The open store. Read it on every use: a restore swaps it (see replaceStore). */
  readonly db: DB;
  readonly file: string;
  readonly now: () => Date;
  /** Set when the file failed its check at start: nothing but status and restore is served. */
  readonly damaged: { message: string; details: string } | null;
  /**
   * True while the start-up check (backgroundCheck) is running: reads are served, the store
   * refuses writes (query_only), and dispatch holds writing channels until checked() settles.
   */
  readonly checking: boolean;
  /**
   * Settles once the start-up check is over (at once when there was none): passed, or the core is
   * now damaged. `now`: a caller is waiting on it (a write), so a check still waiting for the
   * first screen (checkAfter) starts at once.
   */
  checked(opts?: { now?: boolean }): Promise<void>;
  /** The copy made before migrating at open, if any (the start's backup then). */
  readonly migrationBackup: string | null;
  /** Every API call runs shared; a restore runs exclusive (see gate.ts). */
  readonly gate: Gate;
  installation(): Installation | null;
  /** This installation's role, which decides the channels it may call (dispatch); null before setup. */
  role(): Role | null;
  /** The context for writes; refuses until setup is complete. */
  writer(): WriteContext;
  /**
   * Closes the store (checkpointing the WAL), lets `install` replace the file, and opens it again
   * in place. If `install` fails, the previous file is opened again. Call inside gate.exclusive.
   */
  replaceStore(install: () => void | Promise<void>): Promise<void>;
  close(): void;
}

export interface CoreOptions {
  now?: () => Date;
  /** Row ids; by default bound to this installation (sync/rowIds.ts). Tests and the demo seed give their own. */
  newId?: () => string;
  /**
   * The app (desktop or browser mode) claims the file for its lifetime: a second instance on the
   * same file is refused at start, naming the first (db/instance.ts). The CLI and tests leave it
   * unset and share the file, waiting for the write lock.
   */
  instance?: InstanceMode;
  /**
   * Clean-ups of what a killed run left behind (a feature's temporary files), run once the file
   * is claimed and before the store opens. The app's start lists them (startup.ts, openApp).
   */
  startup?: readonly ((file: string) => void)[];
  /**
   * The app's hosts (openApp): an existing file that needs no migration opens at once and its
   * quick_check runs in the check worker (8 s for 1 GB), reads served meanwhile; a failed check
   * then puts the core in the damaged state. Unset (the CLI, tests), the check runs before
   * openCore resolves, as for a file about to be migrated.
   */
  backgroundCheck?: boolean;
  /**
   * The background check starts once the first screen's calls are over (Gate.settled: quiet for
   * `quietMs`, or `atMostMs` after the open). On two cores the check's whole-file read, even at
   * nice 19, took the CPU the window needed for its first screen and list (0.85 s later, bench
   * start stage, 2026-12-01); the store stays read-only until the check has passed, as before.
   * Unset, the check starts at once.
   */
  checkAfter?: { quietMs: number; atMostMs: number };
  /**
   * The background check itself: the file's problem, or null when it passed. The app's is
   * quick_check in the check worker; tests wrap it to hold it while they look at the waiting.
   */
  quickCheck?: (file: string, signal: AbortSignal) => Promise<string | null>;
}

/**
 * Opens the core. A damaged file (quick_check failed) does not throw: the core opens in the
 * damaged state, without a database handle, so the clerk can be offered a restore.
 */
export async function openCore(file: string, opts: CoreOptions = {}): Promise<Core> {
  const now = opts.now ?? (() => new Date());
  const newId = opts.newId ?? null;
  // Before anything touches the file: a refused second instance must change nothing.
  const claim = opts.instance ? claimInstance(file, opts.instance, now()) : null;
  try {
    for (const hook of opts.startup ?? []) hook(file);
    return await openClaimed(file, now, newId, claim, !!opts.backgroundCheck, opts.checkAfter, opts.quickCheck ?? startQuickCheck);
  } catch (err) {
    claim?.release();
    throw err;
  }
}

async function openClaimed(
  file: string,
  now: () => Date,
  newId: (() => string) | null,
  claim: ReturnType<typeof claimInstance> | null,
  backgroundCheck: boolean,
  checkAfter: CoreOptions['checkAfter'],
  quickCheck: NonNullable<CoreOptions['quickCheck']>,
): Promise<Core> {
  let db: DB | null = null;
  let damaged: Core['damaged'] = null;
  let migrationBackup: string | null = null;
  let checking: Promise<void> | null = null;
  const stopCheck = new AbortController();
  /** Aborted when a write waits for the check: it then starts without waiting for quiet. */
  const hurry = new AbortController();
  const gate = new Gate();
  try {
    const opened = await openStore(file, { now, deferCheck: backgroundCheck });
    db = opened.db;
    migrationBackup = opened.backupFile;
    if (opened.checkDeferred) checking = checkInBackground(opened.db);
  } catch (err) {
    if (!(err instanceof DamagedStoreError)) throw err;
    damaged = { message: err.message, details: err.details };
  }
  let cached: Installation | null = null;
  // Row ids carry their installation's prefix (a restore or a setup may change the installation);
  // one with a random id (set up before schema 23) keeps making random ids, as its prefix would
  // prove nothing (sync/rowIds.ts).
  let rowIds: { installationId: string; make: () => string } | null = null;
  const rowIdsOf = (installationId: string) => {
    if (rowIds?.installationId !== installationId) rowIds = { installationId, make: looksKeyBound(installationId) ? boundRowIds(installationId) : randomUUID };
    return rowIds.make;
  };
  const handle = (): DB => {
    if (db?.open) return db;
    if (damaged) throw new StoreError('db_damaged', damaged.message);
    throw new StoreError('closed', '数据库已关闭');
  };
  /**
   * The deferred quick_check. A problem found closes the store and sets the damaged state under
   * the gate's exclusive side, so no call in flight is left holding a closed handle. A restore
   * that replaced the file meanwhile (replaceStore, which checks the new file itself) or a close
   * makes the answer moot.
   */
  function checkInBackground(opened: DB): Promise<void> {
    const judge = async (problem: string | null) => {
      // Replaced (restore) or closed meanwhile.
      if (db !== opened || !opened.open) return;
      if (!problem) {
        endDeferredCheck(opened);
        return;
      }
      await core.gate.exclusive(() => {
        if (db !== opened) return;
        opened.close();
        db = null;
        cached = null;
        const err = new DamagedStoreError(problem);
        damaged = { message: err.message, details: err.details };
      });
    };
    const first = checkAfter ? gate.settled(checkAfter.quietMs, checkAfter.atMostMs, AbortSignal.any([stopCheck.signal, hurry.signal])) : Promise.resolve();
    return first
      .then(() => quickCheck(file, stopCheck.signal))
      .then(judge, (err: Error & { code?: string }) => (err.code === 'backup_aborted' ? undefined : judge(err.message)))
      .finally(() => {
        checking = null;
      });
  }
  const core: Core = {
    get db() {
      return handle();
    },
    file,
    now,
    get damaged() {
      return damaged;
    },
    get checking() {
      return checking !== null;
    },
    checked(opts) {
      if (opts?.now) hurry.abort();
      return checking ?? Promise.resolve();
    },
    gate,
    migrationBackup,
    installation() {
      // Only a found installation is cached: setup may complete after the first call.
      if (!cached) cached = getInstallation(handle());
      return cached;
    },
    role() {
      return core.installation()?.role ?? null;
    },
    writer() {
      const inst = getInstallation(handle());
      cached = inst;
      if (!inst) throw new StoreError('not_setup', '尚未完成初始设置，请先设置本单位信息。');
      return { installationId: inst.installationId, operator: inst.operator, now: () => now().toISOString(), newId: newId ?? rowIdsOf(inst.installationId) };
    },
    async replaceStore(install) {
      // The worker's connection must be gone before the file is replaced (Windows keeps an open
      // file from being overwritten); its answer about the old file is then moot (judge).
      const pending = checking;
      // A check still waiting for the first screen goes now: the restore waits for it, as before.
      hurry.abort();
      const opened = db;
      db = null;
      if (pending) {
        if (opened?.open) opened.close();
        await pending;
      } else checkpointAndClose(opened);
      cached = null;
      let failure: unknown = null;
      try {
        await install();
      } catch (err) {
        failure = err;
      }
      try {
        db = (await openStore(file, { now })).db;
        damaged = null;
      } catch (err) {
        if (!(err instanceof DamagedStoreError)) throw err;
        damaged = { message: err.message, details: err.details };
      }
      if (failure) throw failure;
    },
    close() {
      try {
        stopCheck.abort();
        // Closed before its check passed: left exactly as found (no statistics, no checkpoint write).
        if (checking && db?.open) db.close();
        checkpointAndClose(db);
      } finally {
        claim?.release();
      }
    },
  };
  return core;
}
