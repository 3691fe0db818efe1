import { describe, expect, it } from 'vitest';
import { appSession, browserAvailable } from '../helpers/browser';
import { gone, shown } from '../helpers/ui';
import { answerDiscard } from './pages/widgets';

describe.runIf(browserAvailable())('typing instead of clicking, and summaries that read as Chinese, in Chromium', () => {
  const s = appSession({ setup: true, viewport: { width: 1366, height: 768 } });

  it('a select takes typed text: 本科 + Enter picks 大学本科 in 学历, not the first option', async () => {
    await s.page.getByRole('menuitem', { name: '流动党员' }).click();
    await s.page.getByRole('button', { name: '新增', exact: true }).click();
    const d = s.page.getByRole('dialog', { name: '新增流动党员' });
    await shown(d);
    await shown(d.locator('input#floatingMember_name:focus'));
    const education = d.getByLabel('学历', { exact: true });
    await education.click();
    await s.page.keyboard.type('本科');
    await s.page.keyboard.press('Enter');
    // The select shows the picked value (a screen reader's live region may announce it too).
    await shown(d.locator('.ant-select-content[title="大学本科"]'));
    expect(await d.getByText('研究生', { exact: true }).count()).toBe(0);
    // Text matching nothing says so rather than showing an empty list (大专 is 大学专科 here).
    await education.click();
    await s.page.keyboard.type('大专');
    await shown(s.page.getByText('没有相符的学历，请换个说法或从列表中选择'));
    await s.page.keyboard.press('Escape');
    await shown(d.locator('.ant-select-content[title="大学本科"]'));
    await d.getByRole('button', { name: '取消' }).click();
    await answerDiscard(s.page, '放弃');
    await gone(d);
  });

  it('the 驻村干部 summary has no space between Chinese sentences', async () => {
    await s.page.getByRole('menuitem', { name: '驻村干部' }).click();
    const summary = s.page.locator('.ant-typography').filter({ hasText: '期满轮换' }).first();
    await shown(summary);
    const text = await summary.innerText();
    expect(text).toContain('名），期满轮换');
    expect(text).toContain('人次。季度考评');
  });
});
