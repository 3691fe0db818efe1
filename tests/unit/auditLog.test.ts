import { describe, expect, it } from 'vitest';
import type { AuditItem } from '../../electron/api/contract';
import { memberInput, ok, validId, villageId } from './floating.helpers';
import { freshCore } from '../helpers/core';

// 操作日志 speaks the forms' language: tables, actions and fields by their Chinese labels, each
// record by its name, and not one English word (a Latin letter) in anything a clerk reads there.

const CADRE_ID = validId('45030219850314123');
const MEMBER_ID = validId('45031119900101123');

/** Everything the page shows of an entry (the time is a timestamp; ids are not shown). */
const shown = (r: AuditItem) => [r.operator, r.tableLabel, r.actionLabel, r.record ?? '', ...r.changedLabels, r.detail ?? ''].join(' ');

describe('操作日志', () => {
  it('names tables, actions, fields and records in the forms’ words, with no English', async () => {
    const core = await freshCore();
    const vid = await villageId(core);
    const cadre = await ok(core, 'cadres.create', { name: '李明', idNumber: CADRE_ID, unit: '雁山区农业农村局', unitLevel: '县区直' });
    await ok(core, 'cadres.post', { cadreId: cadre.id, villageId: vid, role: '第一书记', startDate: '2026-01-02', plannedEnd: null });
    await ok(core, 'cadres.revealId', { id: cadre.id });
    const member = await ok(core, 'floating.create', memberInput(vid, { idNumber: MEMBER_ID, name: '王芳' }));
    const m = await ok(core, 'floating.get', { id: member.id });
    await ok(core, 'floating.changeStatus', { id: member.id, version: m.version, status: '已返回', date: '2026-01-04', transferTo: null, note: null });
    await ok(core, 'settings.update', { attendanceThresholdDays: 18 });
    await ok(core, 'lock.enable', { password: 'abc12345', confirm: 'abc12345', idleMinutes: 15 });

    const { rows } = await ok(core, 'audit.list', { page: 1, pageSize: 100 });
    expect(rows.length).toBeGreaterThan(6);
    for (const r of rows) expect(shown(r), JSON.stringify(r)).not.toMatch(/[A-Za-z]/);

    const find = (table: string, action: string) => rows.find((r) => r.table === table && r.action === action)!;
    expect(find('cadres', 'insert')).toMatchObject({ tableLabel: '驻村干部', actionLabel: '新增', record: '李明' });
    expect(find('cadres', 'insert').changedLabels).toEqual(expect.arrayContaining(['姓名', '身份证号', '派出单位', '派出单位层级']));
    expect(find('cadres', 'reveal')).toMatchObject({ actionLabel: '查看身份证号', record: '李明', changedLabels: ['身份证号'] });
    // A posting has no name of its own: the cadre, the village and the day it began.
    expect(find('cadre_postings', 'insert')).toMatchObject({ tableLabel: '驻村经历', record: '李明 · 东立村 · 2026-01-02' });
    expect(find('cadre_postings', 'insert').changedLabels).toEqual(expect.arrayContaining(['驻村村（社区）', '驻村角色', '驻村开始日期']));
    // The status history's `date` column was shown as English; it is the form's 变更日期.
    const status = find('member_status_history', 'insert');
    expect(status).toMatchObject({ tableLabel: '状态变更记录', record: '王芳 · 2026-01-04' });
    expect(status.changedLabels).toEqual(expect.arrayContaining(['变更日期', '状态']));
    expect(find('floating_members', 'update')).toMatchObject({ record: '王芳', actionLabel: '修改' });
    expect(find('settings', 'update')).toMatchObject({ tableLabel: '系统设置', record: '系统设置', changedLabels: ['每月驻村天数标准'] });
    expect(find('app_lock', 'enable')).toMatchObject({ tableLabel: '锁定密码', actionLabel: '启用', detail: '无操作 15 分钟后锁定', changedLabels: [] });
    // Values never travel: not the ID numbers, not the password.
    const text = JSON.stringify(rows);
    for (const secret of [CADRE_ID, MEMBER_ID, 'abc12345']) expect(text).not.toContain(secret);
  });

  it('still names a deleted record', async () => {
    const core = await freshCore();
    const vid = await villageId(core, '西岭村');
    const v = await ok(core, 'villages.get', { id: vid });
    await ok(core, 'villages.remove', { id: vid, version: v.version });
    const { rows } = await ok(core, 'audit.list', { table: 'villages', page: 1, pageSize: 20 });
    expect(rows.map((r) => [r.actionLabel, r.record])).toEqual([
      ['删除', '西岭村'],
      ['新增', '西岭村'],
    ]);
  });
});
