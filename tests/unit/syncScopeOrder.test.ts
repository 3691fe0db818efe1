import { describe, it } from 'vitest';
import type { Core } from '../../electron/core';
import { craftBundle, townshipLines } from '../helpers/faultBundle';
import { district, exported, imported, refusedAtPreview, township, writeBundle } from '../helpers/trust';
import { memberInput, ok, validId } from './floating.helpers';

/**
 * The scope rule reads each staged row's parent reference once (db/syncScope.ts parentProblem):
 * a bundle with both kinds of bad reference is still refused for the row under another
 * township's parent first, whichever row comes first by id, as the two separate checks did.
 */

type Line = { table: string; row: Record<string, unknown> };
const linesOf = (town: Core) => townshipLines(town).map((l) => JSON.parse(l) as Line);
const clock = (town: Core) => (town.db.prepare('SELECT seq FROM sync_clock').get() as { seq: number }).seq;

describe('scope: a parent owned elsewhere before a parent that exists nowhere', () => {
  it('names the row under the other township, then (alone) the orphan', async () => {
    const d = await district();
    const a = await township('450311100', '雁山镇', 'aa');
    const b = await township('450311101', '柘木镇', 'bb');
    const aVillage = (await ok(a, 'villages.create', { name: '东立村', code: '450311100200', kind: '行政村' })).id;
    const bVillage = (await ok(b, 'villages.create', { name: '柘木村', code: '450311101200', kind: '行政村' })).id;
    await ok(b, 'floating.create', memberInput(bVillage));
    await imported(d, await exported(a));
    await imported(d, await exported(b));
    const member = linesOf(b).find((l) => l.table === 'floating_members')!.row;
    const hostile = (rows: Record<string, unknown>[]) => {
      const lines = [...linesOf(b), ...rows.map((row) => ({ table: 'floating_members', row: { ...row, origin: b.installation()!.installationId, seq: clock(b) } }))];
      return writeBundle(craftBundle(b, { payload: lines.map((l) => JSON.stringify(l)).join('\n') + '\n' }));
    };
    // The orphan's id sorts first.
    const orphan = { ...member, id: 'bb000000-0000-4000-8000-000000009001', village_id: 'bb000000-0000-4000-8000-00000000dead', id_number: validId('45031119900101993') };
    const under = { ...member, id: 'bb000000-0000-4000-8000-000000009002', village_id: aVillage, id_number: validId('45031119900101995') };
    await refusedAtPreview(d, hostile([orphan, under]), 'out_of_scope', /^流动党员 bb000000-0000-4000-8000-000000009002 属于 雁山镇 的 东立村，不在本乡镇范围内/);
    await refusedAtPreview(d, hostile([orphan]), 'bad_row', /^流动党员 bb000000-0000-4000-8000-000000009001 引用的村（社区）不存在/);
  });
});
