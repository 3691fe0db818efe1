import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as c from '../../db/columns';
import { defineSyncTable } from '../../db/sync';
import { SYNC_TABLES } from '../../db/tables';
import { APPENDIX_END, APPENDIX_START, appendixOf, FORMAT_FILE, renderAppendix, spliceAppendix } from '../../electron/sync/appendix';

/** FORMAT.md's appendix of synced tables is generated from the column declarations and may not drift. */

describe('FORMAT.md appendix', () => {
  it('equals what the column declarations generate (run `npm run format:appendix` after changing one)', () => {
    const doc = fs.readFileSync(FORMAT_FILE, 'utf8');
    const block = appendixOf(doc);
    expect(block, 'FORMAT.md lacks the appendix markers').not.toBeNull();
    expect(block).toBe(renderAppendix(SYNC_TABLES));
    // It is the last section of the document.
    expect(doc.trimEnd().endsWith(APPENDIX_END)).toBe(true);
  });

  it('lists every table and every column with its type, rule, unit and owning scope', () => {
    const text = renderAppendix(SYNC_TABLES);
    for (const t of SYNC_TABLES) {
      expect(text).toContain(`### \`${t.name}\` (${t.label})`);
      for (const name of t.columns) expect(text).toMatch(new RegExp(`\\| \`${name}\` \\| ${t.fields[name]!.sql} \\| (yes|no) \\| `));
    }
    expect(text).toContain('| `key_village` | INTEGER | no | 乡村振兴重点村 | flag: 0 or 1 |');
    expect(text).toContain('| `total_fen` | INTEGER | no | 总投资 | money, fen ≥ 0 |');
    expect(text).toContain('| `status` | TEXT | no | 项目状态 | one of: 谋划, 在建, 运营, 停滞, 终止 |');
    // Scope follows required references up to the village.
    expect(text).toMatch(/### `member_contacts`[^#]*Owning scope: under `member_id` → `floating_members`, then its `village_id` → `villages`\./);
    expect(text).toMatch(/### `cadre_inspections`[^#]*Owning scope: under `cadre_id` → `cadres`\./);
  });

  it('fails on drift: a changed declaration no longer matches the committed block', () => {
    const doc = fs.readFileSync(FORMAT_FILE, 'utf8');
    const villages = SYNC_TABLES[0]!;
    const changed = defineSyncTable(villages.name, villages.label, { ...villages.fields, name: c.text('村（社区）名称', 60) });
    expect(renderAppendix([changed, ...SYNC_TABLES.slice(1)])).not.toBe(appendixOf(doc));
  });

  it('regenerating touches only the block between the markers', () => {
    const doc = `# Title\n\nintro\n\n${APPENDIX_START}\nold\n${APPENDIX_END}\n`;
    expect(spliceAppendix(doc, `${APPENDIX_START}\nnew $& $1\n${APPENDIX_END}`)).toBe(`# Title\n\nintro\n\n${APPENDIX_START}\nnew $& $1\n${APPENDIX_END}\n`);
    // Without markers the block is added at the end.
    expect(spliceAppendix('# Title\n\ntext\n\n', 'BLOCK')).toBe('# Title\n\ntext\n\nBLOCK\n');
  });
});
