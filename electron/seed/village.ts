import { awayMembers, cadresInPostAt, hasLogOn } from '../../db/villageSync';
import { dispatch } from '../api/dispatch';
import type { Core } from '../core';
import { addDays, localDay } from '../domain/dates';
import { WORK_KINDS } from '../domain/cadres';
import { CONTACT_WAYS } from '../domain/floating';
import { villageOrigin } from '../services/villageSetup';
import { Rng } from './random';

/**
 * Demo data for a 驻村版 (`seed --db FILE` on a village installation): the last 30 days of work
 * logs for each cadre in post there, and a few contact records of the village's floating members.
 * Everything goes through the laptop's own channels, so the village scope rule holds exactly as
 * for a team typing it in; days already logged are left alone.
 */

async function must(core: Core, name: Parameters<typeof dispatch>[1], input: unknown): Promise<void> {
  const r = await dispatch(core, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
}

export async function seedVillageLaptop(core: Core, rng: Rng): Promise<{ logs: number; records: number }> {
  const origin = villageOrigin(core);
  if (!origin) throw new Error('驻村版缺少所属村（社区）的设置');
  const posted = cadresInPostAt(core.db, origin.village.id);
  const today = localDay(core.now());
  let logs = 0;
  for (const p of posted) {
    for (let day = addDays(today, -30); day < today; day = addDays(day, 1)) {
      if (day < p.start_date) continue;
      if (hasLogOn(core.db, p.cadre_id, day)) continue;
      const inVillage = rng.chance(0.9);
      const kind = inVillage ? rng.pick(WORK_KINDS) : '其他';
      await must(core, 'cadres.saveLog', {
        cadreId: p.cadre_id,
        logDate: day,
        inVillage,
        workKind: kind,
        content: inVillage ? `${kind}：${origin.village.name}` : '到派出单位汇报驻村工作',
        households: inVillage && kind === '走访农户' ? rng.int(1, 8) : 0,
      });
      logs++;
    }
  }
  const members = awayMembers(core.db, origin.village.id, 3);
  let records = 0;
  for (const m of members) {
    await must(core, 'floating.addRecord', {
      memberId: m,
      contactDate: addDays(today, -rng.int(1, 20)),
      way: rng.pick(CONTACT_WAYS),
      madeBy: posted[0]?.name ?? '驻村工作队',
      content: '了解外出务工近况，提醒按时参加线上组织生活',
    });
    records++;
  }
  return { logs, records };
}

/** The CLI's `seed` on a 驻村版: seeds and says what it wrote. */
export async function seedVillage(core: Core, seedText: string): Promise<void> {
  const made = await seedVillageLaptop(core, new Rng(`${seedText}/${core.installation()!.installationId}`));
  console.log(`已生成：驻村日志 ${made.logs} 条，联系记录 ${made.records} 条`);
}
