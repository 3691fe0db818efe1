import { describe, expect, it } from 'vitest';
import { gone, hasValue, shown } from '../helpers/ui';
import { appSession, browserAvailable, type App } from '../helpers/browser';
import { SetupPage } from './pages/SetupPage';
import { VillagesPage } from './pages/VillagesPage';
import { answerDiscard } from './pages/widgets';

const liveVillage = (app: App, name: string) =>
  app.core.db.prepare('SELECT * FROM villages WHERE name = ? AND deleted_at IS NULL').get(name) as Record<string, unknown> | undefined;

describe.runIf(browserAvailable())('first run and the villages register, in Chromium', () => {

  const s = appSession({ viewport: { width: 1366, height: 768 }, goto: false });

  it('sets up 雁山镇 (450311100) and imports its 18 official villages', async () => {
    const setup = new SetupPage(s.page);
    await setup.open(s.app.host.openUrl);
    // The token leaves the address bar once read.
    expect(s.page.url()).not.toContain('token=');
    await setup.fillUnit({ code: '450311100', operator: '张三' });
    await setup.expectOfficialName('广西壮族自治区 桂林市 雁山区 雁山镇');
    await hasValue(s.page.getByLabel('单位名称'), '雁山镇');
    await setup.next();
    await setup.expectOfferedVillages(18, ['东立村委会', '桂林旅游学院社区']);
    await setup.importSelected();

    const villages = new VillagesPage(s.page);
    await villages.expectShown();
    await villages.expectTotal(18);
    await shown(s.page.getByText('雁山镇').first());
    await shown(s.page.getByText('操作员：张三'));
    expect((s.app.core.db.prepare('SELECT count(*) AS n FROM villages WHERE deleted_at IS NULL').get() as { n: number }).n).toBe(18);
  });

  it('refuses a bad phone with a message under the field and saves nothing', async () => {
    const villages = new VillagesPage(s.page);
    const d = await villages.openNew();
    await villages.fill(d, { name: '新建村', secretaryPhone: '12345' });
    await villages.save(d);
    await shown(d.getByText('书记联系电话应为11位手机号码'));
    expect(liveVillage(s.app, '新建村')).toBeUndefined();
    await s.page.keyboard.press('Escape');
    await answerDiscard(s.page, '放弃');
    await gone(d);
  });

  it('adds a village', async () => {
    const villages = new VillagesPage(s.page);
    const d = await villages.openNew();
    // The year's stars here give way to a 评星定级 rating of the same year, and the form says so.
    await shown(d.getByText('某年度已在“评星定级”中评定的，列表和报表中的星级以评星定级为准。'));
    await villages.fill(d, {
      name: '新建村',
      code: '450311100299',
      partyOrgName: '中共新建村支部委员会',
      secretary: '李四',
      secretaryPhone: '13812345678',
      keyVillage: true,
      year: { year: '2025', income: '12.5' },
    });
    await villages.save(d);
    await villages.expectSaved(d);
    await villages.expectTotal(19);
    // The store keeps the phone whole and the income exact in fen; the list masks the phone.
    const row = liveVillage(s.app, '新建村');
    expect(row).toMatchObject({ code: '450311100299', secretary_phone: '13812345678', key_village: 1 });
    await shown(villages.row('新建村').getByText('138****5678'));
    expect(s.app.core.db.prepare('SELECT income_fen FROM village_years WHERE village_id = ?').get(row!.id)).toEqual({ income_fen: 12_500_000 });
  });

  it('finds it by name and by code, then edits it', async () => {
    const villages = new VillagesPage(s.page);
    await villages.search('新建');
    await villages.expectTotal(1);
    await villages.search('450311100299');
    await villages.expectTotal(1);
    const d = await villages.openEdit('新建村');
    await hasValue(d.getByLabel('书记联系电话'), '13812345678');
    await villages.fill(d, { name: '新建社区', secretary: '王五' });
    await villages.save(d);
    await villages.expectSaved(d);
    await shown(villages.row('新建社区'));
    expect(liveVillage(s.app, '新建村')).toBeUndefined();
    expect(liveVillage(s.app, '新建社区')).toMatchObject({ secretary: '王五', version: 2 });
  });

  it('deletes it (a tombstone, with an audit entry) and it disappears from search', async () => {
    const villages = new VillagesPage(s.page);
    await villages.remove('新建社区');
    await villages.expectTotal(0);
    await villages.search('');
    await villages.expectTotal(18);
    const tomb = s.app.core.db.prepare("SELECT deleted_at FROM villages WHERE name = '新建社区'").get() as { deleted_at: string | null };
    expect(tomb.deleted_at).not.toBeNull();
    await s.page.getByRole('menuitem', { name: '操作日志' }).click();
    await shown(s.page.getByRole('cell', { name: '删除', exact: true }).first());
  });

  it('logged no page errors', () => {
    expect(s.errors).toEqual([]);
  });
});
