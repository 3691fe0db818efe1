import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Small tmpfs mounts for the disk-full tests (root only). Where mounting is not permitted the
 * tests say so and pass, except under CI=true, where that is a failure.
 */

function tryMount(dir: string, bytes: number): boolean {
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'ignore' }).status === 0;
}

export function unmount(dir: string): void {
  spawnSync('umount', ['-l', dir], { stdio: 'ignore' });
}

/** Whether this machine lets the tests mount a tmpfs (probed once, synchronously). */
export const canMount: boolean = (() => {
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-tmpfs-probe-'));
  const ok = tryMount(probe, 64 * 1024);
  if (ok) unmount(probe);
  fs.rmSync(probe, { recursive: true, force: true });
  return ok;
})();

/** Call at the start of a tmpfs test: false (with a notice) when it cannot run here. */
export function tmpfsAvailable(what: string): boolean {
  if (canMount) return true;
  if (process.env.CI === 'true') throw new Error(`${what}: mount -t tmpfs is not permitted on this machine (required under CI=true)`);
  console.warn(`[notice] ${what} skipped: mount -t tmpfs is not permitted here (run as root to include it)`);
  return false;
}

/** Mounts a fresh tmpfs of `bytes` at a new temporary folder; returns it. */
export function mountTmpfs(bytes: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-tmpfs-'));
  if (!tryMount(dir, bytes)) throw new Error(`mount tmpfs at ${dir} failed`);
  return dir;
}

export function removeMount(dir: string): void {
  unmount(dir);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Fills the file system holding `dir` until only `leave` bytes are free; returns the filler's path. */
export function fillUntil(dir: string, leave: number): string {
  const free = () => {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  };
  const filler = path.join(dir, 'filler.bin');
  const fd = fs.openSync(filler, 'w');
  try {
    const chunk = Buffer.alloc(4096, 0x5a);
    while (free() > leave + chunk.length) fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
  return filler;
}
