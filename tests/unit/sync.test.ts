import { describe, expect, it } from 'vitest';
import { listAudit } from '../../db/audit';
import { currentSeq, deleteRow, getRow, insertRow, updateRow } from '../../db/sync';
import { countLive } from '../../db/tables';
import { inSavepoint } from '../../db/steppedTx';
import { writeTx } from '../../db/tx';
import { villagesTable, villageYearsTable } from '../../db/villages';
import { freshCore } from '../helpers/core';

const auditRows = (core: Awaited<ReturnType<typeof freshCore>>) => listAudit(core.db, { page: 1, pageSize: 100 }).rows.reverse();

describe('change tracking in the store layer', () => {
  it('stamps inserts, updates and deletes with an increasing sequence, version, origin and an audit entry', async () => {
    const core = await freshCore();
    const w = core.writer();
    const seq0 = currentSeq(core.db);

    const a = insertRow(core.db, w, villagesTable, { name: '东立村', kind: '行政村', secretary: '李四', key_village: 0, relocation: 0 });
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).toMatchObject({ version: 1, deleted_at: null, origin: w.installationId, seq: seq0 + 1 });
    expect(a.created_at).toBe(a.updated_at);

    const b = updateRow(core.db, w, villagesTable, a.id, { secretary: '王五' });
    expect(b).toMatchObject({ version: 2, seq: seq0 + 2, secretary: '王五', created_at: a.created_at });
    expect(b.updated_at > a.updated_at).toBe(true);
    expect(getRow(core.db, villagesTable, a.id)).toEqual(b);

    const c = deleteRow(core.db, w, villagesTable, a.id);
    expect(c).toMatchObject({ version: 3, seq: seq0 + 3 });
    expect(c.deleted_at).not.toBeNull();
    expect(getRow(core.db, villagesTable, a.id)).toBeUndefined();
    // The tombstone stays, so the deletion itself can travel in a sync bundle.
    expect(getRow(core.db, villagesTable, a.id, { includeDeleted: true })).toMatchObject({ seq: seq0 + 3, name: '东立村' });
    expect(countLive(core.db).villages).toBe(0);

    const log = auditRows(core);
    expect(log.map((r) => [r.action, r.table_name, r.row_id, r.seq, r.operator])).toEqual([
      ['insert', 'villages', a.id, seq0 + 1, '张三'],
      ['update', 'villages', a.id, seq0 + 2, '张三'],
      ['delete', 'villages', a.id, seq0 + 3, '张三'],
    ]);
    expect(JSON.parse(log[0]!.after!)).toMatchObject({ name: '东立村', secretary: '李四', version: 1 });
    expect(log[0]!.before).toBeNull();
    expect(JSON.parse(log[1]!.before!)).toMatchObject({ secretary: '李四', version: 1 });
    expect(JSON.parse(log[1]!.after!)).toMatchObject({ secretary: '王五', version: 2 });
    expect(JSON.parse(log[2]!.before!)).toMatchObject({ secretary: '王五' });
    expect(log[2]!.after).toBeNull();
  });

  it('writes nothing for an update that changes nothing', async () => {
    const core = await freshCore();
    const w = core.writer();
    const a = insertRow(core.db, w, villagesTable, { name: '东立村', kind: '行政村', key_village: 0, relocation: 0 });
    const seq = currentSeq(core.db);
    const same = updateRow(core.db, w, villagesTable, a.id, { name: '东立村', kind: '行政村' });
    expect(same).toEqual(a);
    expect(currentSeq(core.db)).toBe(seq);
    expect(auditRows(core)).toHaveLength(1);
  });

  it('refuses a stale version and a deleted row, writing nothing', async () => {
    const core = await freshCore();
    const w = core.writer();
    const a = insertRow(core.db, w, villagesTable, { name: '东立村', kind: '行政村', key_village: 0, relocation: 0 });
    updateRow(core.db, w, villagesTable, a.id, { name: '东立村二' });
    const seq = currentSeq(core.db);
    expect(() => updateRow(core.db, w, villagesTable, a.id, { name: '改名' }, { expectedVersion: 1 })).toThrow(/已被修改/);
    deleteRow(core.db, w, villagesTable, a.id);
    expect(() => updateRow(core.db, w, villagesTable, a.id, { name: '复活' })).toThrow(/不存在或已被删除/);
    expect(() => deleteRow(core.db, w, villagesTable, a.id)).toThrow(/不存在或已被删除/);
    expect(currentSeq(core.db)).toBe(seq + 1);
  });

  it('rolls back the sequence, the row and the audit entry together when a statement fails', async () => {
    const core = await freshCore();
    const w = core.writer();
    const seq = currentSeq(core.db);
    // name is NOT NULL: the insert fails after the sequence was taken inside the transaction.
    expect(() => insertRow(core.db, w, villagesTable, { kind: '行政村' })).toThrow(/NOT NULL/);
    expect(currentSeq(core.db)).toBe(seq);
    expect(auditRows(core)).toHaveLength(0);
    expect(countLive(core.db).villages).toBe(0);
  });

  it('inside a caller’s transaction, undoes a failed row with the caller’s transaction or savepoint, sequence and audit included', async () => {
    const core = await freshCore();
    const w = core.writer();
    const seq = currentSeq(core.db);
    const bad = { village_id: 'no-such-village', year: 2025 }; // a foreign key to nothing: refused after the sequence is taken
    expect(() =>
      writeTx(core.db, () => {
        insertRow(core.db, w, villagesTable, { name: '东立村', kind: '行政村', key_village: 0, relocation: 0 });
        insertRow(core.db, w, villageYearsTable, bad);
      }),
    ).toThrow(/FOREIGN KEY/);
    expect(currentSeq(core.db)).toBe(seq);
    expect(auditRows(core)).toHaveLength(0);
    expect(countLive(core.db).villages).toBe(0);

    // An import's row savepoint: the refused row is undone alone, the rows before it stay.
    let kept = '';
    writeTx(core.db, () => {
      kept = insertRow(core.db, w, villagesTable, { name: '西立村', kind: '行政村', key_village: 0, relocation: 0 }).id;
      expect(() =>
        inSavepoint(core.db, () => {
          updateRow(core.db, w, villagesTable, kept, { note: '改' });
          insertRow(core.db, w, villageYearsTable, bad);
        }),
      ).toThrow(/FOREIGN KEY/);
    });
    expect(currentSeq(core.db)).toBe(seq + 1);
    expect(auditRows(core).map((r) => [r.action, r.row_id, r.seq])).toEqual([['insert', kept, seq + 1]]);
    expect(getRow(core.db, villagesTable, kept)).toMatchObject({ version: 1, note: null });
  });

  it('keeps sequences unique and increasing across many writes and tables', async () => {
    const core = await freshCore();
    const w = core.writer();
    const ids = Array.from({ length: 50 }, (_, i) => insertRow(core.db, w, villagesTable, { name: `村${i}`, kind: '行政村', key_village: 0, relocation: 0 }).id);
    for (const id of ids.slice(0, 25)) updateRow(core.db, w, villagesTable, id, { note: '改' });
    const seqs = core.db.prepare('SELECT seq FROM audit_log ORDER BY id').all().map((r) => (r as { seq: number }).seq);
    expect(seqs).toHaveLength(75);
    expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1]!)).toBe(true);
    expect(currentSeq(core.db)).toBe(seqs.at(-1));
  });
});
