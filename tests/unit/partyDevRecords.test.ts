import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import { freshCore } from '../helpers/core';
import { ok, validId, villageId } from './floating.helpers';

/**
 * The records kept beside a 发展党员 person and a 排查整顿 case: a half-yearly assessment corrected
 * (development.updateAssessment) within the same date rules as when added, and one measure deleted
 * as a tombstone with its operation-log entry. The clock reads 2026-01-05.
 */

async function activist() {
  const core = await freshCore();
  const v = await villageId(core);
  const p = await ok(core, 'development.create', { villageId: v, name: '李梅', idNumber: validId('45032219980615202'), applicationDate: '2024-03-01' });
  const steps = await ok(core, 'development.steps', { id: p.id, version: p.version, talkDate: '2024-03-20', activistDate: '2024-04-15' });
  const withOne = await ok(core, 'development.addAssessment', { personId: p.id, kind: '考察', date: '2024-10-15', content: '上半年考察：表现良好' });
  return { core, v, person: withOne, steps, a: withOne.assessments[0]! };
}

describe('培养考察记录 corrected', () => {
  it('changes the date, kind and content in place, one new version, audited', async () => {
    const { core, a } = await activist();
    const d = await ok(core, 'development.updateAssessment', { id: a.id, version: a.version, kind: '培训', date: '2024-11-02', content: '积极分子培训班' });
    expect(d.assessments).toEqual([{ id: a.id, version: a.version + 1, kind: '培训', date: '2024-11-02', content: '积极分子培训班' }]);
    const log = core.db.prepare("SELECT action FROM audit_log WHERE table_name = 'dev_assessments' AND row_id = ? ORDER BY id").all(a.id);
    expect(log).toEqual([{ action: 'insert' }, { action: 'update' }]);
  });

  it('refuses a date before the activist determination, in the future or after the exit, and a stale version, writing nothing', async () => {
    const { core, a, person } = await activist();
    const refused = async (input: Record<string, unknown>) => {
      const r = await dispatch(core, 'development.updateAssessment', { id: a.id, version: a.version, kind: '考察', content: '考察', ...input });
      expect(r.ok).toBe(false);
      return (r as { ok: false; error: { message: string; fields?: { path: string[]; message: string }[] } }).error;
    };
    expect((await refused({ date: '2024-04-14' })).fields).toEqual([{ path: ['date'], message: '培养考察记录应在确定为入党积极分子之后' }]);
    expect((await refused({ date: '2026-01-06' })).fields).toEqual([{ path: ['date'], message: '日期不能晚于今天（2026-01-05）' }]);
    const fresh = await ok(core, 'development.get', { id: person.id });
    await ok(core, 'development.steps', { id: person.id, version: fresh.version, talkDate: '2024-03-20', activistDate: '2024-04-15', exitDate: '2025-03-01', exitKind: '本人撤回申请' });
    expect((await refused({ date: '2025-03-02' })).fields).toEqual([{ path: ['date'], message: '培养考察记录不能晚于退出日期（2025-03-01）' }]);
    await ok(core, 'development.updateAssessment', { id: a.id, version: a.version, kind: '考察', date: '2025-03-01', content: '退出前最后一次考察' });
    // The version read before that save is now stale: refused, not overwritten.
    const stale = await dispatch(core, 'development.updateAssessment', { id: a.id, version: a.version, kind: '考察', date: '2024-12-01', content: '旧版本' });
    expect(stale.ok).toBe(false);
    expect(core.db.prepare('SELECT date, content FROM dev_assessments WHERE id = ?').get(a.id)).toEqual({ date: '2025-03-01', content: '退出前最后一次考察' });
  });
});

describe('a 排查整顿 measure deleted', () => {
  it('is a tombstone with a delete in the operation log, and leaves the case and its other measures', async () => {
    const core = await freshCore();
    const v = await villageId(core);
    const c = await ok(core, 'rectification.create', { villageId: v, name: '吴刚', findingDate: '2025-10-01', finding: '培养考察时间不足一年' });
    await ok(core, 'rectification.addMeasure', { caseId: c.id, measure: '重新履行入党手续', date: '2025-10-10' });
    const two = await ok(core, 'rectification.addMeasure', { caseId: c.id, measure: '警示谈话', date: '2025-10-12' });
    const m = two.measureList.find((x) => x.measure === '警示谈话')!;
    const after = await ok(core, 'rectification.removeMeasure', { id: m.id, version: m.version });
    expect(after.measureList.map((x) => x.measure)).toEqual(['重新履行入党手续']);
    expect(after.measures).toBe('重新履行入党手续');
    const row = core.db.prepare('SELECT deleted_at, version FROM rectification_measures WHERE id = ?').get(m.id) as { deleted_at: string | null; version: number };
    expect(row.deleted_at).not.toBeNull();
    expect(row.version).toBe(m.version + 1);
    expect(core.db.prepare("SELECT action FROM audit_log WHERE table_name = 'rectification_measures' AND row_id = ? ORDER BY id").all(m.id)).toEqual([{ action: 'insert' }, { action: 'delete' }]);
    // A second delete with the old version is refused.
    expect((await dispatch(core, 'rectification.removeMeasure', { id: m.id, version: m.version })).ok).toBe(false);
  });
});
