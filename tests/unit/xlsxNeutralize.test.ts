import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CHANNELS, type ChannelName } from '../../electron/api/channels';
import { dispatch } from '../../electron/api/dispatch';
import type { FilePayload } from '../../electron/api/contract';
import type { Core } from '../../electron/core';
import { floatingMembersTable } from '../../db/floating';
import { villagesTable } from '../../db/villages';
import { insertRow } from '../../db/sync';
import { neutralize } from '../../electron/xlsx/write';
import { freshCore } from '../helpers/core';
import { readWorkbook } from '../helpers/xlsx';
import { call, makeWorld, validPayloads, type World } from './fuzz.fixtures';

/**
 * CSV/formula injection: text a clerk (or a township's bundle, or an imported roster) typed that
 * starts with = + - @ (or a tab / carriage return) must reach Excel as text, never as a formula
 * that runs when the district opens the file. Every export channel is exercised, including ones
 * added later (any channel named *.export…Xlsx, *.exportLedger or *.template), through the services as the app
 * writes, and read back with exceljs as Excel would.
 */

const LEADS = ['=', '+', '-', '@'];
let n = 0;
/** A distinct formula-looking value per field, so each can be found again in the export. */
const evil = () => {
  const lead = LEADS[n % LEADS.length]!;
  n++;
  return `${lead}SUM(${n},1)+A${n}`;
};

/** The free-text fields of the registers and the calls that write them, all formula-looking. */
async function writeFormulaText(core: Core, w: World): Promise<Map<string, string>> {
  const p = validPayloads(w);
  const written = new Map<string, string>();
  const write = async (channel: ChannelName, fields: string[]) => {
    const input: Record<string, unknown> = { ...p[channel] };
    for (const f of fields) {
      input[f] = evil();
      written.set(`${channel}.${f}`, input[f] as string);
    }
    await call(core, channel, input);
  };
  await write('villages.update', ['partyOrgName', 'note']);
  await write('villages.create', ['name', 'partyOrgName', 'note']);
  await write('cadres.update', ['unit', 'postRank', 'note']);
  await write('cadres.saveLog', ['content', 'problems', 'followUp']);
  await write('cadres.addInspection', ['inspector', 'notes']);
  await write('cadres.saveEvaluation', ['evaluator', 'notes']);
  await write('cadres.saveAssessment', ['notes']);
  await write('floating.update', ['workplace', 'occupation', 'note']);
  await write('floating.addRecord', ['madeBy', 'content', 'needs']);
  await write('projects.update', ['name', 'partner', 'note']);
  await write('projects.addProgress', ['note', 'problems']);
  // What forms trim away can still arrive by a bundle or an older import: a leading tab.
  const village = insertRow(core.db, core.writer(), villagesTable, { name: '\t=1+2', kind: '行政村', key_village: 0, relocation: 0 });
  written.set('store.villageName', '\t=1+2');
  const member = core.db.prepare('SELECT * FROM floating_members WHERE id = ?').get(w.member.id) as Record<string, string>;
  insertRow(core.db, core.writer(), floatingMembersTable, { ...member, village_id: village.id, id_number: '450311199203030012', workplace: '\t@SUM(1,2)' });
  written.set('store.workplace', '\t@SUM(1,2)');
  return written;
}

/** Fields each export must show, neutralized, at the start of a cell (others are not exported). */
const MUST_SHOW: Partial<Record<ChannelName, string[]>> = {
  'villages.exportXlsx': ['villages.create.name', 'villages.create.partyOrgName', 'store.villageName'],
  'cadres.exportLedger': ['cadres.update.unit', 'cadres.update.postRank', 'cadres.saveLog.content', 'cadres.saveLog.problems', 'cadres.saveLog.followUp', 'cadres.addInspection.inspector', 'cadres.addInspection.notes', 'cadres.saveEvaluation.notes'],
  // The roster puts the workplace after the destination and the village name into a sheet title.
  'floating.exportXlsx': ['store.villageName'],
  'projects.exportXlsx': ['projects.update.name', 'projects.update.partner'],
};

/** Inputs of the export channels that need more than their defaults. */
function exportInput(name: ChannelName, w: World): Record<string, unknown> {
  if (name === 'cadres.exportLedger') return { id: w.cadre.id };
  if (name.startsWith('reports.')) return { from: '2025-01-01', to: '2026-01-05' };
  return {};
}

const EXPORTS = CHANNELS.filter((c) => /\.(export(\w*Xlsx|Ledger)|template)$/.test(c));

type Found = { sheet: string; address: string; text: string };

/** Every cell of every sheet: formulas found, and the text of each string cell. */
function cells(wb: ExcelJS.Workbook): { formulas: string[]; texts: Found[] } {
  const formulas: string[] = [];
  const texts: Found[] = [];
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const where = `${ws.name}!${cell.address}`;
        if (cell.type === ExcelJS.ValueType.Formula || cell.formula || (cell.value && typeof cell.value === 'object' && ('formula' in cell.value || 'sharedFormula' in cell.value))) {
          formulas.push(where);
        }
        if (cell.type === ExcelJS.ValueType.String || cell.type === ExcelJS.ValueType.RichText) texts.push({ sheet: ws.name, address: cell.address, text: cell.text });
      });
    });
  });
  return { formulas, texts };
}

async function exportAll(core: Core, w: World): Promise<Map<ChannelName, ExcelJS.Workbook>> {
  const out = new Map<ChannelName, ExcelJS.Workbook>();
  for (const name of EXPORTS) {
    const r = await dispatch(core, name, exportInput(name, w));
    expect(r.ok, `${name}: ${JSON.stringify(r.ok ? '' : r.error)} (give it an input in exportInput)`).toBe(true);
    const file = (r as { ok: true; value: FilePayload | null }).value;
    expect(file?.base64, `${name} gave no file`).toBeTruthy();
    out.set(name, await readWorkbook(file!.base64));
  }
  return out;
}

describe('Excel exports neutralize formula-like text', () => {
  it('quotes a leading carriage return too (XML stores it as a line feed, so it is checked here)', () => {
    expect(neutralize('\r=1+2')).toBe("'\r=1+2");
    expect(neutralize('\n=1+2')).toBe('\n=1+2'); // a leading line feed does not start a formula
  });

  it('covers the register exports present in the contract', () => {
    for (const c of ['villages.exportXlsx', 'cadres.exportLedger', 'floating.exportXlsx', 'projects.exportXlsx'] as const) expect(EXPORTS).toContain(c);
  });

  it('every export: no formula cell, nothing starting with = + - @ tab or CR, the text kept behind a quote', async () => {
    const core = await freshCore();
    const w = await makeWorld(core);
    const written = await writeFormulaText(core, w);
    const books = await exportAll(core, w);
    for (const [name, wb] of books) {
      const { formulas, texts } = cells(wb);
      expect(formulas, `${name}: formula cells`).toEqual([]);
      for (const t of texts) expect(t.text, `${name} ${t.sheet}!${t.address}`).not.toMatch(/^[=+\-@\t\r]/);
      // The typed text comes back whole behind the neutralizing quote.
      for (const key of MUST_SHOW[name] ?? []) {
        const v = written.get(key)!;
        expect(texts.some((t) => t.text.startsWith(`'${v}`)), `${name} shows ${key} (${JSON.stringify(v)}) as text`).toBe(true);
      }
    }
    // Values shown inside a longer cell (the roster's 流入地) keep every character too.
    const roster = cells(books.get('floating.exportXlsx')!).texts.map((t) => t.text).join('\n');
    expect(roster).toContain(written.get('floating.update.workplace'));
    expect(roster).toContain(written.get('store.workplace'));
  });
});
