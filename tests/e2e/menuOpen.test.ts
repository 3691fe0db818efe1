import { describe, expect, it } from 'vitest';
import { appSession, browserAvailable } from '../helpers/browser';
import { seedLists } from '../helpers/layoutSeed';
import { shown } from '../helpers/ui';
import { VillagesPage } from './pages/VillagesPage';

/**
 * A menu click asks for the register's first page at the click, while the page renders
 * (api/client.ts callEarly); the page takes that answer instead of asking again.
 */
describe.runIf(browserAvailable())('opening a register from the menu', () => {
  const s = appSession({ setup: true, seed: seedLists });

  it('asks for its first page once, with the search the clerk left it with', async () => {
    const calls: { search: string | null; page: number }[] = [];
    s.page.on('request', (r) => {
      if (r.url().endsWith('/api/villages.list')) calls.push(JSON.parse(r.postData() ?? '{}') as { search: string | null; page: number });
    });
    const v = new VillagesPage(s.page);
    await v.expectShown();
    const firstName = s.page.locator('.ant-table-row').first().getByRole('cell').first();
    await shown(firstName);
    const name = (await firstName.innerText()).trim();
    // The row is on screen only after the page's own first call was made: one call in all.
    expect(calls).toEqual([expect.objectContaining({ search: null, page: 1 })]);

    await v.search(name);
    await shown(s.page.getByText(/^共 \d+ 条$/));
    const searched = calls.length;
    expect(calls.at(-1)).toEqual(expect.objectContaining({ search: name }));

    await s.page.getByRole('menuitem', { name: '首页' }).click();
    await shown(s.page.getByRole('heading', { name: '首页' }));
    await s.page.getByRole('menuitem', { name: '村（社区）' }).click();
    await shown(v.row(name));
    expect(await s.page.getByPlaceholder('搜索名称、区划代码、书记').inputValue()).toBe(name);
    // Again one call, carrying the kept search: the early call matched what the page asks for.
    expect(calls.slice(searched)).toEqual([expect.objectContaining({ search: name, page: 1 })]);
    expect(s.errors).toEqual([]);
  });

  it('does the same for 流动党员', async () => {
    const calls: unknown[] = [];
    s.page.on('request', (r) => {
      if (r.url().endsWith('/api/floating.list')) calls.push(JSON.parse(r.postData() ?? '{}'));
    });
    await s.page.getByRole('menuitem', { name: '流动党员' }).click();
    await shown(s.page.getByRole('heading', { name: '流动党员' }));
    await shown(s.page.getByText(/^共 \d+ 条$|暂无数据/).first());
    expect(calls).toEqual([expect.objectContaining({ search: null, id: null, page: 1 })]);
    expect(s.errors).toEqual([]);
  });
});
