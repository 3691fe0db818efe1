import { describe, expect, it } from 'vitest';
import type { ChannelName } from '../../electron/api/channels';
import { dispatch } from '../../electron/api/dispatch';
import { freshCore } from '../helpers/core';
import { readWorkbook } from '../helpers/xlsx';
import { call, cadreInput, memberInput, projectInput, validId } from './fuzz.fixtures';

/**
 * Exports built from names as clerks type them. Excel forbids \ / ? * [ ] : in sheet names, allows
 * 31 characters and no two equal names; a village called “东立村/一组” or two long names sharing
 * their first 31 characters must still export (the sheet name is cleaned and numbered, the title
 * keeps the full name). And an export made before setup still produces a file.
 */

const NAMES = ['东立村/一组', `${'😀'.repeat(15)}村`, '[西山]村*?', '南:村\\', `${'很长的村名'.repeat(7)}甲`, `${'很长的村名'.repeat(7)}乙`, "'北村'", '=1+1村'];

describe('exports with awkward names', () => {
  it('exports every register when village names contain characters Excel refuses in sheet names', async () => {
    const core = await freshCore();
    const villages: string[] = [];
    for (const [i, name] of NAMES.entries()) {
      const v = await call(core, 'villages.create', { name, kind: '行政村' });
      villages.push(v.id);
      await call(core, 'floating.create', memberInput(v.id, { idNumber: validId(`450311199001${String(10 + i)}123`) }));
      await call(core, 'projects.create', projectInput(v.id));
    }
    const cadre = await call(core, 'cadres.create', cadreInput());
    await call(core, 'cadres.post', { cadreId: cadre.id, villageId: villages[0], role: '第一书记', startDate: '2025-06-01' });
    const exports: [ChannelName, Record<string, unknown>][] = [
      ['floating.exportXlsx', {}],
      ['floating.exportXlsx', { villageId: villages[0] }],
      ['villages.exportXlsx', {}],
      ['projects.exportXlsx', {}],
      ['cadres.exportLedger', { id: cadre.id }],
      ['cadres.exportXlsx', {}],
    ];
    for (const [name, input] of exports) {
      const r = await dispatch(core, name, input);
      expect(r, `${name} ${JSON.stringify(r).slice(0, 200)}`).toMatchObject({ ok: true });
    }
    const all = (await dispatch(core, 'floating.exportXlsx', {})) as { ok: true; value: { base64: string } };
    const wb = await readWorkbook(all.value.base64);
    const names = wb.worksheets.map((w) => w.name);
    expect(new Set(names).size).toBe(NAMES.length);
    for (const n of names) expect(n).toMatch(/^[^\\/?*[\]:]{1,31}$/);
    expect(wb.worksheets.map((w) => String(w.getCell(1, 1).value))).toContain('东立村/一组流动党员名册');
  });

  it('exports before setup without an internal error', async () => {
    const core = await freshCore({ setup: false });
    for (const name of ['floating.exportXlsx', 'villages.exportXlsx', 'projects.exportXlsx', 'floating.template'] as ChannelName[]) {
      const r = await dispatch(core, name, {});
      if (!r.ok) expect(r.error.code, `${name} ${r.error.message}`).not.toBe('internal');
    }
  });
});
