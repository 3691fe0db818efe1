import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDay } from '../../electron/domain/dates';
import { checkChar } from '../../electron/domain/idNumber';
import { getInstallation, getSetting } from '../../db/settings';
import { appSession, browserAvailable, type App } from '../helpers/browser';
import { seedCaller, villageIdOf } from '../helpers/seedCall';
import { gone, hasValue, holdCalls, shown } from '../helpers/ui';
import { CadresPage } from './pages/CadresPage';
import { FloatingPage } from './pages/FloatingPage';
import { ProjectsPage } from './pages/ProjectsPage';
import { VillagesPage } from './pages/VillagesPage';
import { answerDiscard, chooseOption, discardQuestion } from './pages/widgets';

const today = localDay(new Date());
const first17 = '45030219880214231';
const MEMBER_ID = first17 + checkChar(first17);
/** The same number with its check character wrong. */
const BAD_ID = first17 + (checkChar(first17) === '0' ? '1' : '0');

async function seed(app: App) {
  const call = seedCaller(app);
  const c17 = '45030219850314123';
  const cadre = await call('cadres.create', { name: '李明', idNumber: c17 + checkChar(c17), unit: '雁山区农业农村局', unitLevel: '县区直' });
  await call('cadres.post', { cadreId: cadre.id, villageId: villageIdOf(app), role: '第一书记', startDate: addDays(today, -40) });
}

const count = (app: App, sql: string) => (app.core.db.prepare(sql).get() as { n: number }).n;

describe.runIf(browserAvailable())('forms keep what the clerk typed, in Chromium', () => {
  const s = appSession({ setup: true, seed });
  const floating = () => new FloatingPage(s.page);
  const openNewMember = async () => {
    await s.page.getByRole('button', { name: '新增', exact: true }).click();
    const d = floating().drawer('新增流动党员');
    await shown(d);
    // The cursor starts in the first field.
    await shown(d.locator('input#floatingMember_name:focus'));
    return d;
  };

  beforeAll(async () => {
    await floating().open();
  });

  it('the member form closes at once when untouched, and asks before Esc, 取消 or the close button throws typed text away', async () => {
    let d = await openNewMember();
    await s.page.keyboard.press('Escape');
    await gone(d);
    expect(await discardQuestion(s.page).count()).toBe(0);

    d = await openNewMember();
    const name = d.getByLabel('姓名', { exact: true });
    await name.fill('王小明');
    await s.page.keyboard.press('Escape');
    await answerDiscard(s.page, '继续编辑');
    await hasValue(name, '王小明');
    await d.getByRole('button', { name: '取消' }).click();
    await answerDiscard(s.page, '继续编辑');
    await hasValue(name, '王小明');
    await d.getByRole('button', { name: /Close|关闭/ }).click();
    await answerDiscard(s.page, '放弃');
    await gone(d);
    d = await openNewMember();
    await hasValue(d.getByLabel('姓名', { exact: true }), '');
    await s.page.keyboard.press('Escape');
    await gone(d);
  });

  it('gives focus back to 新增 when a form closes, unless the clerk has already clicked elsewhere', async () => {
    let d = await openNewMember();
    await s.page.keyboard.press('Escape');
    await gone(d);
    await shown(s.page.locator('button:focus', { hasText: '新增' }));

    // On a slow PC the clerk is in the search box before the closing animation has ended: what
    // they type there must stay there, not go to 新增 (whose Enter would reopen an empty form).
    d = await openNewMember();
    await s.page.keyboard.press('Escape');
    const search = s.page.getByPlaceholder('搜索姓名、身份证号、手机、流入地');
    await search.focus();
    await gone(d);
    await s.page.keyboard.type('ab');
    await hasValue(search, 'ab');
    await s.page.keyboard.press('Enter');
    await s.page.waitForTimeout(300);
    expect(await floating().drawer('新增流动党员').isVisible()).toBe(false);
    await search.fill('');
    await search.press('Enter');
  });

  it('checks the ID number as the clerk leaves the field, clears the error once fixed, and shows birth date and sex', async () => {
    const d = await openNewMember();
    const id = d.getByLabel('身份证号', { exact: true });
    await id.fill(BAD_ID);
    await id.press('Tab');
    await shown(d.getByText('身份证号校验位不正确，请逐位核对'));
    await id.fill(MEMBER_ID);
    await gone(d.getByText('身份证号校验位不正确，请逐位核对'));
    await shown(d.getByText('出生日期：1988-02-14\u3000性别：男（由身份证号自动得出）'));
    await s.page.keyboard.press('Escape');
    await answerDiscard(s.page, '放弃');
    await gone(d);
  });

  it('keeps a pasted 备注 over the limit whole, names the field in red and refuses the save until it is shortened', async () => {
    const p = floating();
    const d = await openNewMember();
    await d.getByLabel('姓名', { exact: true }).fill('赵长文');
    await p.pickVillage(d, '所属村（社区）', '东立村');
    await d.getByLabel('身份证号', { exact: true }).fill(MEMBER_ID);
    await p.pickDate(d, '外出时间', addDays(today, -30));
    await p.pickDestination(d, ['广东省', '深圳市', '南山区']);
    const note = d.getByLabel('备注', { exact: true });
    await note.click();
    // As a paste arrives: the whole text in one input event.
    await s.page.keyboard.insertText('长'.repeat(10_000));
    const refusal = d.getByText('备注不能超过500个字（现有10000个字），请删减后再保存');
    await shown(refusal);
    expect((await note.inputValue()).length).toBe(10_000);
    await shown(d.getByText('10000 / 500'));
    await d.getByRole('button', { name: /保存$/ }).click();
    await shown(refusal);
    expect(count(s.app, "SELECT count(*) AS n FROM floating_members WHERE name = '赵长文'")).toBe(0);

    await note.fill('长'.repeat(500));
    await gone(refusal);
    await d.getByRole('button', { name: /保存$/ }).click();
    await gone(d);
    expect(s.app.core.db.prepare("SELECT length(note) AS n FROM floating_members WHERE name = '赵长文'").get()).toEqual({ n: 500 });
  });

  it('重置 clears the search and every filter of a register list', async () => {
    const p = floating();
    await p.open();
    await shown(p.row('赵长文'));
    const search = s.page.getByLabel('搜索', { exact: true });
    await search.fill('没有这个人');
    await search.press('Enter');
    await gone(p.row('赵长文'));
    await chooseOption(s.page, s.page, '状态', '已返回');
    await s.page.getByRole('button', { name: '重置' }).click();
    await shown(p.row('赵长文'));
    await hasValue(search, '');
    await shown(s.page.getByText('共 1 条'));
    await shown(s.page.getByText('全部状态'));
  });

  it('the work-log drawer asks before Esc or its close button throws a typed entry away', async () => {
    const cadres = new CadresPage(s.page);
    await cadres.open();
    await cadres.row('李明').getByText('日志', { exact: true }).click();
    const d = s.page.getByRole('dialog', { name: '填写驻村日志：李明' });
    await shown(d);
    const content = d.getByLabel('工作内容', { exact: true });
    // The drawer has finished opening (it then puts the cursor in 工作内容), so that focus move
    // cannot land while the question is open.
    await expect.poll(() => content.evaluate((el) => el === document.activeElement)).toBe(true);
    await content.fill('走访脱贫户');
    await s.page.keyboard.press('Escape');
    await answerDiscard(s.page, '继续编辑');
    await hasValue(content, '走访脱贫户');
    // Another day asks too (PageUp dropped the text without a word): kept, the day and its text
    // stay; 放弃 goes to the day before.
    const date = d.getByLabel('日期', { exact: true });
    const day = await date.inputValue();
    await content.press('PageUp');
    await shown(discardQuestion(s.page).getByText('换到其他日期后，本日填写或修改的内容不会保存。'));
    await answerDiscard(s.page, '继续编辑');
    await hasValue(date, day);
    await hasValue(content, '走访脱贫户');
    // A date typed asks the same once it is finished (Enter); kept, the box shows the day still
    // open again, not the date typed.
    await date.fill(addDays(day, -2));
    await date.press('Enter');
    await answerDiscard(s.page, '继续编辑');
    await hasValue(date, day);
    await hasValue(content, '走访脱贫户');
    await content.press('PageUp');
    await answerDiscard(s.page, '放弃');
    await hasValue(date, addDays(day, -1));
    await expect.poll(() => content.isEditable()).toBe(true);
    await content.fill('走访脱贫户');
    await d.getByRole('button', { name: /Close|关闭/ }).click();
    await answerDiscard(s.page, '放弃');
    await gone(d);
    await gone(discardQuestion(s.page));
    expect(count(s.app, 'SELECT count(*) AS n FROM work_logs')).toBe(0);
  });

  it('clears the project form\'s old error once another field has set it right', async () => {
    const p = new ProjectsPage(s.page);
    await p.open();
    const d = await p.openNew();
    await p.fill(d, { village: '东立村', name: '光伏电站', total: '100', sources: { '财政资金（万元）': '60', '帮扶单位（万元）': '30' } });
    await p.save(d);
    const mismatch = d.getByText('各来源合计 90 万元，与总投资 100 万元不一致');
    await shown(mismatch);
    await d.getByLabel('财政资金（万元）', { exact: true }).fill('70');
    await gone(mismatch);
    await p.save(d);
    await p.expectSaved(d);
  });

  it('系统设置 takes no typing before its values arrive, so what is saved is what was typed', async () => {
    // The settings' answer is held back, as on a busy machine: typed before it came, the
    // operator's name used to be overwritten by the stored one, and 保存 then kept the old name.
    const release = await holdCalls(s.page, 'settings.get');
    await s.page.getByRole('menuitem', { name: '系统设置' }).click();
    const operator = s.page.getByLabel('操作员姓名');
    await shown(operator);
    expect(await operator.isDisabled()).toBe(true);
    release();
    await hasValue(operator, getInstallation(s.app.core.db)!.operator);
    await operator.fill('王五');
    await s.page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => getInstallation(s.app.core.db)!.operator).toBe('王五');
    await hasValue(operator, '王五');
    await s.page.unroute('**/api/settings.get');
  });

  it('a message the server put under a field goes as soon as the clerk changes that field', async () => {
    // 每月驻村天数标准 has no rule of its own in the form: the server's message used to stay under
    // the corrected value, even after 已保存.
    await s.page.getByRole('menuitem', { name: '系统设置' }).click();
    const days = s.page.getByLabel('每月驻村天数标准');
    await hasValue(days, '20');
    await days.fill('');
    const save = s.page.getByRole('button', { name: /保\s*存/ });
    await save.click();
    const refused = s.page.locator('.ant-form-item-explain-error', { hasText: '每月驻村天数' });
    await shown(refused);
    await days.fill('１８');
    await gone(refused);
    await save.click();
    await expect.poll(() => getSetting<{ attendanceThresholdDays?: number }>(s.app.core.db, 'settings')?.attendanceThresholdDays).toBe(18);
    expect(await refused.count()).toBe(0);
  });

  it('系统设置 asks before the menu leaves unsaved edits behind, and not once they are saved', async () => {
    const menu = (name: string) => s.page.getByRole('menuitem', { name });
    await menu('系统设置').click();
    const interval = s.page.getByLabel('联系间隔天数');
    await hasValue(interval, '90');
    await interval.fill('45');
    await menu('首页').click();
    await answerDiscard(s.page, '继续编辑');
    await hasValue(interval, '45');
    await menu('首页').click();
    await answerDiscard(s.page, '放弃');
    await shown(s.page.getByRole('heading', { name: '首页' }));
    expect(getSetting<{ contactIntervalDays?: number }>(s.app.core.db, 'settings')?.contactIntervalDays ?? 90).toBe(90);
    await menu('系统设置').click();
    await hasValue(s.page.getByLabel('联系间隔天数'), '90');
    await s.page.getByLabel('联系间隔天数').fill('60');
    await s.page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => getSetting<{ contactIntervalDays?: number }>(s.app.core.db, 'settings')?.contactIntervalDays).toBe(60);
    await menu('首页').click();
    await shown(s.page.getByRole('heading', { name: '首页' }));
    expect(await discardQuestion(s.page).count()).toBe(0);
  });

  it('an edit drawer takes no typing before its record arrives, then puts the cursor in its first field', async () => {
    // The record's answer is held back, as on a busy machine: typed before it came, the text was
    // overwritten by the stored record as it arrived, and 保存 kept the old value.
    const release = await holdCalls(s.page, 'villages.get');
    const villages = new VillagesPage(s.page);
    await villages.expectShown();
    await villages.row('东立村').getByText('编辑', { exact: true }).click();
    const d = villages.drawer('编辑村（社区）');
    await shown(d);
    const name = d.getByLabel('村（社区）名称');
    // Shown while held (the drawer's spinner turns for good: no waiting for its animations).
    await shown(d.getByText('正在读取…'));
    expect(await name.isDisabled()).toBe(true);
    release();
    await hasValue(name, '东立村');
    await shown(d.locator('input#village_name:focus'));
    await s.page.keyboard.press('End');
    await s.page.keyboard.type('一组');
    await s.page.keyboard.press('Enter');
    await villages.expectSaved(d);
    await expect.poll(() => count(s.app, "SELECT count(*) AS n FROM villages WHERE name = '东立村一组' AND deleted_at IS NULL")).toBe(1);
    await s.page.unroute('**/api/villages.get');
  });

  it('Enter pressed again while a save is on its way saves once', async () => {
    let sent = 0;
    const release = await holdCalls(s.page, 'villages.create', () => sent++);
    const villages = new VillagesPage(s.page);
    await villages.expectShown();
    const d = await villages.openNew();
    await villages.fill(d, { name: '回车新村' });
    const name = d.getByLabel('村（社区）名称');
    await name.press('Enter');
    await expect.poll(() => sent).toBe(1);
    await name.press('Enter');
    await name.press('Enter');
    release();
    await villages.expectSaved(d);
    await s.page.unroute('**/api/villages.create');
    expect(sent).toBe(1);
    expect(count(s.app, "SELECT count(*) AS n FROM villages WHERE name = '回车新村'")).toBe(1);
  });

  it('接替人 offers only the answer to what is typed: Enter before it comes picks no one', async () => {
    const call = seedCaller(s.app);
    const c17 = '45030219900101123';
    await call('cadres.create', { name: '王强', idNumber: c17 + checkChar(c17), unit: '雁山区财政局', unitLevel: '县区直' });
    const cadres = new CadresPage(s.page);
    await cadres.open();
    await cadres.openLedger('李明');
    await s.page.getByText('离岗', { exact: true }).first().click();
    const m = s.page.getByRole('dialog', { name: '办理离岗' });
    await shown(m);
    const picker = m.getByLabel('接替人');
    await picker.click();
    // The first list (no search) has 王强.
    await shown(s.page.locator('.ant-select-item-option').filter({ hasText: '王强' }));
    const release = await holdCalls(s.page, 'cadres.list');
    await picker.pressSequentially('张');
    await picker.press('Enter');
    release();
    // The Enter waited: the typed name stays and the answer (no 张) shows in the open list.
    await shown(s.page.locator('.ant-select-dropdown:visible .ant-empty-description').filter({ hasText: '暂无数据' }));
    await s.page.waitForTimeout(500);
    await shown(s.page.locator('.ant-select-dropdown:visible .ant-empty-description').filter({ hasText: '暂无数据' }));
    expect(await picker.inputValue()).toBe('张');
    await s.page.unroute('**/api/cadres.list');
    // Out of the picker (its list closes, the search text goes): nothing was picked, the field
    // shows its placeholder (the old list's first, 王强, was picked before).
    await m.getByText('办理离岗', { exact: true }).click();
    const field = m.locator('.ant-select').filter({ has: s.page.getByLabel('接替人') });
    await gone(s.page.locator('.ant-select-dropdown:visible'));
    expect(await field.innerText()).not.toContain('王强');
    // 取消: nothing was chosen, so it closes at once.
    await m.getByRole('button', { name: /取\s*消/ }).click();
    await gone(m);
    expect(count(s.app, 'SELECT count(*) AS n FROM cadre_postings WHERE actual_end IS NOT NULL')).toBe(0);
  });

  it('a click into a later field of a dialog still opening keeps the cursor there', async () => {
    const cadres = new CadresPage(s.page);
    await cadres.open();
    // The page comes back where it was left (the previous test's ledger).
    if (await s.page.getByRole('button', { name: '返回列表' }).isVisible()) await cadres.backToList();
    await cadres.openLedger('李明');
    // CSS animations at a tenth of their speed: the dialog's opening lasts ~3 s, as on a slow PC.
    const cdp = await s.page.context().newCDPSession(s.page);
    await cdp.send('Animation.enable');
    await cdp.send('Animation.setPlaybackRate', { playbackRate: 0.1 });
    try {
      await s.page.getByText('离岗', { exact: true }).first().click();
      const m = s.page.getByRole('dialog', { name: '办理离岗' });
      await shown(m);
      const picker = m.getByLabel('接替人');
      // force: the dialog is still growing, so never "stable" for an ordinary click.
      await picker.click({ force: true });
      await shown(s.page.locator('.ant-select-dropdown:visible'));
      await cdp.send('Animation.setPlaybackRate', { playbackRate: 1 });
      // The opening has ended (it focused the first field over the clerk's click before).
      await s.page.waitForTimeout(1500);
      expect(await picker.evaluate((el) => el === document.activeElement)).toBe(true);
      await shown(s.page.locator('.ant-select-dropdown:visible'));
      // Esc closes the list, a second Esc the dialog (nothing was typed, so without a question).
      await s.page.keyboard.press('Escape');
      await gone(s.page.locator('.ant-select-dropdown:visible'));
      await s.page.keyboard.press('Escape');
      await gone(m);
    } finally {
      await cdp.send('Animation.setPlaybackRate', { playbackRate: 1 });
      await cdp.detach();
    }
  });

  it('logged no page errors', () => {
    expect(s.errors).toEqual([]);
  });
});
