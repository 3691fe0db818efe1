import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import type { Core } from '../../electron/core';
import { openCore } from '../../electron/core';
import { exportBundle, type ExportMedium } from '../../electron/sync/export';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { Rng } from '../../electron/seed/random';
import { seedVillages } from '../../electron/seed/villages';
import { seedCadres } from '../../electron/seed/cadres';
import { completeSetup } from '../../electron/services/setup';
import { freshCore } from '../helpers/core';
import { count, expectWholeChanges } from '../helpers/faultRun';
import { dbDigest, districtKeys, PASSPHRASE, syncedRows, trustDistrict } from '../helpers/sync';
import { setSetting } from '../../db/settings';
import { fillUntil, mountTmpfs, removeMount, tmpfsAvailable } from '../helpers/tmpfs';
import { tempDir } from '../helpers/tmp';
import { cli } from '../helpers/cli';

/**
 * A full disk and a lying medium: exports to /dev/full, to a nearly full small tmpfs and to a
 * stick that reads back different bytes; a database on a small tmpfs that fills up while the clerk
 * writes. Each time: a clear Chinese message, nothing lost, no final-named partial file, and the
 * same operation works once space is freed (or the medium is sound).
 */

async function township(): Promise<Core> {
  const town = await freshCore();
  trustDistrict(town);
  const rng = new Rng('faults-disk');
  town.db.transaction(() => {
    seedVillages(town, rng, 6, 2025);
    seedCadres(town, rng);
  })();
  return town;
}

const outCount = (town: Core) => count(town.db, 'SELECT count(*) AS n FROM sync_out');

/** The export is refused with `code` and a Chinese message; the folder holds no file and nothing was recorded. */
async function exportRefused(town: Core, dir: string, code: string, medium?: ExportMedium): Promise<void> {
  const before = outCount(town);
  const err = await exportBundle(town, { dir, full: true, medium }).then(
    () => null,
    (e: { code?: string; message: string }) => e,
  );
  expect(err, 'the export should have failed').not.toBeNull();
  expect(err!.code).toBe(code);
  expect(err!.message).toMatch(/[\u4e00-\u9fa5]{6}/);
  expect(fs.readdirSync(dir).filter((f) => f !== 'filler.bin')).toEqual([]);
  expect(outCount(town)).toBe(before);
}

/** The retried export is whole: it imports at the district with every row of the township. */
async function retryImports(town: Core, dir: string): Promise<void> {
  const { file } = await exportBundle(town, { dir, full: true });
  expect(fs.readdirSync(dir).filter((f) => f !== 'filler.bin')).toEqual([path.basename(file)]);
  const district = await freshCore({ setup: 'district' });
  const r = applyStaged(district, await stageBundle(district, file, districtKeys().keys));
  expect(r.result).toBe('applied');
  expect(syncedRows(district)).toEqual(syncedRows(town));
}

describe('exports onto a full or lying medium', () => {
  it('an export to /dev/full is refused as disk full and leaves nothing behind; a retry elsewhere works', async () => {
    const town = await township();
    const dir = tempDir();
    await exportRefused(town, dir, 'disk_full', {
      tempFile: (tmp) => {
        fs.symlinkSync('/dev/full', tmp);
        return tmp;
      },
    });
    await retryImports(town, dir);
  });

  it('an export onto a nearly full small tmpfs is refused; after space is freed the retry works', async () => {
    if (!tmpfsAvailable('export onto a small tmpfs')) return;
    const town = await township();
    const probe = await exportBundle(town, { dir: tempDir(), full: true });
    const size = fs.statSync(probe.file).size;
    expect(size).toBeGreaterThan(32 * 1024);
    const stick = mountTmpfs(size * 2 + 256 * 1024);
    try {
      const filler = fillUntil(stick, Math.floor(size / 2));
      await exportRefused(town, stick, 'disk_full');
      fs.rmSync(filler);
      await retryImports(town, stick);
    } finally {
      removeMount(stick);
    }
  });

  it('a stick that reads back different bytes fails the export clearly and leaves no file', async () => {
    const town = await township();
    const dir = tempDir();
    const elsewhere = tempDir();
    const rng = new Rng('faults-readback');
    const lying = (alter: (b: Buffer) => Buffer): ExportMedium => ({
      readBack: (tmp) => {
        const copy = path.join(elsewhere, `readback-${rng.int(0, 1e9)}`);
        fs.writeFileSync(copy, alter(fs.readFileSync(tmp)));
        return copy;
      },
    });
    const flipAt = (pick: (b: Buffer) => number) => (b: Buffer) => {
      const at = pick(b);
      b[at] = b[at]! ^ (1 << rng.int(0, 7));
      return b;
    };
    const cases = [
      flipAt(() => rng.int(14, 200)), // header
      flipAt((b) => rng.int(Math.floor(b.length / 3), Math.floor((2 * b.length) / 3))), // payload
      flipAt((b) => b.length - rng.int(1, 64)), // signature
      flipAt(() => rng.int(0, 7)), // magic
      (b: Buffer) => b.subarray(0, b.length - 4096), // a short read
      (b: Buffer) => Buffer.alloc(b.length), // zeros
    ];
    for (const alter of cases) await exportRefused(town, dir, 'verify_failed', lying(alter));
    await retryImports(town, dir);
  });
});

describe('a database on a disk that fills up', () => {
  it('a write that does not fit is refused through dispatch, nothing committed is lost, writes resume once space is freed', async () => {
    if (!tmpfsAvailable('database on a small tmpfs')) return;
    // Sized for the store's 16 KB pages (PAGE_SIZE): its empty schema alone is some 2 MB.
    const disk = mountTmpfs(16 << 20);
    const file = path.join(disk, 'ledger.db');
    try {
      let core = await openCore(file);
      completeSetup(core, { role: 'township', code: '450311100', name: '雁山镇', operator: '张三', importVillages: [] });
      const filler = fillUntil(disk, 640 * 1024);
      const create = (n: number) =>
        dispatch(core, 'villages.create', { name: `村${n}`, kind: '行政村', note: `${n}`.padEnd(500, '备'), years: [{ year: 2025, stars: 3, income: '1' }, { year: 2024, stars: 2, income: '1' }] });
      let saved = 0;
      let refusal: { code: string; message: string } | null = null;
      for (let n = 1; n <= 2000 && !refusal; n++) {
        const r = await create(n);
        if (r.ok) saved++;
        else refusal = r.error;
      }
      expect(refusal, 'the disk should have filled up').not.toBeNull();
      expect(refusal).toMatchObject({ code: 'disk_full' });
      expect(refusal!.message).toMatch(/磁盘空间不足/);
      expect(saved).toBeGreaterThan(0);
      // Still full: refused again, cleanly; reading works.
      expect(await create(9998)).toMatchObject({ ok: false, error: { code: 'disk_full' } });
      expect(await dispatch(core, 'villages.list', {})).toMatchObject({ ok: true, value: { total: saved } });

      fs.rmSync(filler);
      expect((await create(9999)).ok).toBe(true);
      core.close();
      expectWholeChanges(file);
      core = await openCore(file);
      expect(count(core.db, 'SELECT count(*) AS n FROM villages')).toBe(saved + 1);
      expect((await create(10_000)).ok).toBe(true);
      core.close();
    } finally {
      removeMount(disk);
    }
  });
});

describe('the CLI on a full disk', () => {
  it('says the disk is full in Chinese, with exit code 1', () => {
    if (!tmpfsAvailable('CLI on a full tmpfs')) return;
    const disk = mountTmpfs(1 << 20);
    try {
      fillUntil(disk, 8 * 1024);
      const r = cli('init', '--db', path.join(disk, 'ledger.db'), '--role', 'township', '--code', '450311100', '--name', '雁山镇');
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toMatch(/^磁盘空间不足/);
    } finally {
      removeMount(disk);
    }
  });
});

describe('an import at a district whose disk fills up', () => {
  it('the apply is refused as disk full through dispatch, nothing is applied, and the same bundle imports once space is freed', async () => {
    if (!tmpfsAvailable('import onto a small tmpfs')) return;
    const town = await township();
    const { file: bundle } = await exportBundle(town, { dir: tempDir(), full: true });
    const disk = mountTmpfs(32 << 20);
    try {
      const district = await openCore(path.join(disk, 'ledger.db'));
      completeSetup(district, { role: 'district', code: '450311', name: '雁山区委组织部', operator: '李四', importVillages: [] });
      setSetting(district.db, 'sync.districtSecret', districtKeys().secretFile);
      const file = { fileName: path.basename(bundle), base64: fs.readFileSync(bundle).toString('base64') };
      const preview = async () => {
        const r = await dispatch(district, 'sync.preview', { file, passphrase: PASSPHRASE });
        if (!r.ok) throw new Error(r.error.message);
        return (r.value as { stageId: string }).stageId;
      };
      const stageId = await preview();
      const filler = fillUntil(disk, 64 * 1024);
      const before = dbDigest(district);
      const refused = await dispatch(district, 'sync.apply', { stageId, confirmKey: true });
      expect(refused).toMatchObject({ ok: false, error: { code: 'disk_full' } });
      expect((refused as { error: { message: string } }).error.message).toMatch(/磁盘空间不足/);
      expect(dbDigest(district)).toBe(before);
      fs.rmSync(filler);
      expect(await dispatch(district, 'sync.apply', { stageId: await preview(), confirmKey: true })).toMatchObject({ ok: true, value: { result: 'applied' } });
      expect(syncedRows(district)).toEqual(syncedRows(town));
      district.close();
    } finally {
      removeMount(disk);
    }
  });
});

