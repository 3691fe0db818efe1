import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import type { ContactRecord, FloatingDetail, RecordSaved } from '../../electron/api/contract';
import { currentSeq } from '../../db/sync';
import { addDays } from '../../electron/domain/dates';
import { applyRecordSaved, isOverdue, overdueCutoff } from '../../electron/domain/floating';
import { freshCore } from '../helpers/core';
import { readWorkbook, sheetRows } from '../helpers/xlsx';
import { memberInput, ok, TODAY, validId, villageId } from './floating.helpers';

const record = (memberId: string, contactDate: string) => ({ memberId, contactDate, way: '电话' as const, madeBy: '李书记', content: '电话了解近况' });

describe('floating members: roster, derived fields and flags', () => {
  it('derives birth date, gender and the destination text; masks ID and phone in the list only', async () => {
    const core = await freshCore();
    const vid = await villageId(core);
    const m = await ok(core, 'floating.create', memberInput(vid));
    expect(m).toMatchObject({ birthDate: '1990-01-01', gender: '男', destText: '广东省 深圳市 宝安区', status: '外出中', lastContactDate: null, noContact: true });
    expect(m.history).toEqual([{ status: '外出中', date: '2025-03-01', transferTo: null, note: null }]);
    const list = await ok(core, 'floating.list', {});
    expect(list.rows[0]).toMatchObject({ idNumber: `450311********${m.idNumber.slice(-4)}`, mobile: '138****5678', villageName: '东立村' });
    expect(m.idNumber).toMatch(/^450311\*{8}123[\dX]$/); // masked like the list; full only via floating.revealId
    const dup = await dispatch(core, 'floating.create', memberInput(vid, { name: '另一人' }));
    expect(dup).toMatchObject({ ok: false, error: { fields: [{ path: ['idNumber'], message: '身份证号已在名册中（王小明）' }] } });
    const badDest = await dispatch(core, 'floating.create', memberInput(vid, { idNumber: validId('45031119900101125'), destCity: '4501' }));
    expect(badDest).toMatchObject({ ok: false, error: { fields: [{ path: ['destProvince'] }] } });
    const typed = await dispatch(core, 'floating.create', { ...memberInput(vid), lastContactDate: '2025-12-01' } as never);
    expect(typed).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('keeps the last-contact date equal to the latest live record through add, edit and delete', async () => {
    const core = await freshCore();
    const m = await ok(core, 'floating.create', memberInput(await villageId(core)));
    const records = async () => (await ok(core, 'floating.get', { id: m.id })).records;
    await ok(core, 'floating.addRecord', record(m.id, '2025-10-01'));
    await ok(core, 'floating.addRecord', record(m.id, '2025-12-01'));
    let s = await ok(core, 'floating.addRecord', record(m.id, '2025-11-01'));
    expect(s.member.lastContactDate).toBe('2025-12-01');
    const latest = (await records()).find((r) => r.contactDate === '2025-12-01')!;
    const { memberId: _unused, ...moved } = record(m.id, '2025-09-01');
    s = await ok(core, 'floating.updateRecord', { id: latest.id, version: latest.version, ...moved });
    expect(s.member.lastContactDate).toBe('2025-11-01');
    const nov = (await records()).find((r) => r.contactDate === '2025-11-01')!;
    s = await ok(core, 'floating.removeRecord', { id: nov.id, version: nov.version });
    expect(s.member.lastContactDate).toBe('2025-10-01');
    for (const r of await records()) s = await ok(core, 'floating.removeRecord', { id: r.id, version: r.version });
    expect(s.member.lastContactDate).toBeNull();
    expect((await ok(core, 'floating.list', {})).rows[0]!.lastContactDate).toBeNull();
    const future = await dispatch(core, 'floating.addRecord', record(m.id, '2026-01-06'));
    expect(future).toMatchObject({ ok: false, error: { fields: [{ path: ['contactDate'], message: '联系日期不能晚于今天' }] } });
    // Before 外出时间: the whole sentence for the message, the short one under the date field.
    const left = (await ok(core, 'floating.get', { id: m.id })).leftDate;
    const early = await dispatch(core, 'floating.addRecord', record(m.id, addDays(left, -1)));
    expect(early).toMatchObject({
      ok: false,
      error: { message: `联系日期不能早于外出时间（${left}）`, fields: [{ path: ['contactDate'], message: `不能早于外出时间（${left}）` }] },
    });
    expect(await records()).toEqual([]);
  });

  it('moves the member only for a record newer than the last contact: an older one writes the record alone', async () => {
    const core = await freshCore();
    const m = await ok(core, 'floating.create', memberInput(await villageId(core)));
    const memberAudit = () => core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE table_name = 'floating_members' AND row_id = ?").get(m.id);
    let s = await ok(core, 'floating.addRecord', record(m.id, '2025-12-01'));
    expect(s.member).toMatchObject({ lastContactDate: '2025-12-01', version: m.version + 1 });
    const audited = memberAudit();
    const seq = currentSeq(core.db);
    s = await ok(core, 'floating.addRecord', record(m.id, '2025-11-01'));
    expect(s.member).toMatchObject({ lastContactDate: '2025-12-01', version: m.version + 1 });
    expect((await ok(core, 'floating.get', { id: m.id })).records.map((r) => r.contactDate)).toEqual(['2025-12-01', '2025-11-01']);
    expect(currentSeq(core.db)).toBe(seq + 1); // the record's own change only
    expect(memberAudit()).toEqual(audited);
    s = await ok(core, 'floating.addRecord', record(m.id, '2025-12-20'));
    expect(s.member).toMatchObject({ lastContactDate: '2025-12-20', version: m.version + 2 });
    expect(currentSeq(core.db)).toBe(seq + 3);
  });

  it("answers a record write with what the drawer merges: the ledger shown before plus the answer is floating.get's", async () => {
    // A record's save answers with the record and the member's fields it moved, not the member's
    // whole ledger: the drawer's merge (applyRecordSaved) must then show what floating.get reads,
    // the records in their order, the last contact date, the overdue flag and the version.
    const core = await freshCore();
    const m = await ok(core, 'floating.create', memberInput(await villageId(core)));
    await ok(core, 'floating.assignContact', { memberId: m.id, cadreName: '赵干部', cadrePhone: '13900001111', cadreRole: '党组织书记', startDate: '2025-05-01' });
    let shown = await ok(core, 'floating.get', { id: m.id });
    expect(shown).toMatchObject({ overdue: true, lastContactDate: null, records: [] });
    const save = async (write: Promise<RecordSaved>) => {
      const saved = await write;
      shown = applyRecordSaved(shown, saved);
      expect(shown).toEqual(await ok(core, 'floating.get', { id: m.id }));
      return saved;
    };
    const add = (day: string, content = '电话了解近况') => save(ok(core, 'floating.addRecord', { ...record(m.id, day), content }));
    const edit = (r: ContactRecord, day: string, content = r.content) =>
      save(ok(core, 'floating.updateRecord', { id: r.id, version: r.version, contactDate: day, way: '电话', madeBy: '李书记', content, needs: r.needs }));
    const remove = (r: ContactRecord) => save(ok(core, 'floating.removeRecord', { id: r.id, version: r.version }));

    const first = await save(ok(core, 'floating.addRecord', { ...record(m.id, '2025-12-01'), needs: '希望介绍工作' }));
    expect(first.record).toEqual({ id: first.id, version: 1, contactDate: '2025-12-01', way: '电话', madeBy: '李书记', content: '电话了解近况', needs: '希望介绍工作' });
    expect(shown).toMatchObject({ overdue: false, lastContactDate: '2025-12-01', contactName: '赵干部' });
    const older = (await add('2025-09-01')).record!; // moves nothing
    const sameDay = (await add('2025-12-01', '第二次电话')).record!; // first among its day
    expect(shown.records.map((r) => r.content)).toEqual(['第二次电话', '电话了解近况', '电话了解近况']);
    await edit(first.record!, '2025-12-01'); // unchanged: nothing written, keeps its place
    await edit(older, '2025-12-01', '改为同日'); // written again: first among its day, moves nothing
    expect(shown.records.map((r) => r.content)).toEqual(['改为同日', '第二次电话', '电话了解近况']);
    await edit(sameDay, '2025-12-15'); // moves the last contact on
    expect(shown.lastContactDate).toBe('2025-12-15');
    for (const r of [...shown.records]) await remove(r);
    expect(shown).toMatchObject({ overdue: true, lastContactDate: null, records: [] });
  });

  it('flags overdue exactly after the interval: N days ago is in time, N+1 is overdue, also counting from the left date', async () => {
    expect(overdueCutoff(TODAY, 90)).toBe('2025-10-07');
    const out = { status: '外出中', leftDate: '2025-01-01' };
    expect(isOverdue({ ...out, lastContactDate: '2025-10-07' }, TODAY, 90)).toBe(false);
    expect(isOverdue({ ...out, lastContactDate: '2025-10-06' }, TODAY, 90)).toBe(true);
    expect(isOverdue({ status: '外出中', leftDate: '2025-10-07', lastContactDate: null }, TODAY, 90)).toBe(false);
    expect(isOverdue({ status: '外出中', leftDate: '2025-10-06', lastContactDate: null }, TODAY, 90)).toBe(true);
    expect(isOverdue({ status: '已返回', leftDate: '2020-01-01', lastContactDate: null }, TODAY, 90)).toBe(false);

    const core = await freshCore();
    const vid = await villageId(core);
    const mk = async (n: string, suffix: string, leftDate: string, contact: string | null) => {
      const m = await ok(core, 'floating.create', memberInput(vid, { name: n, idNumber: validId(`4503111990010112${suffix}`), leftDate }));
      if (contact) await ok(core, 'floating.addRecord', record(m.id, contact));
      return m.id;
    };
    await mk('甲', '1', '2025-01-01', '2025-10-07');
    await mk('乙', '2', '2025-01-01', '2025-10-06');
    await mk('丙', '3', '2025-10-07', null);
    await mk('丁', '4', '2025-10-06', null);
    const names = async (flag: 'overdue' | 'noContact') => (await ok(core, 'floating.list', { flag })).rows.map((r) => r.name).sort();
    expect(await names('overdue')).toEqual(['丁', '乙'].sort());
    expect((await ok(core, 'floating.list', {})).rows.filter((r) => r.overdue).map((r) => r.name).sort()).toEqual(['丁', '乙'].sort());
    expect(await ok(core, 'floating.alerts', {})).toEqual({ overdue: 2, noContact: 4, out: 4, intervalDays: 90 });
    await ok(core, 'settings.update', { contactIntervalDays: 91 });
    expect(await names('overdue')).toEqual([]);
  });

  it('clears the no-contact flag on assignment and keeps the old contact as history on reassignment', async () => {
    const core = await freshCore();
    const m = await ok(core, 'floating.create', memberInput(await villageId(core)));
    expect((await ok(core, 'floating.list', { flag: 'noContact' })).total).toBe(1);
    await ok(core, 'floating.assignContact', { memberId: m.id, cadreName: '李书记', cadrePhone: '13900000001', cadreRole: '党组织书记', startDate: '2025-04-01' });
    expect((await ok(core, 'floating.list', { flag: 'noContact' })).total).toBe(0);
    const early = await dispatch(core, 'floating.assignContact', { memberId: m.id, cadreName: '赵主任', startDate: '2025-03-15' });
    expect(early).toMatchObject({ ok: false, error: { fields: [{ path: ['startDate'] }] } });
    const d = await ok(core, 'floating.assignContact', { memberId: m.id, cadreName: '赵主任', cadrePhone: '13900000002', startDate: '2025-08-01' });
    expect(d.contacts.map((c) => [c.cadreName, c.startDate, c.endDate])).toEqual([
      ['赵主任', '2025-08-01', null],
      ['李书记', '2025-04-01', '2025-08-01'],
    ]);
    expect((await ok(core, 'floating.list', {})).rows[0]).toMatchObject({ contactName: '赵主任', contactPhone: '139****0002', noContact: false });
  });

  it('changes status with history; a transfer needs where to; returned members are not flagged', async () => {
    const core = await freshCore();
    const m = await ok(core, 'floating.create', memberInput(await villageId(core)));
    const bad = await dispatch(core, 'floating.changeStatus', { id: m.id, version: m.version, status: '组织关系转出', date: '2025-12-01' });
    expect(bad).toMatchObject({ ok: false, error: { fields: [{ path: ['transferTo'], message: '请填写转往党组织' }] } });
    const d: FloatingDetail = await ok(core, 'floating.changeStatus', { id: m.id, version: m.version, status: '已返回', date: '2025-12-01' });
    expect(d).toMatchObject({ status: '已返回', statusDate: '2025-12-01', overdue: false, noContact: false });
    expect(d.history.map((h) => h.status)).toEqual(['已返回', '外出中']);
    expect(await ok(core, 'floating.alerts', {})).toMatchObject({ overdue: 0, noContact: 0, out: 0 });
    const t = await ok(core, 'floating.changeStatus', { id: m.id, version: d.version, status: '组织关系转出', date: '2025-12-20', transferTo: '中共深圳市宝安区某支部' });
    expect(t.transferTo).toBe('中共深圳市宝安区某支部');
    expect((await ok(core, 'floating.list', { status: '组织关系转出' })).total).toBe(1);
  });

  it('keeps the history and the records in order: no change dated before the current status, no 外出时间 after a record', async () => {
    const core = await freshCore();
    const m = await ok(core, 'floating.create', memberInput(await villageId(core)));
    const back: FloatingDetail = await ok(core, 'floating.changeStatus', { id: m.id, version: m.version, status: '已返回', date: '2025-11-01' });
    const seq = currentSeq(core.db);
    const again = await dispatch(core, 'floating.changeStatus', { id: m.id, version: back.version, status: '外出中', date: '2025-10-15' });
    expect(again).toMatchObject({ ok: false, error: { fields: [{ path: ['date'], message: '变更日期不能早于当前状态“已返回”的日期（2025-11-01）' }] } });
    // The same day is in order (back and out again).
    const out: FloatingDetail = await ok(core, 'floating.changeStatus', { id: m.id, version: back.version, status: '外出中', date: '2025-11-01' });
    expect(out.history.map((h) => [h.status, h.date])).toEqual([['外出中', '2025-11-01'], ['已返回', '2025-11-01'], ['外出中', '2025-03-01']]);
    expect(currentSeq(core.db)).toBeGreaterThan(seq);

    await ok(core, 'floating.addRecord', record(m.id, '2025-11-21'));
    const now = await ok(core, 'floating.get', { id: m.id });
    const before = currentSeq(core.db);
    const moved = await dispatch(core, 'floating.update', { id: m.id, version: now.version, ...memberInput(now.villageId, { leftDate: '2025-11-25' }) });
    expect(moved).toMatchObject({ ok: false, error: { fields: [{ path: ['leftDate'], message: '外出时间不能晚于已有联系记录的日期（2025-11-21）' }] } });
    expect(currentSeq(core.db), 'nothing written').toBe(before);
    expect(await ok(core, 'floating.update', { id: m.id, version: now.version, ...memberInput(now.villageId, { leftDate: '2025-11-21' }) })).toMatchObject({ leftDate: '2025-11-21' });
  });

  it('searches by name, ID prefix, phone and destination; removes with all child rows', async () => {
    const core = await freshCore();
    const vid = await villageId(core);
    const m = await ok(core, 'floating.create', memberInput(vid));
    await ok(core, 'floating.create', memberInput(vid, { name: '陈二', idNumber: validId('45031119850101123'), mobile: '13700000000', destProvince: '11', destCity: '1101', destCounty: '110101' }));
    const find = async (search: string) => (await ok(core, 'floating.list', { search })).rows.map((r) => r.name);
    expect(await find('小明')).toEqual(['王小明']);
    expect(await find('4503111985')).toEqual(['陈二']);
    expect(await find('1370000')).toEqual(['陈二']);
    expect(await find('北京市 东城区')).toEqual(['陈二']);
    expect(await find('宝安')).toEqual(['王小明']);
    await ok(core, 'floating.addRecord', record(m.id, '2025-10-01'));
    const fresh = await ok(core, 'floating.get', { id: m.id });
    await ok(core, 'floating.remove', { id: m.id, version: fresh.version });
    const live = (t: string) => (core.db.prepare(`SELECT count(*) AS n FROM ${t} WHERE deleted_at IS NULL AND member_id = ?`).get(m.id) as { n: number }).n;
    expect([live('contact_records'), live('member_status_history')]).toEqual([0, 0]);
    // The same person may be entered again once removed.
    await ok(core, 'floating.create', memberInput(vid));
  });

  it('is read-only in district mode', async () => {
    const core = await freshCore({ setup: 'district' });
    core.db.exec("INSERT INTO villages (id, created_at, updated_at, seq, version, origin, name, kind) VALUES ('00000000-0000-4000-8000-00000000abcd', 'x', 'x', 999, 1, 'o', '东立村', '行政村')");
    const seq = currentSeq(core.db);
    const r = await dispatch(core, 'floating.create', memberInput('00000000-0000-4000-8000-00000000abcd'));
    expect(r).toMatchObject({ ok: false, error: { code: 'read_only' } });
    expect(currentSeq(core.db)).toBe(seq);
  });

  it('exports the roster in the paper layout per village', async () => {
    const core = await freshCore();
    const vid = await villageId(core);
    const m = await ok(core, 'floating.create', memberInput(vid, { joinedPartyDate: '2012-07-01' }));
    await ok(core, 'floating.assignContact', { memberId: m.id, cadreName: '李书记', cadrePhone: '13900000001', startDate: '2025-04-01' });
    const file = await ok(core, 'floating.exportXlsx', { villageId: vid });
    expect(file.fileName).toBe('东立村流动党员名册.xlsx');
    const rows = sheetRows((await readWorkbook(file.base64)).worksheets[0]!);
    expect(rows[0]![0]).toBe('东立村流动党员名册');
    expect(rows[1]).toEqual(['序号', '姓名', '性别', '出生年月', '入党时间', '流出时间', '流入地', '联系方式', '联系人']);
    expect(rows[2]).toEqual([1, '王小明', '男', '1990.01', '2012.07', '2025-03-01', '广东省 深圳市 宝安区 某电子厂', '13812345678', '李书记 13900000001']);
    expect(String(rows.at(-1)![0])).toMatch(/填表人/);
  });
});
