import { describe, expect, it } from 'vitest';
import { contract } from '../../electron/api/contract';
import { dispatch } from '../../electron/api/dispatch';
import { currentSeq } from '../../db/sync';
import { fenToWan } from '../../electron/domain/money';
import { FUNDING_SOURCES, fundingMismatch, type Funding } from '../../electron/domain/projects';
import { Rng } from '../../electron/seed/random';
import { createVillage } from '../../electron/services/villages';
import { freshCore } from '../helpers/core';

const KEYS = FUNDING_SOURCES.map((s) => s.key);

/** Random fen: mostly small, sometimes to the fen, sometimes huge, sometimes zero (left blank). */
function randomParts(rng: Rng): Funding {
  const parts = {} as Funding;
  for (const k of KEYS) {
    const kind = rng.int(0, 4);
    parts[k] =
      kind === 0 ? 0 : kind === 1 ? rng.int(1, 99) : kind === 2 ? rng.int(0, 99_999_999) : kind === 3 ? rng.int(0, 2 ** 31) * 1000 + rng.int(0, 999) : rng.int(0, 999_999) * 1_000_000;
  }
  return parts;
}

/** Formats as a clerk might type: blank for zero now and then, thousands separators now and then. */
function typed(rng: Rng, fen: number): string {
  if (fen === 0 && rng.chance(0.5)) return '';
  return fenToWan(fen, { grouped: rng.chance(0.3) });
}

const base = { villageId: '00000000-0000-4000-8000-000000000001', year: 2025, name: '光伏电站', category: '光伏', model: '入股分红', status: '运营' };

describe('project money: 万元 strings to exact fen, sources add up to the total', () => {
  it('parses and checks 10,000 random splits exactly through the channel schema and the service rule', () => {
    const rng = new Rng('projects-money');
    const schema = contract['projects.create'].input;
    for (let i = 0; i < 10_000; i++) {
      const parts = randomParts(rng);
      const total = KEYS.reduce((s, k) => s + parts[k], 0);
      const payload: Record<string, unknown> = { ...base, total: typed(rng, total) || '0' };
      for (const k of KEYS) payload[k] = typed(rng, parts[k]);
      const parsed = schema.safeParse(payload);
      if (!parsed.success) throw new Error(`split ${i}: ${parsed.error.message}`);
      const got = parsed.data;
      expect(got.total).toBe(total);
      for (const k of KEYS) expect(got[k], `split ${i} ${k}`).toBe(parts[k]);
      expect(fundingMismatch(got.total, got)).toBeNull();
      // A total one fen off either way is refused, naming both figures.
      expect(fundingMismatch(got.total + 1, got)).toMatch(/^各来源合计 .* 万元，与总投资 .* 万元不一致$/);
      if (total > 0) expect(fundingMismatch(got.total - 1, got)).not.toBeNull();
    }
  });

  it('stores the typed parts as exact fen through dispatch, and refuses a total off by one fen without writing', async () => {
    const core = await freshCore();
    const village = createVillage(core, { name: '东立村', code: null, kind: '行政村', partyOrgName: null, partyOrgType: null, secretary: null, secretaryPhone: null, keyVillage: false, relocation: false, note: null, years: [] });
    const rng = new Rng('projects-money-store');
    for (let i = 0; i < 300; i++) {
      const parts = randomParts(rng);
      const total = KEYS.reduce((s, k) => s + parts[k], 0);
      const payload: Record<string, unknown> = { ...base, villageId: village.id, name: `项目${i}` };
      for (const k of KEYS) payload[k] = typed(rng, parts[k]);
      const seq = currentSeq(core.db);
      const off = await dispatch(core, 'projects.create', { ...payload, total: fenToWan(total + 1) });
      expect(off).toMatchObject({ ok: false, error: { code: 'invalid', fields: [{ path: ['total'] }] } });
      expect(currentSeq(core.db)).toBe(seq);
      const r = await dispatch(core, 'projects.create', { ...payload, total: fenToWan(total, { grouped: true }) });
      if (!r.ok) throw new Error(r.error.message);
      const row = core.db.prepare('SELECT * FROM projects WHERE id = ?').get((r.value as { id: string }).id) as Record<string, number>;
      expect(row.total_fen).toBe(total);
      for (const s of FUNDING_SOURCES) expect(row[s.column]).toBe(parts[s.key]);
    }
  });
});
