import type { Core } from '../../electron/core';
import { CONTACT_WAYS } from '../../electron/domain/floating';
import { WORK_KINDS } from '../../electron/domain/cadres';
import { addDays, localDay } from '../../electron/domain/dates';
import { fenToWan } from '../../electron/domain/money';
import { cadreInput } from '../../electron/seed/cadres';
import { memberInput } from '../../electron/seed/floating';
import { projectInput } from '../../electron/seed/projects';
import { mobile, personName, type Rng } from '../../electron/seed/random';

/**
 * What a clerk types, for the store benchmark: n payloads per register in the form the renderer
 * sends them to dispatch (money in 万元 as text, as the forms send it), made with the seeder's
 * generators and pointing at rows of the dataset.
 */

type Payload = Record<string, unknown>;

const wan = (fen: number | null) => (fen === null ? null : fenToWan(fen));

export function villagePayloads(rng: Rng, n: number, year: number): Payload[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `基准${String(i + 1).padStart(5, '0')}村`,
    code: null,
    kind: '行政村',
    partyOrgName: null,
    partyOrgType: '党支部',
    secretary: personName(rng),
    secretaryPhone: mobile(rng),
    keyVillage: rng.chance(0.2),
    relocation: false,
    note: null,
    years: [year - 1, year].map((y) => ({ year: y, stars: rng.int(1, 5), income: wan(rng.int(50_000, 3_000_000) * 100) })),
  }));
}

export function cadrePayloads(core: Core, rng: Rng, n: number): Payload[] {
  const used = new Set((core.db.prepare('SELECT id_number FROM cadres').all() as { id_number: string }[]).map((r) => r.id_number));
  return Array.from({ length: n }, () => cadreInput(rng, '工作队员', used));
}

/**
 * Logs for days before each cadre's first entry (the dataset posts cadres 30+ days before
 * their logs start), cadre by cadre so no day is taken twice; `round` shifts a second batch
 * further back.
 */
export function logPayloads(core: Core, rng: Rng, n: number, round: number): Payload[] {
  const cadres = core.db
    .prepare('SELECT cadre_id AS id, min(log_date) AS first FROM work_logs WHERE deleted_at IS NULL GROUP BY cadre_id ORDER BY cadre_id')
    .all() as { id: string; first: string }[];
  const perCadre = Math.ceil(n / cadres.length);
  if (perCadre * (round + 1) > 30) throw new Error('store sample too large for the dataset: more log days than the postings allow');
  return Array.from({ length: n }, (_, i) => {
    const c = cadres[i % cadres.length]!;
    const kind = rng.pick(WORK_KINDS);
    return {
      id: null,
      version: null,
      cadreId: c.id,
      logDate: addDays(c.first, -(1 + Math.floor(i / cadres.length) + round * perCadre)),
      inVillage: true,
      workKind: kind,
      households: kind === '走访农户' ? rng.int(1, 12) : 0,
      content: '入户走访，了解生产生活情况和帮扶需求',
      problems: rng.chance(0.15) ? '部分农户反映灌溉水渠堵塞' : null,
      followUp: null,
    };
  });
}

export function memberPayloads(core: Core, rng: Rng, n: number): Payload[] {
  const villages = (core.db.prepare('SELECT id FROM villages WHERE deleted_at IS NULL ORDER BY code').all() as { id: string }[]).map((v) => v.id);
  const used = new Set((core.db.prepare('SELECT id_number FROM floating_members').all() as { id_number: string }[]).map((r) => r.id_number));
  const today = localDay(core.now());
  const out: Payload[] = [];
  while (out.length < n) {
    const input = memberInput(rng, villages[out.length % villages.length]!, today);
    if (used.has(input.idNumber)) continue;
    used.add(input.idNumber);
    out.push(input);
  }
  return out;
}

export function contactPayloads(core: Core, rng: Rng, n: number): Payload[] {
  const members = core.db
    .prepare(`SELECT id, left_date FROM floating_members WHERE deleted_at IS NULL AND status = '外出中' ORDER BY id LIMIT ?`)
    .all(n) as { id: string; left_date: string }[];
  const today = localDay(core.now());
  return Array.from({ length: n }, (_, i) => {
    const m = members[i % members.length]!;
    const span = Math.max(0, Math.round((Date.parse(today) - Date.parse(m.left_date)) / 86_400_000));
    return {
      memberId: m.id,
      contactDate: addDays(today, -rng.int(0, Math.min(span, 365))),
      way: rng.pick(CONTACT_WAYS),
      madeBy: personName(rng),
      content: '电话了解工作生活情况',
      needs: null,
    };
  });
}

export function projectPayloads(core: Core, rng: Rng, n: number, year: number): Payload[] {
  const villages = core.db.prepare('SELECT id, name FROM villages WHERE deleted_at IS NULL ORDER BY code').all() as { id: string; name: string }[];
  return Array.from({ length: n }, (_, i) => {
    const p = projectInput(rng, villages[i % villages.length]!, year);
    return {
      ...p,
      total: wan(p.total),
      fiscal: wan(p.fiscal),
      aid: wan(p.aid),
      village: wan(p.village),
      social: wan(p.social),
      other: wan(p.other),
      incomes: p.incomes.map((y) => ({ year: y.year, income: wan(y.income) })),
    };
  });
}
