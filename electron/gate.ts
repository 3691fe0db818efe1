/**
 * Shared/exclusive gate around the store. Every API call runs shared; swapping the database file
 * (restore) runs exclusive: it waits until calls in flight have finished and holds new ones
 * until the new file is open, so no call is ever served on a closed handle.
 *
 * A shared call may also run a part of itself alone (an Excel import's write, which hands the
 * thread back between rows of its one transaction so the dialog's progress asks are answered):
 * that part waits for the other calls in flight and holds new ones, except pass-through calls
 * (passive reads such as excel.progress), so no other call's statements land in its transaction.
 */
export class Gate {
  private active = 0;
  /** Pass-through calls among `active`: they never hold up a call that runs alone. */
  private passing = 0;
  private exclusiveHeld = false;
  /** Calls asking to run a part alone, first come first served. */
  private solo: object[] = [];
  private waiters: (() => void)[] = [];
  /** When a shared call last began or ended (performance.now(); 0 before the first). */
  private lastActivity = 0;

  async shared<T>(fn: () => T | Promise<T>, opts: { passThrough?: boolean } = {}): Promise<T> {
    const pass = opts.passThrough === true;
    while (this.exclusiveHeld || (!pass && this.solo.length > 0)) await this.wait();
    this.active++;
    if (pass) this.passing++;
    this.lastActivity = performance.now();
    try {
      return await fn();
    } finally {
      this.active--;
      if (pass) this.passing--;
      this.lastActivity = performance.now();
      this.wake();
    }
  }

  /**
   * From inside a shared call: runs `fn` once no other call is in flight (other than pass-through
   * ones and those waiting here themselves), holding new calls until it ends. Two calls asking at
   * once run their parts one after the other.
   */
  async alone<T>(fn: () => Promise<T>): Promise<T> {
    const me = {};
    this.solo.push(me);
    // One waiting at the head of the line may now go: this call no longer counts as in flight.
    this.wake();
    try {
      while (this.solo[0] !== me || this.active - this.passing - this.solo.length > 0) await this.wait();
      return await fn();
    } finally {
      this.solo.splice(this.solo.indexOf(me), 1);
      this.wake();
    }
  }

  async exclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    while (this.exclusiveHeld) await this.wait();
    this.exclusiveHeld = true;
    try {
      while (this.active > 0) await this.wait();
      return await fn();
    } finally {
      this.exclusiveHeld = false;
      this.wake();
    }
  }

  /**
   * Resolves once the first burst of calls is over: some call has been made and none has been in
   * flight for `quietMs`; or `atMostMs` after the ask whatever the calls; or when `signal` aborts.
   * The app's start-up check waits for it (core.ts), so the first screen is drawn first.
   */
  settled(quietMs: number, atMostMs: number, signal?: AbortSignal): Promise<void> {
    const start = performance.now();
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const look = () => {
        const now = performance.now();
        const idleSince = this.active === 0 && this.lastActivity > 0 ? this.lastActivity : null;
        if (signal?.aborted || now - start >= atMostMs || (idleSince !== null && now - idleSince >= quietMs)) return done();
        const next = idleSince !== null ? idleSince + quietMs - now : quietMs / 4;
        timer = setTimeout(look, Math.max(5, Math.min(next, start + atMostMs - now)));
      };
      signal?.addEventListener('abort', done, { once: true });
      look();
    });
  }

  private wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
