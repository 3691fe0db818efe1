import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getInstallation } from '../../db/settings';
import { insertPin } from '../../db/syncPins';
import { dispatch } from '../../electron/api/dispatch';
import type { Core } from '../../electron/core';
import { makeVillagePackage } from '../../electron/sync/villagePackageMake';
import { applyVillageStaged, stageVillageBundle } from '../../electron/sync/villageImport';
import { revokeVillageLaptop, villageLaptops } from '../../electron/sync/villagePins';
import { importVillageReceipt, writeVillageReceipt } from '../../electron/sync/villageReceipt';
import { call, recordInput } from './fuzz.fixtures';
import { exportBundle } from '../../electron/sync/export';
import { MAX_VILLAGE_PINS, readEnvelope } from '../../electron/sync/format';
import { dbDigest, trustDistrict } from '../helpers/sync';
import { resealVillageBundle } from '../helpers/villageForge';
import { tempDir } from '../helpers/tmp';
import { exportFrom, importAt, laptopFrom, lastRefusal, logDays, refusal, roundTrip, rowsOf, villageWorld, type VillageWorld } from '../helpers/village';

/**
 * The township's side of the trust: a laptop holding its valid key attacks with rows outside its
 * village (another village's cadre, member or project, a day outside a posting, a township row's
 * id, a huge version, a table it never writes). Each bundle is refused whole, the reason is kept in
 * the import history, and nothing is written. Then the ends of trust: a posting that ends, and a
 * lost laptop revoked and replaced.
 */

/** Takes the laptop's next change number, as a write through the app would. */
const nextSeq = (lap: Core) => (lap.db.prepare('UPDATE sync_clock SET seq = seq + 1 RETURNING seq').get() as { seq: number }).seq;

/** A laptop whose one honest entry of `table` is then altered by SQL, as its holder could. */
async function hostile(v: VillageWorld, table: 'work_logs' | 'contact_records' | 'project_progress', set: string, ...args: unknown[]): Promise<string> {
  const lap = await laptopFrom(v.pkg);
  if (table === 'work_logs') await logDays(lap, v.world.cadre.id, '2025-11-03', '2025-11-03');
  if (table === 'contact_records') await call(lap, 'floating.addRecord', { memberId: v.world.member.id, ...recordInput(), contactDate: '2025-11-20' });
  if (table === 'project_progress') await call(lap, 'projects.addProgress', { projectId: v.world.project.id, reportDate: '2025-11-25', percent: 70, note: '进展' });
  lap.db.pragma('foreign_keys = OFF');
  lap.db.prepare(`UPDATE ${table} SET ${set}, seq = ? WHERE origin = ?`).run(...args, nextSeq(lap), getInstallation(lap.db)!.installationId);
  lap.db.pragma('foreign_keys = ON');
  return exportFrom(lap);
}

async function refusedAtTownship(v: VillageWorld, file: string, code: string, message: RegExp): Promise<void> {
  const before = dbDigest(v.town);
  const r = await refusal(importAt(v.town, file));
  expect(r.code, r.message).toBe(code);
  expect(r.message).toMatch(message);
  expect(dbDigest(v.town)).toBe(before);
  expect(lastRefusal(v.town)).toMatchObject({ code, message: r.message, township_name: '东立村' });
}

describe('hostile bundles from a laptop holding a valid key', () => {
  it('refuses each row outside its village, records why, and writes nothing', async () => {
    const v = await villageWorld();
    const { world, other } = v;
    await refusedAtTownship(v, await hostile(v, 'work_logs', 'cadre_id = ?', other.cadre), 'out_of_scope', /王芳.*不在该干部派驻东立村的期间内/);
    await refusedAtTownship(v, await hostile(v, 'work_logs', "log_date = '2025-05-20'"), 'out_of_scope', /2025-05-20的驻村日志.*不在该干部派驻东立村的期间内/);
    await refusedAtTownship(v, await hostile(v, 'work_logs', 'village_id = ?', other.village), 'out_of_scope', /记在其他村（社区）名下/);
    await refusedAtTownship(v, await hostile(v, 'project_progress', 'project_id = ?', other.project), 'out_of_scope', /项目（茶叶加工厂）不是东立村的/);
    await refusedAtTownship(v, await hostile(v, 'contact_records', 'member_id = ?', other.member), 'out_of_scope', /流动党员（陈红）不是东立村的/);
    // The township's own log of that cadre, overwritten under its id with a higher version.
    await refusedAtTownship(v, await hostile(v, 'work_logs', 'id = ?, version = 2', world.log.id), 'out_of_scope', /会覆盖乡镇库中并非这台驻村版电脑录入的记录/);
    await refusedAtTownship(v, await hostile(v, 'work_logs', 'version = ?', 2 ** 50), 'bad_row', /版本号无效/);
    // A table the laptop never writes: its copy of the cadre, renamed.
    const lap = await laptopFrom(v.pkg);
    await logDays(lap, world.cadre.id, '2025-11-03', '2025-11-03');
    lap.db.prepare("UPDATE cadres SET name = '冒名', version = version + 1, origin = ?, seq = ? WHERE id = ?").run(getInstallation(lap.db)!.installationId, nextSeq(lap), world.cadre.id);
    await refusedAtTownship(v, await exportFrom(lap), 'out_of_scope', /驻村干部记录.*只能报送驻村日志、联系记录和项目进展/);
    expect(v.town.db.prepare('SELECT count(*) AS n FROM sync_refused').get()).toEqual({ n: 8 });
    expect(v.town.db.prepare('SELECT count(*) AS n FROM sync_pins').get()).toEqual({ n: 0 });
  });
});

describe('a laptop row’s version above the township’s change number', () => {
  it('is refused whole at the township, since the district would refuse every later bundle of the township for it', async () => {
    const v = await villageWorld();
    const clock = (v.town.db.prepare('SELECT seq FROM sync_clock').get() as { seq: number }).seq;
    const lap = await laptopFrom(v.pkg);
    await logDays(lap, v.world.cadre.id, '2025-11-03', '2025-11-03');
    // Within the laptop's own bounds (version ≤ its change number < 2^40), far above the township's.
    lap.db.prepare('UPDATE sync_clock SET seq = ?').run(clock + 5000);
    lap.db.prepare('UPDATE work_logs SET version = ?, seq = ? WHERE origin = ?').run(clock + 5000, nextSeq(lap), getInstallation(lap.db)!.installationId);
    await refusedAtTownship(v, await exportFrom(lap), 'out_of_range', new RegExp(`驻村日志 .* 版本号为 ${clock + 5000}，大于本乡镇目前的变更序号 ${clock}`));
  });
});

describe('a laptop naming one village and giving another’s id', () => {
  it('is refused before the clerk is asked to confirm it, and nothing is pinned', async () => {
    const v = await villageWorld();
    const lap = await laptopFrom(v.pkg);
    await logDays(lap, v.world.cadre.id, '2025-11-03', '2025-11-03');
    const own = v.town.db.prepare('SELECT code, name FROM villages WHERE id = ?').get(v.world.village.id) as { code: string | null; name: string };
    // 西山村's id under 东立村's name and code, with a log for 西山村's cadre.
    const spoofed = resealVillageBundle(v.town, lap, await exportFrom(lap), (h, lines) => ({
      header: { ...h, village: { id: v.other.village, code: own.code, name: own.name } },
      lines: lines.map((l) => {
        const o = JSON.parse(l) as { table: string; row: Record<string, unknown> };
        return JSON.stringify({ ...o, row: { ...o.row, cadre_id: v.other.cadre, village_id: v.other.village } });
      }),
    }));
    await refusedAtTownship(v, spoofed, 'wrong_village', /此文件自称来自东立村（.*）的驻村版，但本乡镇该编号的村（社区）是西山村/);
    expect(v.town.db.prepare('SELECT count(*) AS n FROM sync_pins').get()).toEqual({ n: 0 });
  });
});

describe('rows a laptop passes off as made elsewhere', () => {
  it('refuses a header vouching for other installations, and rows naming another origin, writing nothing', async () => {
    const v = await villageWorld();
    const lap = await laptopFrom(v.pkg);
    await logDays(lap, v.world.cadre.id, '2025-11-03', '2025-11-04');
    const file = await exportFrom(lap);
    const townId = getInstallation(v.town.db)!.installationId;
    const asTownship = (lines: string[]) =>
      lines.map((l) => {
        const o = JSON.parse(l) as { table: string; row: Record<string, unknown> };
        return JSON.stringify({ ...o, row: { ...o.row, origin: townId } });
      });
    // With villagePins, as a township's header has them, the rows' origin check would have let
    // the township's own id through: applied, such rows later blocked the township's export.
    const vouching = resealVillageBundle(v.town, lap, file, (h, lines) => ({
      header: { ...h, villagePins: [{ installationId: townId, villageId: v.world.village.id, publicKey: h.signerPublicKey }] },
      lines: asTownship(lines),
    }));
    const before = dbDigest(v.town);
    const r = await refusal(importAt(v.town, vouching));
    expect(r.code).toBe('bad_header');
    expect(r.message).toMatch(/头部内容不合规（villagePins）/);
    expect(dbDigest(v.town)).toBe(before);
    expect(rowsOf(v.town, 'work_logs', "log_date IN ('2025-11-03', '2025-11-04')")).toEqual([]);
    // Without it: each row must be the laptop's own.
    await refusedAtTownship(v, resealVillageBundle(v.town, lap, file, (h, lines) => ({ header: h, lines: asTownship(lines) })), 'bad_row', /数据来源既不是文件签名者/);
    // And the township still exports.
    trustDistrict(v.town);
    await expect(exportBundle(v.town, { dir: tempDir(), full: false })).resolves.toBeTruthy();
  });
});

describe('end of posting and a lost laptop', () => {
  it('refuses days after the end, accepts earlier ones, and the laptop learns of the end from the receipt', async () => {
    const v = await villageWorld();
    const { town, world } = v;
    const lap = await laptopFrom(v.pkg);
    await logDays(lap, world.cadre.id, '2025-12-05', '2025-12-07');
    const p = world.posting;
    await call(town, 'cadres.endPosting', { id: p.id, version: p.version, status: '期满轮换', actualEnd: '2025-12-07', reason: '期满', replacedByCadreId: null });
    // Logged before the end: accepted, although the township has ended the posting since.
    const first = await exportFrom(lap);
    const accepted = await importAt(town, first);
    expect(accepted.tables).toMatchObject({ work_logs: { new: 3 } });
    // The laptop, not yet told, logs a day after the end: the whole bundle is refused.
    const [late] = await logDays(lap, world.cadre.id, '2025-12-08', '2025-12-08');
    await refusedAtTownship(v, await exportFrom(lap), 'out_of_scope', /李明2025-12-08的驻村日志.*不在该干部派驻东立村的期间内/);

    const receipt = writeVillageReceipt(town, accepted.header, accepted.hash, tempDir());
    expect(importVillageReceipt(lap, fs.readFileSync(receipt, 'utf8'))).toMatchObject({ bundleSeq: 1 });
    expect(rowsOf(lap, 'cadre_postings')).toEqual(rowsOf(town, 'cadre_postings', `id = '${p.id}'`));
    expect(lap.db.prepare('SELECT status, actual_end FROM cadre_postings WHERE id = ?').get(p.id)).toEqual({ status: '期满轮换', actual_end: '2025-12-07' });
    // The laptop's list of cadres in post (whom a new log is for) no longer offers the ended one.
    const inPost = await call(lap, 'cadres.list', { status: '在岗', page: 1, pageSize: 50 });
    expect((inPost.rows as { id: string }[]).map((c) => c.id)).not.toContain(world.cadre.id);
    const ended = await call(lap, 'cadres.list', { status: '期满轮换', page: 1, pageSize: 50 });
    expect((ended.rows as { id: string }[]).map((c) => c.id)).toEqual([world.cadre.id]);
    const after = await dispatch(lap, 'cadres.saveLog', { cadreId: world.cadre.id, logDate: '2025-12-09', inVillage: true, workKind: '走访农户' });
    expect(after).toMatchObject({ ok: false, error: { message: expect.stringMatching(/不在东立村驻村期间内/) } });
    // The day written too late can be withdrawn, and the next bundle is taken.
    const version = (lap.db.prepare('SELECT version FROM work_logs WHERE id = ?').get(late) as { version: number }).version;
    await call(lap, 'cadres.removeLog', { id: late, version });
    const withdrawn = await roundTrip(town, lap, await exportFrom(lap));
    expect(withdrawn.imported.result).toBe('applied');
    expect(town.db.prepare("SELECT count(*) AS n FROM work_logs WHERE cadre_id = ? AND log_date > '2025-12-07' AND deleted_at IS NULL").get(world.cadre.id)).toEqual({ n: 0 });
  });

  it('a revoked laptop is refused (audited); a new laptop from a fresh package continues after its fingerprint is confirmed', async () => {
    const v = await villageWorld();
    const { town, world } = v;
    const lost = await laptopFrom(v.pkg);
    await logDays(lost, world.cadre.id, '2025-11-01', '2025-11-05');
    await roundTrip(town, lost, await exportFrom(lost));
    const lostId = getInstallation(lost.db)!.installationId;
    const revoked = revokeVillageLaptop(town, lostId, '电脑丢失');
    expect(revoked).toMatchObject({ villageName: '东立村', revokedBy: '张三', revokeReason: '电脑丢失' });
    expect(town.db.prepare("SELECT action, json_extract(after, '$.reason') AS reason FROM audit_log WHERE table_name = 'sync_pins' ORDER BY id").all()).toEqual([
      { action: 'pin:village', reason: null },
      { action: 'revoke:village', reason: '电脑丢失' },
    ]);
    expect((await refusal(Promise.resolve().then(() => revokeVillageLaptop(town, lostId, '再次')))).code).toBe('already_revoked');
    await logDays(lost, world.cadre.id, '2025-11-06', '2025-11-06');
    await refusedAtTownship(v, await exportFrom(lost), 'revoked', /已于 \d{4}-\d\d-\d\d 被停用（原因：电脑丢失）/);

    const fresh = makeVillagePackage(town, world.village.id as string, tempDir());
    const lap = await laptopFrom(fresh, '王五');
    await logDays(lap, world.cadre.id, '2025-11-06', '2025-11-10');
    const file = await exportFrom(lap);
    const staged = await stageVillageBundle(town, file);
    expect(staged.pin).toMatchObject({ kind: 'new_installation', previous: [{ installation_id: lostId }] });
    const before = dbDigest(town);
    expect((await refusal(Promise.resolve().then(() => applyVillageStaged(town, staged)))).message).toMatch(/此前登记的电脑指纹/);
    expect(dbDigest(town)).toBe(before);
    const trip = await roundTrip(town, lap, file);
    expect(trip.imported.tables).toMatchObject({ work_logs: { new: 5 } });
    expect(trip.applied).toMatchObject({ bundleSeq: 1, already: false });
    expect(villageLaptops(town).map((l) => `${l.villageName} ${l.revokedAt === null ? '在用' : '已停用'}`).sort()).toEqual(['东立村 在用', '东立村 已停用']);
    expect(town.db.prepare("SELECT count(*) AS n FROM work_logs WHERE cadre_id = ? AND log_date BETWEEN '2025-11-01' AND '2025-11-10'").get(world.cadre.id)).toEqual({ n: 10 });
  });
});

describe('the township’s limit of vouched laptops', () => {
  it('refuses a new laptop once every pin its headers can carry is taken, and still exports with all of them', async () => {
    const v = await villageWorld();
    // Pins as long as a laptop's header may make them (ids of 64), revoked ones count as well.
    const insert = v.town.db.transaction(() => {
      for (let i = 0; i < MAX_VILLAGE_PINS; i++) {
        insertPin(v.town.db, {
          installation_id: `lap-${String(i).padStart(60, '0')}`,
          township_code: '450311100',
          township_name: '雁山镇',
          village_id: v.world.village.id,
          public_key: createHash('sha256').update(String(i)).digest('base64'),
          fingerprint: 'x',
          pinned_at: '2025-01-01T00:00:00.000Z',
          pinned_by: '测试',
        });
      }
      v.town.db.prepare("UPDATE sync_pins SET revoked_at = '2025-02-01T00:00:00.000Z', revoked_by = '测试', revoke_reason = '遗失'").run();
    });
    insert();
    const lap = await laptopFrom(v.pkg);
    await logDays(lap, v.world.cadre.id, '2025-11-03', '2025-11-03');
    await refusedAtTownship(v, await exportFrom(lap), 'too_many_laptops', new RegExp(`已登记 ${MAX_VILLAGE_PINS} 台驻村版电脑`));
    // Every one of them in the header, which still fits: the export is read back and verified.
    trustDistrict(v.town);
    const out = await exportBundle(v.town, { dir: tempDir(), full: false });
    expect((readEnvelope(out.file).header as { villagePins: unknown[] }).villagePins).toHaveLength(MAX_VILLAGE_PINS);
  });
});
