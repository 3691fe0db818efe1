import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBundle } from '../../electron/sync/export';
import { stageBundle } from '../../electron/sync/import';
import { importReceipt, writeReceipt } from '../../electron/sync/receipt';
import { importVillageReceipt, writeVillageReceipt } from '../../electron/sync/villageReceipt';
import { districtKeys } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';
import { district, township } from '../helpers/trust';
import { ok } from './floating.helpers';
import { exportFrom, importAt, laptopFrom, logDays, villageWorld } from '../helpers/village';

describe('export file names', () => {
  it('never replace a bundle already in the folder: two PCs of one township exporting in the same second keep both', async () => {
    // Same township, two installations whose clocks read the same seconds: their first bundles
    // would both be TL-450311100-000001-<second>.
    const oldPc = await township('450311100', '雁山镇', 'aa');
    const newPc = await township('450311100', '雁山镇', 'bb');
    const dir = tempDir();
    const first = await exportBundle(oldPc, { dir });
    const bytes = fs.readFileSync(first.file);
    const second = await exportBundle(newPc, { dir });
    expect(second.header.createdAt).toBe(first.header.createdAt);
    expect(path.basename(second.file)).not.toBe(path.basename(first.file));
    expect(path.basename(second.file)).toMatch(/^TL-450311100-000001-\d{8}T\d{6}-2\.tlbundle$/);
    expect(fs.readFileSync(first.file).equals(bytes)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual([path.basename(first.file), path.basename(second.file)].sort());
    // Both still verify at the district as their own installation's bundle.
    const d = await district();
    const a = await stageBundle(d, first.file, districtKeys().keys);
    const b = await stageBundle(d, second.file, districtKeys().keys);
    expect(a.header.installationId).not.toBe(b.header.installationId);
  });
});

describe('an export whose name is taken while it is written', () => {
  it('is named when done, so a file that appeared meanwhile in a shared folder is kept', async () => {
    const oldPc = await township('450311100', '雁山镇', 'aa');
    await ok(oldPc, 'villages.create', { name: '雁山村', code: '450311100200', kind: '行政村' });
    const dir = tempDir();
    let planted: string | null = null;
    const made = await exportBundle(oldPc, {
      dir,
      // Mid-write, another PC's bundle lands under the very name this export meant to take.
      onProgress: () => {
        if (planted) return;
        const tmp = fs.readdirSync(dir).find((f) => f.endsWith('.tmp'))!;
        planted = path.join(dir, tmp.slice(1).replace(/\.\d+\.tmp$/, ''));
        fs.writeFileSync(planted, 'another PC');
      },
    });
    expect(planted).not.toBeNull();
    expect(fs.readFileSync(planted!, 'utf8')).toBe('another PC');
    expect(made.file).not.toBe(planted);
    expect(path.basename(made.file)).toMatch(/-2\.tlbundle$/);
    expect(fs.readdirSync(dir).sort()).toEqual([path.basename(planted!), path.basename(made.file)].sort());
    await stageBundle(await district(), made.file, districtKeys().keys);
  });
});

describe('receipt file names', () => {
  it('never replace a receipt already in the folder: both PCs of one township get their first bundle confirmed', async () => {
    // Two installations of 雁山镇 (an old PC and its replacement, or two offices): both number
    // their bundles from 1, so the district's receipts for them share TL-RECEIPT-450311100-000001.
    const pcs = [await township('450311100', '雁山镇', 'aa'), await township('450311100', '雁山镇', 'bb')];
    const d = await district();
    const stick = tempDir();
    const receipts: string[] = [];
    for (const pc of pcs) {
      const staged = await stageBundle(d, (await exportBundle(pc, { dir: tempDir() })).file, districtKeys().keys);
      receipts.push(writeReceipt(d, districtKeys().keys, staged.header, staged.hash, stick));
    }
    expect(receipts.map((f) => path.basename(f))).toEqual(['TL-RECEIPT-450311100-000001.tlreceipt', 'TL-RECEIPT-450311100-000001-2.tlreceipt']);
    expect(fs.readdirSync(stick).sort()).toEqual(receipts.map((f) => path.basename(f)).sort());
    // Each PC confirms its own bundle from its own receipt; the other's is refused as not its own.
    const text = (f: string) => fs.readFileSync(f, 'utf8');
    expect(importReceipt(pcs[0]!, text(receipts[0]!))).toMatchObject({ bundleSeq: 1, already: false });
    expect(importReceipt(pcs[1]!, text(receipts[1]!))).toMatchObject({ bundleSeq: 1, already: false });
    expect(() => importReceipt(pcs[0]!, text(receipts[1]!))).toThrow(/另一台电脑/);
  });

  it('never replace a village receipt already in the folder: a re-import writes a second one, and either confirms the bundle', async () => {
    const w = await villageWorld();
    const lap = await laptopFrom(w.pkg);
    await logDays(lap, w.world.cadre.id as string, '2026-01-05', '2026-01-06');
    const bundle = await exportFrom(lap);
    const stick = tempDir();
    const first = await importAt(w.town, bundle);
    const a = writeVillageReceipt(w.town, first.header, first.hash, stick);
    const bytes = fs.readFileSync(a);
    const again = await importAt(w.town, bundle);
    const b = writeVillageReceipt(w.town, again.header, again.hash, stick);
    expect(path.basename(b)).toBe(path.basename(a).replace(/\.tlreceipt$/, '-2.tlreceipt'));
    expect(fs.readFileSync(a).equals(bytes)).toBe(true);
    expect(importVillageReceipt(lap, fs.readFileSync(b, 'utf8'))).toMatchObject({ bundleSeq: 1, already: false });
    expect(importVillageReceipt(lap, fs.readFileSync(a, 'utf8'))).toMatchObject({ bundleSeq: 1, already: true });
  });
});
