import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import type { ChannelName } from '../../electron/api/channels';
import type { Input } from '../../electron/api/contract';
import type { Core } from '../../electron/core';
import { SYNC_TABLES } from '../../db/tables';
import { browserAvailable, syncSession } from '../helpers/browser';
import { districtKeys, PASSPHRASE, trustDistrict } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';
import { gone, shown } from '../helpers/ui';
import { BackupPage } from './pages/BackupPage';
import { SyncPage } from './pages/SyncPage';

async function ok<K extends ChannelName>(core: Core, name: K, input: Input<K>): Promise<unknown> {
  const r = await dispatch(core, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
}

const village = (core: Core, code: string) =>
  core.db.prepare('SELECT * FROM villages WHERE code = ?').get(code) as { id: string; name: string; version: number; kind: '行政村' | '社区' };

/** A clerk's rename of an official village (its other fields are empty). */
const rename = (core: Core, code: string, name: string) => {
  const v = village(core, code);
  return ok(core, 'villages.update', { id: v.id, version: v.version, name, code, kind: v.kind });
};

/** Every synced row of the township's scope, column by column (seq is each store's own numbering). */
function scopeRows(core: Core, ids: Set<string> | null): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of SYNC_TABLES) {
    const rows = (core.db.prepare(`SELECT * FROM ${t.name} ORDER BY id`).all() as Record<string, unknown>[]).map(({ seq: _s, ...r }) => r);
    out[t.name] = ids ? rows.filter((r) => ids.has(r.id as string)) : rows;
  }
  return out;
}

describe.runIf(browserAvailable())('a township restores a backup; its full export corrects the district, in Chromium', () => {
  const s = syncSession({
    viewport: { width: 1366, height: 768 },
    timeout: 15_000,
    prepare: async (town, district) => {
      await ok(district.core, 'sync.loadDistrictKey', { file: { fileName: 'district.key', base64: Buffer.from(districtKeys().secretFile).toString('base64') }, passphrase: PASSPHRASE });
      trustDistrict(town.core);
    },
  });

  it('renames after a restore, exports in full, and the district sees the difference and ends equal to the township', async () => {
    const dir = tempDir();
    const { town, district, tp, dp } = s;
    const code = '450311100201';
    const before = village(town.core, code);
    // The backup the township will later go back to.
    await ok(town.core, 'backup.create', {});
    await rename(town.core, code, '东立村（第一次改名）');
    // The district receives that rename (version 2).
    const first = (await ok(town.core, 'sync.export', { full: false })) as { savedPath: string };
    const t = new SyncPage(tp);
    const d = new SyncPage(dp);
    await d.open();
    await dp.getByLabel('导入口令').fill(PASSPHRASE);
    await d.pick('.tlbundle', first.savedPath);
    const modal = dp.getByRole('dialog', { name: '导入预览' });
    // The preview has opened (its animation done) before the box is ticked.
    await shown(modal.getByText('雁山镇（450311100）'));
    await modal.getByLabel('已核对，指纹一致').check();
    await modal.getByRole('button', { name: /确认导入/ }).click();
    await d.toast(/已导入雁山镇第 1 号同步文件/);
    expect(village(district.core, code).name).toBe('东立村（第一次改名）');

    // The township restores the backup taken before the rename, in its own window.
    await tp.goto(town.host.openUrl);
    const backup = new BackupPage(tp);
    await backup.open();
    await backup.restore('手动备份');
    // The page reloads on the restored file.
    await expect.poll(() => village(town.core, code).name, { timeout: 15_000 }).toBe(before.name);
    await shown(tp.getByRole('menuitem', { name: '数据同步' }));
    // ...and renames the same village differently: the same row version 2 with other content.
    await rename(town.core, code, '东立村（恢复后改名）');
    expect(village(town.core, code).version).toBe(2);

    // Its next export is full, and the page says so.
    await t.open();
    await shown(tp.getByText('本机数据已从备份恢复，下一次导出为完整导出'));
    const full = await t.download(dir, () => tp.getByRole('button', { name: /导出同步文件/ }).click(), /\.tlbundle$/, /已导出第 \d+ 号同步文件/);

    // The district sees what will be corrected before anything is written.
    await d.pick('.tlbundle', full);
    await shown(modal);
    await shown(modal.getByText('完整导出：以乡镇现有数据为准'));
    const diff = modal.getByRole('table', { name: '差异清单' }).or(modal.locator('[aria-label="差异清单"]'));
    await shown(diff.getByRole('row').filter({ hasText: '村（社区）' }).filter({ hasText: 'name' }).first());
    expect(village(district.core, code).name).toBe('东立村（第一次改名）');
    if (process.env.TL_SHOT) await dp.screenshot({ path: `${process.env.TL_SHOT}/preview.png` });
    await modal.getByRole('button', { name: /确认导入/ }).click();
    await d.toast(/已导入雁山镇第 \d+ 号同步文件/);
    await gone(modal);

    // The district now holds exactly what the township holds, column by column.
    expect(village(district.core, code).name).toBe('东立村（恢复后改名）');
    const townRows = scopeRows(town.core, null);
    const ids = new Set(Object.values(townRows).flatMap((rows) => rows.map((r) => (r as { id: string }).id)));
    expect(scopeRows(district.core, ids)).toEqual(townRows);
    // The history says what happened.
    await shown(dp.getByRole('cell', { name: '雁山镇', exact: true }).first());
    expect(s.errors).toEqual([]);
  });
});
