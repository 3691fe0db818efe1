import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import { maskMobile, normalizePhone } from '../../electron/domain/phone';
import { freshCore } from '../helpers/core';

describe('phones a village answers', () => {
  it.each([
    ['0773-3581234', '0773-3581234'],
    ['0773 3581234', '0773-3581234'],
    ['07733581234', '0773-3581234'],
    ['010-12345678', '010-12345678'],
    ['138 1234 5678', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
  ])('reads %j as %j', (typed, stored) => {
    expect(normalizePhone(typed)).toBe(stored);
  });

  it.each(['1234', '773-3581234', '0773-35812', '12812345678', '0773-358123456'])('refuses %j', (typed) => {
    expect(normalizePhone(typed)).toBeNull();
  });

  it('saves a secretary landline, masks it in the list, and refuses a broken one naming the field', async () => {
    const core = await freshCore();
    const created = await dispatch(core, 'villages.create', { name: '东立村', kind: '行政村', secretary: '李四', secretaryPhone: '0773 3581234' });
    expect(created).toMatchObject({ ok: true, value: { secretaryPhone: '0773-3581234' } });
    const list = await dispatch(core, 'villages.list', {});
    expect(list).toMatchObject({ ok: true, value: { rows: [{ secretaryPhone: '0773-***1234' }] } });
    const bad = await dispatch(core, 'villages.create', { name: '西立村', kind: '行政村', secretaryPhone: '3581234' });
    expect(bad).toMatchObject({ ok: false, error: { fields: [{ path: ['secretaryPhone'], message: expect.stringContaining('固定电话') }] } });
    expect(maskMobile('13812345678')).toBe('138****5678');
  });
});
