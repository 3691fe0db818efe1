import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openCore, type Core } from '../../electron/core';
import { completeSetup } from '../../electron/services/setup';
import { tempDir } from './tmp';

const open: Core[] = [];

/** Closes the cores freshCore opened so far; after each test (and see tests/helpers/perFile.ts). */
export function closeFreshCores(): void {
  for (const c of open.splice(0)) c.close();
}

afterEach(closeFreshCores);

/** A clock that advances one second per reading, so timestamps are distinct and predictable. */
export function steppingClock(start = '2026-01-05T08:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += 1000));
}

/** Ids 1, 2, 3…; `from` for a file reopened after another counter wrote rows (its ids must not repeat). */
export function counterIds(from = 0): () => string {
  let n = from;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

/** A real database file in a temp folder; closed and removed after the test. */
export async function freshCore(opts: { setup?: 'township' | 'district' | false; file?: string } = {}): Promise<Core> {
  const file = opts.file ?? path.join(tempDir(), 'ledger.db');
  // A file opened again (a test reopening what it made) counts on past the ids the first core gave.
  const core = await openCore(file, { now: steppingClock(), newId: counterIds(fs.existsSync(file) ? 1000 : 0) });
  open.push(core);
  if (opts.setup !== false) {
    const role = opts.setup ?? 'township';
    completeSetup(core, {
      role,
      code: role === 'township' ? '450311100' : '450311',
      name: role === 'township' ? '雁山镇' : '雁山区委组织部',
      operator: '张三',
      importVillages: [],
    });
  }
  return core;
}
