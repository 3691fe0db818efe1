import { describe, expect, it } from 'vitest';
import { browserAvailable, syncSession } from '../helpers/browser';
import { tempDir } from '../helpers/tmp';
import { gone, shown } from '../helpers/ui';
import { chooseOption, settled } from './pages/widgets';
import { SyncPage } from './pages/SyncPage';

describe.runIf(browserAvailable())('sync bundle from a township to the district, in Chromium', () => {
  const s = syncSession({ viewport: { width: 1366, height: 900 }, timeout: 15_000 });

  it('exports at the township, previews and imports at the district, and confirms back with a receipt', async () => {
    // tempDir() is removed after each test; this flow lives in one test.
    const dir = tempDir();
    const { district, tp, dp } = s;
    const t = new SyncPage(tp);
    const d = new SyncPage(dp);

    await d.open();
    await dp.getByLabel('私钥口令', { exact: true }).fill('yanshan-2026!');
    const pub = await d.download(dir, () => dp.getByRole('button', { name: '生成区县密钥' }).click(), /district\.pub/);
    const made = dp.locator('.ant-modal-confirm').filter({ hasText: '已生成区县密钥' });
    await shown(made);
    await settled(made);
    await made.getByRole('button', { name: '知道了' }).click();
    await gone(made);
    const fingerprint = (await dp.locator('code').first().textContent())!.trim();
    expect(fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);

    await t.open();
    await t.pick('.pub', pub);
    await t.toast(/已导入 .* 的公钥/);
    // What the township reads out by phone is what the district sees.
    await shown(tp.getByText(fingerprint).first());
    // Nothing is encrypted to that key until the clerk says the fingerprint was checked by phone.
    expect(await tp.getByRole('button', { name: /导出同步文件/ }).isDisabled()).toBe(true);
    await tp.getByRole('button', { name: '已电话核对，指纹一致' }).click();
    await t.toast('已确认区县公钥指纹');
    const bundle = await t.download(dir, () => tp.getByRole('button', { name: /导出同步文件/ }).click(), /\.tlbundle$/, /已导出第 1 号同步文件/);
    await shown(tp.getByText('待区县确认'));

    await dp.getByLabel('导入口令').fill('yanshan-2026!');
    await d.pick('.tlbundle', bundle);
    const modal = dp.getByRole('dialog', { name: '导入预览' });
    await shown(modal);
    await shown(modal.getByText('雁山镇（450311100）'));
    const villagesRow = modal.getByRole('row').filter({ has: dp.getByRole('cell', { name: '村（社区）', exact: true }) });
    await shown(villagesRow.getByRole('cell', { name: '18', exact: true }));
    expect(district.core.db.prepare('SELECT count(*) AS n FROM villages').get()).toEqual({ n: 0 });
    await modal.getByLabel('已核对，指纹一致').check();
    const receipt = await d.download(dir, () => modal.getByRole('button', { name: /确认导入/ }).click(), /\.tlreceipt$/, /已导入雁山镇第 1 号同步文件/);
    expect(district.core.db.prepare('SELECT count(*) AS n FROM villages WHERE deleted_at IS NULL').get()).toEqual({ n: 18 });
    await shown(dp.getByRole('cell', { name: '雁山镇', exact: true }).first());

    // The district reads every township's registers, narrowed by the header's township picker.
    await dp.getByRole('menuitem', { name: '村（社区）' }).click();
    await shown(dp.getByText('共 18 条'));
    await chooseOption(dp, dp, '乡镇筛选', '雁山镇（450311100）');
    await shown(dp.locator('.ant-select').filter({ has: dp.getByLabel('乡镇筛选') }).getByText('雁山镇（450311100）'));
    await shown(dp.getByText('共 18 条'));
    expect(await dp.getByRole('button', { name: '新增', exact: true }).count()).toBe(0);

    await t.pick('.tlreceipt', receipt);
    await t.toast('区县已确认收到第 1 号同步文件');
    await shown(tp.getByText(/区县已确认/).first());
    expect(s.errors).toEqual([]);
  });
});
