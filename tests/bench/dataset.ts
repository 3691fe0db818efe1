import fs from 'node:fs';
import { fsyncFile } from '../../db/durable';
import { contactRecordsTable } from '../../db/floating';
import { refreshStatistics } from '../../db/stats';
import { insertRow } from '../../db/sync';
import { allLiveVillages } from '../../db/villages';
import { openCore, type Core } from '../../electron/core';
import { CONTACT_WAYS, CADRE_ROLES } from '../../electron/domain/floating';
import { addDays, localDay } from '../../electron/domain/dates';
import { cadreInput, seedLogs } from '../../electron/seed/cadres';
import { memberInput } from '../../electron/seed/floating';
import { seedProject } from '../../electron/seed/projects';
import { mobile, personName, Rng, seededIdsOnceSetUp } from '../../electron/seed/random';
import { seedVillages } from '../../electron/seed/villages';
import { createCadre } from '../../electron/services/cadres';
import { postCadre } from '../../electron/services/cadrePostings';
import { checkMember, insertMember } from '../../electron/services/floating';
import { assignContact, refreshLastContact } from '../../electron/services/floatingContacts';
import { completeSetup } from '../../electron/services/setup';

/**
 * The district-sized dataset, built with the seeder's own generators (electron/seed/*) the way
 * `cli seed` writes: profiles, postings, members and projects through the services; work logs
 * and contact records straight through the sync write path (db/sync.ts insertRow), as the
 * seeder does for logs, since per-entry service checks would make a million rows take too long.
 * Written in chunks of transactions so the WAL stays bounded.
 */

export const TOWNSHIP = { code: '450311100', name: '雁山镇' } as const;

export interface Targets {
  villages: number;
  cadres: number;
  workLogs: number;
  floating: number;
  contacts: number;
  projects: number;
}

export function targetsFor(scale: number): Targets {
  const n = (full: number, min: number) => Math.max(min, Math.round(full * scale));
  return { villages: n(300, 2), cadres: n(10_000, 4), workLogs: n(500_000, 100), floating: n(100_000, 20), contacts: n(1_000_000, 100), projects: n(20_000, 4) };
}

export interface Dataset {
  core: Core;
  file: string;
  targets: Targets;
  /** Rows actually made per register (the seeder's monthly rhythm makes log counts approximate). */
  made: Targets;
  seconds: number;
}

/** Runs `fn` for 0..count-1, committing every `chunk` iterations. */
function chunked(core: Core, count: number, chunk: number, fn: (i: number) => void): void {
  for (let from = 0; from < count; from += chunk) {
    core.db.transaction(() => {
      for (let i = from; i < Math.min(count, from + chunk); i++) fn(i);
    })();
  }
}

/** Cadres spread over the villages (the first of each is its first secretary), each with ~logsPerCadre days of logs. */
function seedCadreBlock(core: Core, rng: Rng, t: Targets, villages: { id: string }[], today: string): { cadres: number; logs: number } {
  const used = new Set<string>();
  const perCadre = t.workLogs / t.cadres;
  // The seeder logs 20-24 days a month: cover enough calendar days for perCadre entries.
  const span = Math.max(1, Math.ceil((perCadre * 30.4) / 25.4));
  const until = addDays(today, -1);
  let logs = 0;
  chunked(core, t.cadres, 200, (i) => {
    const village = villages[i % villages.length]!;
    const role = i < villages.length ? '第一书记' : '工作队员';
    const cadre = createCadre(core, cadreInput(rng, role, used));
    // Posted 30+ days before the first log, so the store benchmark can log earlier days.
    const start = addDays(today, -(span + 30 + rng.int(0, 400)));
    postCadre(core, { cadreId: cadre.id, villageId: village.id, role, startDate: start, plannedEnd: null });
    logs += seedLogs(core, rng, cadre.id, village.id, addDays(until, -span + 1), until);
  });
  return { cadres: t.cadres, logs };
}

/** Members through the service (most with a contact cadre), then their contact records through the write path. */
function seedFloatingBlock(core: Core, rng: Rng, t: Targets, villages: { id: string }[], today: string): { floating: number; contacts: number } {
  const seen = new Set<string>();
  const members: { id: string; leftDate: string }[] = [];
  chunked(core, t.floating, 500, (i) => {
    const input = memberInput(rng, villages[i % villages.length]!.id, today);
    if (seen.has(input.idNumber)) return; // a rare repeated ID number: skip, as the seeder does
    seen.add(input.idNumber);
    // The service's own check and insert (createMember minus the detail view it returns to the form).
    const { fields, derived } = checkMember(core, input, null);
    if (fields.length) throw new Error(`bench: seeded member refused: ${fields[0]!.message}`);
    const m = insertMember(core, input, derived!);
    members.push({ id: m.id, leftDate: input.leftDate });
    if (rng.chance(0.85)) assignContact(core, { memberId: m.id, cadreName: personName(rng), cadrePhone: mobile(rng), cadreRole: rng.pick(CADRE_ROLES), startDate: input.leftDate });
  });
  const w = core.writer();
  chunked(core, t.contacts, 20_000, (i) => {
    const m = members[i % members.length]!;
    const span = Math.max(0, Math.min(365, Math.round((Date.parse(today) - Date.parse(m.leftDate)) / 86_400_000)));
    insertRow(core.db, w, contactRecordsTable, {
      member_id: m.id,
      contact_date: addDays(today, -rng.int(0, span)),
      way: rng.pick(CONTACT_WAYS),
      made_by: personName(rng),
      content: '了解工作生活情况，传达村党组织近期工作',
      needs: null,
    });
  });
  // The member's last contact date is derived by the service from the live records.
  chunked(core, members.length, 5000, (i) => refreshLastContact(core, members[i]!.id));
  return { floating: members.length, contacts: t.contacts };
}

/**
 * A dataset an earlier run built at the same scale (`npm run bench -- --keep` leaves it in the
 * kept folder as dataset.db, as built: ledger.db beside it has the stages' writes), copied to `file` so a run
 * after a code change measures the same rows without the build's minutes. The counts are read
 * back from the copy; `seconds` is the copy's.
 */
export async function reuseDataset(source: string, file: string, t: Targets): Promise<Dataset> {
  const started = performance.now();
  fs.copyFileSync(source, file);
  if (fs.existsSync(`${source}-wal`) && fs.statSync(`${source}-wal`).size > 0) fs.copyFileSync(`${source}-wal`, `${file}-wal`);
  fs.chmodSync(file, 0o644);
  // On disk before anything is timed: the kernel's writeback of the 2 GB copy otherwise runs under
  // the lists stage that follows (one p95 of 36 ms in a whole run, 7-11 ms in runs of it alone).
  for (const f of [file, `${file}-wal`]) if (fs.existsSync(f)) fsyncFile(f);
  // Opened as the app opens it, so a newer schema's migrations run here, outside the measurements.
  const core = await openCore(file);
  const n = (table: string) => (core.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE deleted_at IS NULL`).get() as { n: number }).n;
  const made = { villages: n('villages'), cadres: n('cadres'), workLogs: n('work_logs'), floating: n('floating_members'), contacts: n('contact_records'), projects: n('projects') };
  return { core, file, targets: t, made, seconds: (performance.now() - started) / 1000 };
}

/** A township database at the targets' size in `file`, seeded deterministically from `seed`. */
export async function buildDataset(file: string, t: Targets, opts: { seed?: string; township?: { code: string; name: string } } = {}): Promise<Dataset> {
  const started = performance.now();
  const rng = new Rng(opts.seed ?? 'bench');
  const township = opts.township ?? TOWNSHIP;
  // Ids from the seed and the installation, of the form the app makes (its prefix, which a
  // district checks on rows new to it), so bench townships never share a row id.
  const core: Core = await openCore(file, { newId: seededIdsOnceSetUp(opts.seed ?? 'bench', () => core.installation()!.installationId) });
  // Building only (the measurements reopen the file with the app's own settings): a large page
  // cache keeps random-UUID index inserts off the disk, and the build needs no fsync per chunk.
  core.db.pragma('cache_size = -1048576');
  core.db.pragma('synchronous = OFF');
  completeSetup(core, { role: 'township', code: township.code, name: township.name, operator: '张三', importVillages: [] });
  const year = core.now().getFullYear();
  const today = localDay(core.now());
  const villages = core.db.transaction(() => seedVillages(core, rng, t.villages, year))();
  const live = allLiveVillages(core.db).map((v) => ({ id: v.id as string, name: v.name as string }));
  let mark = performance.now();
  const lap = (what: string) => {
    if (process.env.TL_BENCH_DEBUG) console.error(`[bench] dataset ${what}: ${((performance.now() - mark) / 1000).toFixed(1)} s`);
    mark = performance.now();
  };
  const c = seedCadreBlock(core, rng, t, live, today);
  lap('cadres and logs');
  const f = seedFloatingBlock(core, rng, t, live, today);
  lap('floating and contacts');
  chunked(core, t.projects, 1000, (i) => seedProject(core, rng, live[i % live.length]!, year, today));
  lap('projects');
  // Statistics for the planner, as `cli seed` leaves them after its bulk write.
  refreshStatistics(core.db);
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  const made = { villages, cadres: c.cadres, workLogs: c.logs, floating: f.floating, contacts: f.contacts, projects: t.projects };
  return { core, file, targets: t, made, seconds: (performance.now() - started) / 1000 };
}
