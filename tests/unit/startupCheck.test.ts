import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupsDir, listBackups } from '../../db/backup';
import { openStore } from '../../db/open';
import { dispatch } from '../../electron/api/dispatch';
import { openCore, type Core } from '../../electron/core';
import { createBackup, startupBackup } from '../../electron/services/backup';
import { counterIds, freshCore, steppingClock } from '../helpers/core';
import { damageTablePage } from '../helpers/damage';
import { tempDir } from '../helpers/tmp';

/**
 * The app's start-up quick_check runs in the check worker (CoreOptions.backgroundCheck): the
 * store is served for reading at once, writes wait for the check, and a file the check finds
 * damaged still ends in the damaged state with nothing written to it.
 */

async function seededFile(villages: number): Promise<string> {
  const core = await freshCore();
  for (let i = 0; i < villages; i++) {
    const r = await dispatch(core, 'villages.create', { name: `村${i}`, code: `4503111002${String(i).padStart(2, '0')}`, kind: '行政村' });
    if (!r.ok) throw new Error(r.error.message);
  }
  const file = core.file;
  core.close();
  return file;
}

const openInBackground = (file: string) => openCore(file, { now: steppingClock('2026-04-01T00:00:00Z'), newId: counterIds(1000), backgroundCheck: true });

function total(r: Awaited<ReturnType<typeof dispatch>>): number {
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { total: number }).total;
}

describe('the start-up check in the background', () => {
  it('serves reads while it runs, holds a write until it has passed, and refuses a write at the database', async () => {
    const file = await seededFile(3);
    const core: Core = await openInBackground(file);
    try {
      expect(core.checking).toBe(true);
      expect(total(await dispatch(core, 'villages.list', {}))).toBe(3);
      expect(core.checking).toBe(true);
      // Nothing reaches the file before the check: the connection itself is read-only.
      expect(() => core.db.prepare("UPDATE villages SET name = '改' WHERE name = '村0'").run()).toThrow(/readonly/);
      // What the window asks when a save is slow, to tell the clerk why.
      expect(await dispatch(core, 'app.status', {})).toMatchObject({ ok: true, value: { checking: true } });
      const write = dispatch(core, 'villages.create', { name: '新村', code: '450311100299', kind: '行政村' });
      expect(core.checking).toBe(true);
      expect(await write).toMatchObject({ ok: true });
      expect(core.checking).toBe(false);
      expect(await dispatch(core, 'app.status', {})).toMatchObject({ ok: true, value: { checking: false } });
      expect(total(await dispatch(core, 'villages.list', {}))).toBe(4);
      expect(core.damaged).toBeNull();
    } finally {
      core.close();
    }
  });

  it('puts a damaged file in the damaged state: the waiting write is refused, the file is left as it was, no backup is made', async () => {
    const file = await seededFile(30);
    damageTablePage(file);
    const bytes = fs.readFileSync(file);
    const core = await openInBackground(file);
    try {
      expect(core.damaged).toBeNull();
      const write = dispatch(core, 'villages.create', { name: '新村', code: '450311100299', kind: '行政村' });
      const backup = startupBackup(core);
      expect(await write).toMatchObject({ ok: false, error: { code: 'db_damaged', message: expect.stringContaining('已损坏') } });
      expect(await backup).toBeNull();
      expect(core.checking).toBe(false);
      expect(core.damaged).not.toBeNull();
      expect(await dispatch(core, 'app.status', {})).toMatchObject({ ok: true, value: { damaged: expect.stringContaining('已损坏'), setup: null } });
      expect(await dispatch(core, 'villages.list', {})).toMatchObject({ ok: false, error: { code: 'db_damaged' } });
      expect(fs.readFileSync(file).equals(bytes)).toBe(true);
      expect(listBackups(backupsDir(file))).toEqual([]);
    } finally {
      core.close();
    }
  });

  it('holds a restore called during the check until the check is over, then restores over the damaged file', async () => {
    const file = await seededFile(0);
    const first = await openCore(file, { now: steppingClock('2026-03-01T00:00:00Z'), newId: counterIds() });
    const r = await dispatch(first, 'villages.create', { name: '备份村', code: '450311100201', kind: '行政村' });
    expect(r.ok).toBe(true);
    const copy = (await createBackup(first)).file;
    first.close();
    damageTablePage(file);
    const core = await openInBackground(file);
    try {
      expect(core.checking).toBe(true);
      const restored = await dispatch(core, 'backup.restore', { file: copy });
      expect(restored).toMatchObject({ ok: true });
      expect(core.damaged).toBeNull();
      expect(core.checking).toBe(false);
      expect(total(await dispatch(core, 'villages.list', {}))).toBe(1);
    } finally {
      core.close();
    }
  });

  describe('after the first screen (checkAfter, the hosts\' start)', () => {
    const openAfter = (file: string, quietMs: number, atMostMs: number) =>
      openCore(file, { now: steppingClock('2026-04-01T00:00:00Z'), newId: counterIds(1000), backgroundCheck: true, checkAfter: { quietMs, atMostMs } });
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

    it('starts once the calls have been quiet for a while, and the store stays read-only until it has passed', async () => {
      const file = await seededFile(3);
      const started = performance.now();
      const core = await openAfter(file, 300, 30_000);
      try {
        // The first screen's calls: one read, then another that takes 700 ms.
        expect(total(await dispatch(core, 'villages.list', {}))).toBe(3);
        let release = () => {};
        const held = core.gate.shared(() => new Promise<void>((r) => (release = r)));
        await sleep(700);
        // A check of a three-village file takes milliseconds: still checking means not started.
        expect(core.checking).toBe(true);
        expect(() => core.db.prepare("UPDATE villages SET name = '改' WHERE name = '村0'").run()).toThrow(/readonly/);
        release();
        await held;
        const quietFrom = performance.now();
        await core.checked();
        expect(performance.now() - quietFrom).toBeGreaterThanOrEqual(290);
        expect(performance.now() - started).toBeLessThan(20_000);
        expect(core.damaged).toBeNull();
        expect((await dispatch(core, 'villages.create', { name: '新村', code: '450311100299', kind: '行政村' })).ok).toBe(true);
      } finally {
        core.close();
      }
    });

    it('starts at once when a write waits for it, and by the limit when no call comes', async () => {
      const file = await seededFile(2);
      const core = await openAfter(file, 60_000, 60_000);
      try {
        const asked = performance.now();
        expect(await dispatch(core, 'villages.create', { name: '新村', code: '450311100299', kind: '行政村' })).toMatchObject({ ok: true });
        expect(performance.now() - asked).toBeLessThan(10_000);
        expect(core.checking).toBe(false);
      } finally {
        core.close();
      }
      const idle = await openAfter(file, 60_000, 400);
      try {
        const opened = performance.now();
        await idle.checked();
        expect(performance.now() - opened).toBeGreaterThanOrEqual(390);
        expect(performance.now() - opened).toBeLessThan(10_000);
      } finally {
        idle.close();
      }
    });

    it('finds a damaged file all the same, and a close while it waits ends the wait', async () => {
      const file = await seededFile(30);
      damageTablePage(file);
      const core = await openAfter(file, 200, 30_000);
      expect(await dispatch(core, 'app.status', {})).toMatchObject({ ok: true });
      await core.checked();
      expect(core.damaged).not.toBeNull();
      core.close();
      const other = await openAfter(await seededFile(1), 60_000, 60_000);
      const closed = performance.now();
      other.close();
      await other.checked();
      expect(performance.now() - closed).toBeLessThan(10_000);
    });
  });

  it('still checks a file that is about to be migrated before opening it', async () => {
    const file = path.join(tempDir(), 'ledger.db');
    (await openStore(file, { target: 9 })).db.close();
    damageTablePage(file);
    await expect(openStore(file, { deferCheck: true })).rejects.toMatchObject({ code: 'db_damaged' });
  });
});
