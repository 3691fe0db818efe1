import fs from 'node:fs';

/**
 * Peak resident memory of this process while `fn` runs. On Linux the kernel's own high-water
 * mark (VmHWM in /proc/self/status) is reset first by writing 5 to /proc/self/clear_refs, so the
 * figure includes synchronous stretches (an import applies in one blocking transaction) that a
 * timer could never sample. Elsewhere it falls back to sampling process.memoryUsage().rss every
 * 10 ms, which misses peaks inside blocking calls; `method` says which was used.
 */

export interface Measured<T> {
  result: T;
  ms: number;
  /** Peak RSS during the run, MB (includes what the process already held). */
  peakRssMb: number;
  /** Peak minus RSS at the start, MB: what the operation itself added. */
  growthMb: number;
  method: string;
}

const MB = 1024 * 1024;

function resetHighWater(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function highWaterBytes(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export async function measure<T>(fn: () => Promise<T> | T): Promise<Measured<T>> {
  const start = process.memoryUsage().rss;
  const kernel = resetHighWater() && highWaterBytes() !== null;
  let sampled = start;
  const timer = kernel ? null : setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 10);
  const t0 = performance.now();
  try {
    const result = await fn();
    const ms = performance.now() - t0;
    const peak = kernel ? highWaterBytes()! : Math.max(sampled, process.memoryUsage().rss);
    return { result, ms, peakRssMb: peak / MB, growthMb: Math.max(0, peak - start) / MB, method: kernel ? 'VmHWM (kernel high-water mark, reset before each run)' : 'process.memoryUsage().rss sampled every 10 ms' };
  } finally {
    if (timer) clearInterval(timer);
  }
}
