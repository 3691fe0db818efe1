import { describe, expect, it } from 'vitest';
import type { ChannelName } from '../../electron/api/channels';
import { dispatch } from '../../electron/api/dispatch';
import { freshCore } from '../helpers/core';
import { expectRefused, fieldMessage, makeWorld, validId, validPayloads } from './fuzz.fixtures';

/**
 * Names and free text as clerks (and pasted documents) deliver them, through every channel that
 * creates or updates a row. Decisions: emoji are accepted in free text and refused in personal
 * names (a name is Han characters, letters and the middle dot); invisible control characters are
 * refused with a message naming the field, never silently stripped, so what is stored is what the
 * clerk saw; every text field has a maximum length counted in characters (an emoji is one), and
 * 10,000 characters are refused naming the field.
 */

const WRITES: ChannelName[] = [
  'settings.update',
  'villages.create',
  'villages.update',
  'cadres.create',
  'cadres.update',
  'cadres.post',
  'cadres.endPosting',
  'cadres.saveLog',
  'cadres.addInspection',
  'cadres.saveEvaluation',
  'cadres.saveAssessment',
  'floating.create',
  'floating.update',
  'floating.changeStatus',
  'floating.assignContact',
  'floating.addRecord',
  'floating.updateRecord',
  'projects.create',
  'projects.update',
  'projects.addProgress',
];

/** Fields typed freely by the clerk, per channel (the rest are names, codes, dates, choices and ids). */
const FREE_TEXT: Partial<Record<ChannelName, string[]>> = {
  'villages.create': ['partyOrgName', 'note'],
  'villages.update': ['partyOrgName', 'note'],
  'cadres.create': ['unit', 'postRank', 'note'],
  'cadres.update': ['unit', 'postRank', 'note'],
  'cadres.endPosting': ['reason'],
  'cadres.saveLog': ['content', 'problems', 'followUp'],
  'cadres.addInspection': ['inspector', 'notes'],
  'cadres.saveEvaluation': ['evaluator', 'notes'],
  'cadres.saveAssessment': ['notes'],
  'floating.create': ['workplace', 'occupation', 'note'],
  'floating.update': ['workplace', 'occupation', 'note'],
  'floating.changeStatus': ['note'],
  'floating.addRecord': ['madeBy', 'content', 'needs'],
  'floating.updateRecord': ['madeBy', 'content', 'needs'],
  'projects.create': ['name', 'partner', 'note'],
  'projects.update': ['name', 'partner', 'note'],
  'projects.addProgress': ['note', 'problems'],
};

const PERSON_NAMES: Partial<Record<ChannelName, string[]>> = {
  'settings.update': ['operator'],
  'villages.create': ['secretary'],
  'cadres.create': ['name'],
  'floating.create': ['name'],
  'floating.assignContact': ['cadreName'],
};

/** Number fields normalize what clerks paste (spaces, full-width digits) before checking. */
const DIGITS = ['idNumber', 'mobile', 'cadrePhone', 'secretaryPhone', 'total', 'fiscal', 'aid', 'village', 'social', 'other'];

const CONTROL = ['\ud800', '\udc00', '\u0000', '\u0007', '\u001b[31m', '\u007f', '\u202e', '\u200b', '\u200d', '\ufeff', '\u0085', '\u2028'];

async function setup() {
  const core = await freshCore();
  const world = await makeWorld(core);
  return { core, payloads: validPayloads(world) };
}

describe('free text and names through every create and update channel', () => {
  it('refuses 10,000 characters in any text field, naming the field, and writes nothing', async () => {
    const { core, payloads } = await setup();
    for (const name of WRITES) {
      const payload = payloads[name]!;
      for (const [key, value] of Object.entries(payload)) {
        if (typeof value !== 'string') continue;
        const error = await expectRefused(core, name, { ...payload, [key]: '字'.repeat(10_000) });
        const msg = fieldMessage(error, [key]);
        expect(msg, `${name}.${key}`).toMatch(/[\u4e00-\u9fa5]/);
        if (FREE_TEXT[name]?.includes(key) || PERSON_NAMES[name]?.includes(key)) expect(msg, `${name}.${key}`).toMatch(/不能超过\d+个字/);
      }
    }
  });

  it('refuses control characters, bidi overrides and zero-width characters in any text field, naming the field', async () => {
    const { core, payloads } = await setup();
    for (const name of WRITES) {
      const payload = payloads[name]!;
      for (const [key, value] of Object.entries(payload)) {
        if (typeof value !== 'string' || DIGITS.includes(key)) continue;
        for (const c of CONTROL) {
          const error = await expectRefused(core, name, { ...payload, [key]: `${value.slice(0, 1)}${c}${value.slice(1) || value}` });
          expect(fieldMessage(error, [key]), `${name}.${key} ${JSON.stringify(c)}`).toMatch(/[\u4e00-\u9fa5]/);
        }
      }
    }
  });

  it('strips invisible characters pasted into ID numbers and phones like spaces, or refuses them naming the field', async () => {
    const shapes = (await setup()).payloads;
    for (const name of WRITES) {
      const keys = DIGITS.filter((k) => typeof shapes[name]?.[k] === 'string');
      if (!keys.length) continue;
      const { core, payloads } = await setup();
      const payload = payloads[name]!;
      for (const key of keys) {
        for (const c of CONTROL) {
          const value = payload[key] as string;
          const r = await dispatch(core, name, { ...payload, [key]: `${value.slice(0, 1)}${c}${value.slice(1)}` });
          if (r.ok) {
            expect(JSON.stringify(r.value).includes(c), `${name}.${key} ${JSON.stringify(c)} stored`).toBe(false);
            const version = (r.value as { version?: number }).version;
            if ('version' in payload && version) payload.version = version;
          }
          // A create accepted earlier may make this one the same person: a conflict, not a field error.
          else if (r.error.code === 'invalid') expect(fieldMessage(r.error, [key]), `${name}.${key} ${JSON.stringify(c)}`).toMatch(/[\u4e00-\u9fa5]/);
        }
      }
    }
  });

  it('accepts every valid payload, with emoji in its free text stored as typed', async () => {
    const typed = '收到👍 点赞👨‍👩‍👧 🇨🇳';
    for (const name of WRITES) {
      const { core, payloads } = await setup();
      const over = Object.fromEntries((FREE_TEXT[name] ?? []).map((k) => [k, typed]));
      const r = await dispatch(core, name, { ...payloads[name], ...over });
      expect(r, `${name}: ${JSON.stringify(r).slice(0, 300)}`).toMatchObject({ ok: true });
      if (FREE_TEXT[name]) expect(JSON.stringify(r), name).toContain(typed);
    }
  });

  it('counts an emoji as one character against the length limits', async () => {
    const { core, payloads } = await setup();
    // 500 emoji are 1,000 UTF-16 units but 500 characters: exactly the limit of 备注.
    const full = await dispatch(core, 'cadres.update', { ...payloads['cadres.update'], note: '😀'.repeat(500) });
    expect(full).toMatchObject({ ok: true, value: { note: '😀'.repeat(500) } });
    const error = await expectRefused(core, 'cadres.create', { ...payloads['cadres.create'], note: '😀'.repeat(501) });
    expect(fieldMessage(error, ['note'])).toBe('备注不能超过500个字');
  });

  it('refuses emoji and digits in personal names with a message naming the field', async () => {
    const { core, payloads } = await setup();
    for (const [name, keys] of Object.entries(PERSON_NAMES) as [ChannelName, string[]][]) {
      for (const key of keys) {
        for (const bad of ['李四😀', '李4']) {
          const error = await expectRefused(core, name, { ...payloads[name], [key]: bad });
          expect(fieldMessage(error, [key]), `${name}.${key}`).toMatch(/只能包含汉字、字母和间隔号/);
        }
      }
    }
  });

  it('trims surrounding spaces and accepts minority names with the middle dot', async () => {
    const { core, payloads } = await setup();
    const r = await dispatch(core, 'cadres.create', { ...payloads['cadres.create'], name: '  阿依古丽·买买提 ', note: '  备注  ' });
    expect(r).toMatchObject({ ok: true, value: { name: '阿依古丽·买买提', note: '备注' } });
    const spaced = await dispatch(core, 'floating.create', { ...payloads['floating.create'], name: '阿依古丽\u3000买买提' });
    expect(spaced).toMatchObject({ ok: true });
    // A name is one line: a tab or line break inside it is refused (free text may have line breaks).
    for (const name of ['王\t芳', '王\n芳']) {
      const error = await expectRefused(core, 'cadres.create', { ...payloads['cadres.create'], idNumber: validId('45030219900101333'), name });
      expect(fieldMessage(error, ['name'])).toMatch(/只能包含汉字/);
    }
    expect(await dispatch(core, 'cadres.update', { ...payloads['cadres.update'], note: '第一行\n第二行' })).toMatchObject({ ok: true, value: { note: '第一行\n第二行' } });
  });

  it('refuses over-long and hidden characters in the setup form, naming the field', async () => {
    const core = await freshCore({ setup: false });
    const setup = { role: 'township', code: '450311100', name: '雁山镇', operator: '张三', importVillages: [] };
    for (const key of ['code', 'name', 'operator']) {
      for (const bad of ['字'.repeat(10_000), `雁\u202e山`]) {
        const error = await expectRefused(core, 'setup.complete', { ...setup, [key]: bad });
        expect(fieldMessage(error, [key]), `${key} ${bad.slice(0, 5)}`).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
    expect(await dispatch(core, 'setup.complete', setup)).toMatchObject({ ok: true });
  });

  it('takes wildcard, quote and bracket characters in search boxes literally', async () => {
    const { core } = await setup();
    for (const name of ['villages.list', 'cadres.list', 'floating.list', 'projects.list'] as ChannelName[]) {
      const all = await dispatch(core, name, {});
      expect((all as { value: { total: number } }).value.total, name).toBeGreaterThan(0);
      for (const search of ['%', '_', '\\', "'", '"', '[', '*', '%%%%', "' OR 1=1 --"]) {
        const r = await dispatch(core, name, { search });
        expect(r, `${name} ${search}`).toMatchObject({ ok: true, value: { total: 0 } });
      }
    }
  });
});
