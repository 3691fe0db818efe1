import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import { appSession, browserAvailable } from '../helpers/browser';
import { gone, hasValue, shown } from '../helpers/ui';
import { CADRE_ID_NUMBER, MEMBER_ID_NUMBER } from '../helpers/xssWorld';
import { CadresPage } from './pages/CadresPage';
import { FloatingPage } from './pages/FloatingPage';

/** ID numbers: masked in lists, the ledger and the detail drawer; the eye shows one; 操作日志 lists it. */

const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;
const EYE = '显示完整身份证号';

describe.runIf(browserAvailable())('ID numbers revealed on request and audited, in Chromium', () => {

  const s = appSession({
    setup: true,
    timeout: 15_000,
    seed: async (app) => {
      const call = async (name: 'villages.list' | 'cadres.create' | 'floating.create' | 'cadres.post', input: unknown) => {
        const r = await dispatch(app.core, name, input);
        if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
        return r.value as { id: string; rows: { id: string; name: string }[] };
      };
      const village = (await call('villages.list', { pageSize: 1 })).rows[0]!;
      const cadre = await call('cadres.create', { name: '李明', idNumber: CADRE_ID_NUMBER, unit: '雁山区农业农村局', unitLevel: '县区直' });
      await call('cadres.post', { cadreId: cadre.id, villageId: village.id, role: '第一书记', startDate: '2025-06-01' });
      await call('floating.create', { villageId: village.id, name: '王小明', idNumber: MEMBER_ID_NUMBER, memberType: '正式党员', leftDate: '2025-03-01', destProvince: '44', destCity: '4403', destCounty: '440306', reason: '务工' });
    },
  });

  const reveals = () => s.app.core.db.prepare("SELECT action, table_name, before, after FROM audit_log WHERE action LIKE 'reveal%' ORDER BY id").all();

  it('the cadre list and ledger show the masked number; the eye shows the full one for that view', async () => {
    const cadres = new CadresPage(s.page);
    await cadres.open();
    const row = cadres.row('李明');
    await shown(row.getByText(masked(CADRE_ID_NUMBER)));
    expect(await s.page.getByText(CADRE_ID_NUMBER).count()).toBe(0);
    expect(reveals()).toEqual([]);
    await row.getByRole('button', { name: EYE }).click();
    await shown(row.getByText(CADRE_ID_NUMBER));
    expect(reveals()).toEqual([{ action: 'reveal', table_name: 'cadres', before: null, after: null }]);

    await cadres.openLedger('李明');
    const profile = s.page.locator('.ledger-section').filter({ hasText: '基本信息' });
    await shown(profile.getByText(masked(CADRE_ID_NUMBER)));
    await profile.getByRole('button', { name: EYE }).click();
    await shown(profile.getByText(CADRE_ID_NUMBER));
    await profile.getByRole('button', { name: '隐藏身份证号' }).click();
    await shown(profile.getByText(masked(CADRE_ID_NUMBER)));
    await cadres.backToList();
    expect(reveals()).toHaveLength(2);
  });

  it('the edit form gets the full number, and opening it counts as a reveal', async () => {
    const cadres = new CadresPage(s.page);
    await cadres.row('李明').getByText('编辑', { exact: true }).click();
    const d = s.page.getByRole('dialog', { name: '编辑驻村干部' });
    await shown(d);
    await hasValue(d.getByLabel('身份证号'), CADRE_ID_NUMBER);
    await s.page.keyboard.press('Escape');
    await gone(d);
    expect(reveals().at(-1)).toEqual({ action: 'reveal:edit', table_name: 'cadres', before: null, after: null });
  });

  it('the floating list and the member drawer mask it too', async () => {
    const floating = new FloatingPage(s.page);
    await floating.open();
    await shown(floating.row('王小明').getByText(masked(MEMBER_ID_NUMBER)));
    const drawer = await floating.openLedger('王小明');
    await shown(drawer.getByText(masked(MEMBER_ID_NUMBER)));
    expect(await s.page.getByText(MEMBER_ID_NUMBER).count()).toBe(0);
    // Keyboard first: the eye button by focus and Enter (no pointer, so no tooltip on the Esc stack).
    await drawer.getByRole('button', { name: EYE }).focus();
    await s.page.keyboard.press('Enter');
    await shown(drawer.getByText(MEMBER_ID_NUMBER));
    // The focus stays on the same button (now 隐藏), inside the drawer, so one Esc closes it.
    expect(await drawer.getByRole('button', { name: '隐藏身份证号' }).evaluate((b) => b === document.activeElement)).toBe(true);
    await s.page.keyboard.press('Escape');
    await gone(drawer);
  });

  it('操作日志 lists every reveal with who and which field, never the number', async () => {
    await s.page.getByRole('menuitem', { name: '操作日志' }).click();
    await shown(s.page.getByRole('heading', { name: '操作日志' }));
    const rows = s.page.getByRole('row').filter({ hasText: /查看/ });
    await shown(rows.filter({ hasText: '编辑时查看' }).first());
    await shown(rows.filter({ hasText: '流动党员' }).filter({ hasText: '查看' }).first());
    expect(await rows.count()).toBe(4);
    for (const text of await rows.allInnerTexts()) {
      expect(text).toContain('张三');
      expect(text).toContain('身份证号');
    }
    expect(await s.page.getByText(CADRE_ID_NUMBER).count()).toBe(0);
    const log = JSON.stringify(s.app.core.db.prepare("SELECT * FROM audit_log WHERE action LIKE 'reveal%'").all());
    expect(log).not.toContain(CADRE_ID_NUMBER);
    expect(log).not.toContain(MEMBER_ID_NUMBER);
    expect(s.errors).toEqual([]);
  });
});
