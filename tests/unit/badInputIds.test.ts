import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ChannelName } from '../../electron/api/channels';
import { dispatch } from '../../electron/api/dispatch';
import type { ImportReport } from '../../electron/api/contract';
import { freshCore } from '../helpers/core';
import { call, cadreInput, expectRefused, fieldMessage, makeWorld, memberInput, snapshot, validId } from './fuzz.fixtures';

/**
 * ID numbers as clerks type and paste them, through the cadre and floating-member channels and the
 * roster import. Decisions: spaces (also full-width and inside the number), full-width digits and
 * a lowercase x are normalized and the number is stored as 18 half-width characters with a
 * capital X; a 15-digit (pre-1999) number is refused with a message asking for the 18-digit number
 * (converting it would need the check digit the clerk has to confirm against the card anyway).
 */

const withX = validId('45030219850314118'); // ends in X
const withX2 = validId('45031119900101101'); // ends in X
const plain = validId('45031119900101123');
const plain2 = validId('45031119920202222');
const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace('X', 'Ｘ');
const badCheck = plain.slice(0, 17) + (plain.endsWith('1') ? '2' : '1');

/** Typed → stored. */
const ACCEPTED: [string, string, string][] = [
  ['lowercase x', withX.toLowerCase(), withX],
  ['full-width digits and X', fullWidth(withX2), withX2],
  ['spaces around and inside', ` ${plain.slice(0, 6)} ${plain.slice(6, 14)} ${plain.slice(14)} `, plain],
  ['ideographic spaces and a tab', `\u3000${plain2.slice(0, 9)}\t${plain2.slice(9)}\u3000`, plain2],
];

/** Typed → part of the message. */
const REFUSED: [string, string, RegExp][] = [
  ['a bad check digit', badCheck, /校验位不正确/],
  ['15 digits (old style)', '450311900101123', /15位旧身份证号，请填写18位身份证号/],
  ['17 digits', plain.slice(0, 17), /应为18位，当前为17位/],
  ['19 digits', plain + '1', /应为18位，当前为19位/],
  ['a letter inside', plain.slice(0, 5) + 'A' + plain.slice(6), /前17位应为数字/],
  ['an impossible birth date', validId('45031119900231123'), /出生日期无效/],
  ['a birth date in the future', validId('45031120990101123'), /出生日期无效/],
  ['an unknown province', validId('99031119900101123'), /省级行政区划代码/],
  ['nothing', '', /应为18位，当前为0位/],
  ['a number instead of text', 4.5031119900101e17 as unknown as string, /身份证号应为文字/],
];

const CHANNELS: ChannelName[] = ['cadres.create', 'cadres.update', 'floating.create', 'floating.update'];

async function setup() {
  const core = await freshCore();
  const w = await makeWorld(core);
  const payloads: Record<string, Record<string, unknown>> = {
    'cadres.create': cadreInput({ name: '王芳' }),
    'cadres.update': { id: w.cadre.id, version: w.cadre.version, ...cadreInput() },
    'floating.create': memberInput(w.village.id, { name: '陈红' }),
    'floating.update': { id: w.member.id, version: w.member.version, ...memberInput(w.village.id) },
  };
  // Free the IDs the world uses, so each typed form below is a new person.
  core.db.prepare(`UPDATE cadres SET id_number = '450302198001010011' WHERE id = ?`).run(w.cadre.id);
  core.db.prepare(`UPDATE floating_members SET id_number = '450311198001010011' WHERE id = ?`).run(w.member.id);
  return { core, w, payloads };
}

describe('ID numbers through the API', () => {
  it('normalizes lowercase x, full-width digits and spaces, and stores 18 characters', async () => {
    for (const name of CHANNELS) {
      const { core, payloads } = await setup();
      const payload = payloads[name]!;
      for (const [what, typed, stored] of ACCEPTED) {
        const r = await dispatch(core, name, { ...payload, idNumber: typed });
        expect(r, `${name} ${what}: ${JSON.stringify(r).slice(0, 300)}`).toMatchObject({ ok: true });
        if ('version' in payload) payload.version = (r as { value: { version: number } }).value.version;
        const table = name.startsWith('cadres') ? 'cadres' : 'floating_members';
        const id = (r as { value: { id: string } }).value.id;
        expect(core.db.prepare(`SELECT id_number FROM ${table} WHERE id = ?`).get(id), `${name} ${what}`).toEqual({ id_number: stored });
      }
    }
  });

  it('refuses bad check digits, 15-digit numbers and other malformed numbers naming the field, writing nothing', async () => {
    const { core, payloads } = await setup();
    for (const name of CHANNELS) {
      for (const [what, typed, message] of REFUSED) {
        const error = await expectRefused(core, name, { ...payloads[name], idNumber: typed });
        expect(fieldMessage(error, ['idNumber']), `${name} ${what}`).toMatch(message);
      }
    }
  });

  it('treats differently typed forms of one number as the same person', async () => {
    const { core, payloads } = await setup();
    await call(core, 'cadres.create', { ...payloads['cadres.create'], idNumber: withX });
    const error = await expectRefused(core, 'cadres.create', { ...payloads['cadres.create'], name: '王小芳', idNumber: ` ${fullWidth(withX).toLowerCase()} ` });
    expect(fieldMessage(error, ['idNumber'])).toMatch(/身份证号已登记/);
  });
});

const HEADER = ['序号', '姓名', '身份证号', '流出时间', '流入地'];

async function rosterFile(ids: unknown[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(HEADER);
  ids.forEach((id, i) => ws.addRow([i + 1, `王${'一二三四五六七八九十'[i % 10]}${'甲乙丙丁戊己庚辛壬癸'[Math.floor(i / 10)]}`, id, '2025-03-01', '广东省深圳市宝安区']));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('ID numbers through the floating roster import', () => {
  it('imports normalized forms and reports each bad one with its row and the field, writing nothing', async () => {
    const { core, w } = await setup();
    const distinct = ACCEPTED.map(([, typed, stored]) => ({ typed, stored }));
    const bad = REFUSED.filter(([what]) => what !== 'nothing');
    const base64 = await rosterFile([...distinct.map((a) => a.typed), ...bad.map(([, typed]) => typed)]);
    const before = snapshot(core);
    const input = { file: { fileName: '名册.xlsx', base64 }, villageId: w.village.id, mode: 'all-or-nothing', dryRun: false, reason: '务工' };
    const r = await dispatch(core, 'floating.importXlsx', input);
    expect(r.ok).toBe(true);
    const report = (r as { value: ImportReport }).value;
    expect(report).toMatchObject({ total: distinct.length + bad.length, valid: distinct.length, written: 0 });
    bad.forEach(([what, , message], i) => {
      const problem = report.problems.find((p) => p.row === 2 + distinct.length + i);
      expect(problem, what).toMatchObject({ field: '身份证号' });
      // A number typed into Excel loses its last digits; the message says so instead.
      expect(problem!.message, what).toMatch(typeof bad[i]![1] === 'number' ? /末几位已丢失/ : message);
    });
    expect(snapshot(core)).toEqual(before);

    const valid = await dispatch(core, 'floating.importXlsx', { ...input, mode: 'valid-only' });
    expect(valid).toMatchObject({ ok: true, value: { written: distinct.length } });
    const stored = core.db.prepare(`SELECT id_number FROM floating_members WHERE deleted_at IS NULL ORDER BY id_number`).all();
    expect(stored).toEqual(expect.arrayContaining(distinct.map((a) => ({ id_number: a.stored }))));
  });
});

describe('ID numbers through the cadre roster import', () => {
  it('imports normalized forms and reports each bad one with its row and the field', async () => {
    const core = await freshCore();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(['序号', '姓名', '身份证号', '派出单位', '派出单位层级']);
    const typed = [withX.toLowerCase(), ` ${fullWidth(plain)} `, ...REFUSED.filter(([what]) => what !== 'nothing').map(([, t]) => t)];
    typed.forEach((t, i) => ws.addRow([i + 1, `李${'一二三四五六七八九十甲乙丙'[i]}`, t, '雁山区农业农村局', '县区直']));
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const r = await dispatch(core, 'cadres.importXlsx', { file: { fileName: '名册.xlsx', base64 }, mode: 'valid-only', dryRun: false });
    expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(true);
    const report = (r as { value: ImportReport }).value;
    expect(report).toMatchObject({ total: typed.length, valid: 2, written: 2 });
    expect(report.skippedRows).toEqual(typed.slice(2).map((_, i) => 4 + i));
    for (const p of report.problems) expect(p.field, JSON.stringify(p)).toBe('身份证号');
    const stored = core.db.prepare(`SELECT id_number FROM cadres WHERE deleted_at IS NULL ORDER BY id_number`).all();
    expect(stored).toEqual([{ id_number: withX }, { id_number: plain }].sort((a, b) => a.id_number.localeCompare(b.id_number)));
  });
});
