import { describe, expect, it } from 'vitest';
import { quarterOf } from '../../electron/domain/cadres';
import { localDay } from '../../electron/domain/dates';
import { checkChar } from '../../electron/domain/idNumber';
import { appSession, browserAvailable, type App } from '../helpers/browser';
import { seedCaller, villageIdOf } from '../helpers/seedCall';
import { gone, hasValue, shown } from '../helpers/ui';
import { CadresPage } from './pages/CadresPage';
import { VillagesPage } from './pages/VillagesPage';
import { chooseOption, typeDate } from './pages/widgets';

/**
 * What a register accepts, said before the save: a rule version a save would replace, the
 * periods a newly posted cadre can be rated for, a 区划代码 typed the way an input method types it.
 */

const today = localDay(new Date());
const count = (app: App, sql: string) => (app.core.db.prepare(sql).get() as { n: number }).n;

describe.runIf(browserAvailable())('what a register accepts, in Chromium', () => {
  const s = appSession({ setup: true });

  it('发展党员时间规定 says before the save that a version of the same 施行日期 will be replaced', async () => {
    await s.page.getByRole('menuitem', { name: '系统设置' }).click();
    const versions = () => count(s.app, "SELECT count(*) AS n FROM dev_rules WHERE rule_key = 'talk_months'");
    const before = versions();
    const card = s.page.locator('.ant-card').filter({ hasText: '发展党员时间规定' });
    // Saved empty, every field says its name (依据 said only 请填写).
    await card.getByRole('button', { name: '新增版本' }).click();
    for (const m of ['请选择规定', '请填写规定值', '请填写施行日期', '请填写依据']) await shown(card.getByText(m, { exact: true }));
    await chooseOption(s.page, card, '规定', '收到入党申请后谈话期限');
    await card.getByLabel('规定值').fill('2');
    await typeDate(card, '施行日期', '2014.5.28');
    await card.getByLabel('依据').fill('自治区实施细则');
    const replaced = card.getByText('“收到入党申请后谈话期限”在2014-05-28已有一个版本（1个月，依据：《中国共产党发展党员工作细则》（2014年）（默认值）），保存将以本次填写的替换它');
    await shown(replaced);
    // Another date is a new version, and the button says which it is.
    await typeDate(card, '施行日期', '2026-01-01');
    await gone(replaced);
    await shown(card.getByRole('button', { name: '新增版本' }));
    await typeDate(card, '施行日期', '2014-05-28');
    await card.getByRole('button', { name: '替换该版本' }).click();
    await shown(s.page.getByText('已替换2014-05-28施行的版本'));
    expect(versions()).toBe(before);
    expect(s.app.core.db.prepare("SELECT value, source FROM dev_rules WHERE rule_key = 'talk_months' AND effective_from = '2014-05-28'").get()).toEqual({ value: 2, source: '自治区实施细则' });
  });

  it('季度考评 and 年终考核 offer a period a newly posted cadre served, so their first save goes through', async () => {
    // Posted on the first day of this quarter: last quarter and last year were not served.
    const quarterStart = `${today.slice(0, 4)}-${String((quarterOf(today) - 1) * 3 + 1).padStart(2, '0')}-01`;
    const call = seedCaller(s.app);
    const c17 = '45030219900607124';
    const wang = await call('cadres.create', { name: '王芳', idNumber: c17 + checkChar(c17), unit: '雁山区民政局', unitLevel: '县区直' });
    await call('cadres.post', { cadreId: wang.id, villageId: villageIdOf(s.app, '枫林村'), role: '工作队员', startDate: quarterStart });
    const cadres = new CadresPage(s.page);
    await cadres.open();
    await cadres.openLedger('王芳');
    const evaluation = await cadres.modal('季度考评', '季度考评');
    await cadres.choose(evaluation, '考评结果', '好');
    await cadres.save(evaluation);
    await gone(evaluation);
    const assessment = await cadres.modal('年终考核', '年终考核');
    await cadres.choose(assessment, '考核结果', '称职');
    await cadres.save(assessment);
    await gone(assessment);
    const year = Number(today.slice(0, 4));
    expect(s.app.core.db.prepare('SELECT year, quarter FROM cadre_evaluations WHERE cadre_id = ?').all(wang.id)).toEqual([{ year, quarter: quarterOf(today) }]);
    expect(s.app.core.db.prepare('SELECT year FROM cadre_assessments WHERE cadre_id = ?').all(wang.id)).toEqual([{ year }]);
  });

  it('区划代码 typed with full-width digits or spaces shows as the digits it is', async () => {
    const villages = new VillagesPage(s.page);
    await s.page.getByRole('menuitem', { name: '村（社区）' }).click();
    const d = await villages.openNew();
    await d.getByLabel('区划代码').pressSequentially('４５０３１１ １００ ２１５');
    await hasValue(d.getByLabel('区划代码'), '450311100215');
    await d.getByLabel('村（社区）名称').fill('新塘村');
    await villages.save(d);
    await villages.expectSaved(d);
    expect(s.app.core.db.prepare("SELECT code FROM villages WHERE name = '新塘村'").get()).toEqual({ code: '450311100215' });
  });

  it('logged no page errors', () => {
    expect(s.errors).toEqual([]);
  });
});
