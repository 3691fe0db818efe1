import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import { currentSeq } from '../../db/sync';
import type { Core } from '../../electron/core';
import { cli } from '../helpers/cli';
import { freshCore } from '../helpers/core';
import { tempDir } from '../helpers/tmp';
import { memberInput, ok, validId, villageId } from './floating.helpers';

// ID numbers leave the core masked everywhere; the full number only through *.revealId, one row
// at a time, each call logged (who, when, which row) without the number itself.

const CADRE_ID = validId('45030219850314123');
const MEMBER_ID = validId('45031119900101123');
const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

async function setup(): Promise<{ core: Core; cadreId: string; memberId: string }> {
  const core = await freshCore();
  const cadre = await ok(core, 'cadres.create', { name: '李明', idNumber: CADRE_ID, unit: '雁山区农业农村局', unitLevel: '县区直' });
  const member = await ok(core, 'floating.create', memberInput(await villageId(core), { idNumber: MEMBER_ID }));
  return { core, cadreId: cadre.id, memberId: member.id };
}

type AuditRaw = { action: string; table_name: string; row_id: string; operator: string; seq: number | null; before: string | null; after: string | null };
const reveals = (core: Core) =>
  core.db.prepare("SELECT action, table_name, row_id, operator, seq, before, after FROM audit_log WHERE action LIKE 'reveal%' ORDER BY id").all() as AuditRaw[];

describe('ID numbers are masked in every answer but the reveal', () => {
  it('lists, details, the ledger and create/update answers carry the masked number only', async () => {
    const { core, cadreId, memberId } = await setup();
    const answers = [
      await ok(core, 'cadres.list', {}),
      await ok(core, 'cadres.get', { id: cadreId }),
      await ok(core, 'cadres.ledger', { id: cadreId }),
      await ok(core, 'floating.list', {}),
      await ok(core, 'floating.alerts', {}),
      await ok(core, 'floating.get', { id: memberId }),
      await ok(core, 'floating.addRecord', { memberId, contactDate: '2026-01-02', way: '电话', madeBy: '李书记', content: '了解近况' }),
    ];
    const text = JSON.stringify(answers);
    for (const id of [CADRE_ID, MEMBER_ID]) {
      expect(text).not.toContain(id);
      expect(text).not.toContain(id.slice(6, 14)); // not even the birth-date digits in another field
    }
    expect(text).toContain(masked(CADRE_ID));
    expect(text).toContain(masked(MEMBER_ID));
    expect(reveals(core)).toEqual([]);
  });
});

describe('cadres.revealId / floating.revealId', () => {
  it('return the full number and log who revealed which row, never the number', async () => {
    const { core, cadreId, memberId } = await setup();
    const seq = currentSeq(core.db);
    expect(await ok(core, 'cadres.revealId', { id: cadreId })).toEqual({ idNumber: CADRE_ID });
    expect(await ok(core, 'floating.revealId', { id: memberId, purpose: 'edit' })).toEqual({ idNumber: MEMBER_ID });
    // A reveal changes no row: nothing to sync.
    expect(currentSeq(core.db)).toBe(seq);
    expect(reveals(core)).toEqual([
      { action: 'reveal', table_name: 'cadres', row_id: cadreId, operator: '张三', seq: null, before: null, after: null },
      { action: 'reveal:edit', table_name: 'floating_members', row_id: memberId, operator: '张三', seq: null, before: null, after: null },
    ]);
    const log = await ok(core, 'audit.list', {});
    expect(log.rows.slice(0, 2)).toMatchObject([
      { action: 'reveal:edit', table: 'floating_members', rowId: memberId, operator: '张三', changed: ['id_number'] },
      { action: 'reveal', table: 'cadres', rowId: cadreId, operator: '张三', changed: ['id_number'] },
    ]);
    expect(JSON.stringify(log)).not.toContain(MEMBER_ID);
  });

  it('refuses unknown and removed rows and bad input, logging nothing', async () => {
    const { core, cadreId } = await setup();
    const version = (await ok(core, 'cadres.get', { id: cadreId })).version;
    await ok(core, 'cadres.remove', { id: cadreId, version });
    const gone = await dispatch(core, 'cadres.revealId', { id: cadreId });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const unknown = await dispatch(core, 'floating.revealId', { id: '00000000-0000-4000-8000-999999999999' });
    expect(unknown).toMatchObject({ ok: false });
    const bad = await dispatch(core, 'floating.revealId', { id: cadreId, purpose: 'export' });
    expect(bad).toMatchObject({ ok: false, error: { fields: [{ path: ['purpose'] }] } });
    expect(reveals(core)).toEqual([]);
  });
});

describe('console output', () => {
  it('the CLI prints counts and messages, never an ID number or a mobile number', () => {
    const file = path.join(tempDir(), 'ledger.db');
    const outputs = [
      cli('init', '--db', file, '--role', 'township', '--code', '450311100', '--name', '雁山镇', '--villages', 'official'),
      cli('seed', '--db', file, '--villages', '3', '--seed', '7'),
    ];
    for (const o of outputs) {
      const text = o.stdout + o.stderr;
      expect(text).not.toMatch(/\d{17}[\dXx]/);
      expect(text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    }
    expect(outputs[1]!.code).toBe(0);
  }, 120_000); // several CLI processes, each starting the TypeScript loader: slow on a loaded machine
});
