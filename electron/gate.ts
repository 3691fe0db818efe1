/**
 * Shared/exclusive gate around the store. Every API call runs shared; swapping the database file
 * (restore) runs exclusive: it waits until calls in flight have finished and holds new ones
 * until the new file is open, so no call is ever served on a closed handle.
 */
export class Gate {
  private active = 0;
  private exclusiveHeld = false;
  private waiters: (() => void)[] = [];

  async shared<T>(fn: () => T | Promise<T>): Promise<T> {
    while (this.exclusiveHeld) await this.wait();
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
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

  private wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
