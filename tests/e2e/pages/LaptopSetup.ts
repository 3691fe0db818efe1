import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { gone, shown } from '../../helpers/ui';
import { SyncPage } from './SyncPage';
import { VillagesPage } from './VillagesPage';

/**
 * The 驻村版's first start as the two offices walk it: the township (tp) makes 东立村's package from
 * the village's row, and a fresh installation (lp) is set up from that file, completing only after
 * the fingerprint the township was shown is ticked as matching on the phone. Returns that
 * fingerprint and the package file.
 */
export async function setUpLaptop(tp: Page, lp: Page, dir: string, firstSecretary: string, operator = '李明'): Promise<{ file: string; fingerprint: string }> {
  const villages = new VillagesPage(tp);
  await villages.expectShown();
  const file = await new SyncPage(tp).download(dir, () => villages.row('东立村').getByText('生成驻村版配置包').click(), /\.tlvillage$/);
  const fingerprint = (await tp.getByTestId('package-fingerprint').textContent())!.trim();
  expect(fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);

  await shown(lp.getByText('初始设置').first());
  await lp.getByText('驻村版（驻村工作队）').click();
  await lp.locator('input[type=file][accept=".tlvillage"]').setInputFiles({ name: path.basename(file), mimeType: 'application/octet-stream', buffer: fs.readFileSync(file) });
  await shown(lp.getByTestId('township-fingerprint').getByText(fingerprint, { exact: true }));
  await shown(lp.getByText('雁山镇（450311100）'));
  await shown(lp.getByText(`${firstSecretary}（第一书记）`));
  const done = lp.getByRole('button', { name: '完成设置' });
  expect(await done.isDisabled()).toBe(true); // not before the fingerprint was checked
  await lp.getByPlaceholder('如 驻村第一书记本人').fill(operator);
  await lp.getByText('已与乡镇电话核对，指纹一致').click();
  await done.click();
  await shown(lp.getByText('驻村版', { exact: true }));
  // The township closes its notice of the package only now: the fingerprint stayed on screen.
  const notice = tp.locator('.ant-modal-confirm').filter({ hasText: '驻村版配置包' });
  await notice.getByRole('button', { name: '知道了' }).click();
  await gone(notice);
  return { file, fingerprint };
}
