import { createHash, createPublicKey, verify } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getInstallation, getSetting } from '../../db/settings';
import type { FloatingDetail } from '../../electron/api/contract';
import { dispatch } from '../../electron/api/dispatch';
import type { Core } from '../../electron/core';
import { applyRecordSaved } from '../../electron/domain/floating';
import { createSigningKey, fingerprint, type SigningKey } from '../../electron/sync/keys';
import { encodePackage, MAX_BODY, type PackageBody } from '../../electron/sync/villagePackage';
import { makeVillagePackage } from '../../electron/sync/villagePackageMake';
import { freshCore } from '../helpers/core';
import { tempDir } from '../helpers/tmp';
import { twoVillageTownship } from '../helpers/village';
import { call, cadreInput, makeWorld, memberInput, recordInput, validId, villageInput } from './fuzz.fixtures';

/**
 * The 驻村版's foundation with real files and real keys: the township makes a signed package for
 * one village, a fresh installation is set up from it after the fingerprint is confirmed, and
 * then writes only its own village's logs, contact records and project progress. Packages are
 * attacked as a holder of a valid key would: other villages' rows, re-signed bodies, versions.
 */

const PACKAGE_TABLES = ['villages', 'cadres', 'cadre_postings', 'floating_members', 'member_contacts', 'projects'];

const township = twoVillageTownship;

const b64 = (file: string) => ({ fileName: path.basename(file), base64: fs.readFileSync(file).toString('base64') });

async function setupFrom(file: string, fp: string) {
  const lap = await freshCore({ setup: false });
  const r = await dispatch(lap, 'setup.completeVillage', { file: b64(file), fingerprint: fp, operator: '李明' });
  return { lap, r };
}

/** The package's body, to be altered and re-signed by an attacker holding `key`. */
function bodyOf(file: string): PackageBody {
  const bytes = fs.readFileSync(file);
  return JSON.parse(bytes.subarray(14, 14 + bytes.readUInt32BE(10)).toString('utf8')) as PackageBody;
}

function forged(dir: string, body: PackageBody, key: SigningKey, name = 'forged.tlvillage'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, encodePackage(body, key.privateKey));
  return file;
}

const refusedWith = async (lap: Core, file: string, code: string | RegExp) => {
  const r = await dispatch(lap, 'setup.inspectVillagePackage', { file: b64(file) });
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error.code).toMatch(code);
  return r.ok ? '' : r.error.message;
};

const rowsOf = (core: Core, table: string) =>
  (core.db.prepare(`SELECT * FROM ${table} WHERE deleted_at IS NULL ORDER BY id`).all() as Record<string, unknown>[]).map(({ seq: _seq, ...rest }) => rest);

describe('village package and 驻村版 setup', () => {
  it('carries one village to a laptop set up after the fingerprint check, which then writes only its own village', async () => {
    const { town, world, other } = await township();
    const dir = tempDir();
    const made = makeVillagePackage(town, world.village.id as string, dir);
    const signer = getSetting<SigningKey>(town.db, 'sync.signingKey')!;
    const box = getSetting<SigningKey>(town.db, 'sync.townshipX25519')!;
    expect(box.publicKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(made.fingerprint).toBe(fingerprint(box.publicKey, signer.publicKey));

    const lap = await freshCore({ setup: false });
    const shown = await call(lap, 'setup.inspectVillagePackage', { file: b64(made.file) });
    expect(shown).toMatchObject({ fingerprint: made.fingerprint, township: { code: '450311100', name: '雁山镇' }, village: { name: '东立村' }, members: 1, projects: 1 });
    expect(shown.cadres).toEqual([{ name: world.cadre.name, role: '第一书记', startDate: '2025-06-01' }]);
    expect(getInstallation(lap.db)).toBeNull(); // inspecting writes nothing

    const wrong = await dispatch(lap, 'setup.completeVillage', { file: b64(made.file), fingerprint: '0000 0000 0000 0000 0000 0000 0000 0000', operator: '李明' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'fingerprint_mismatch' } });
    expect(getInstallation(lap.db)).toBeNull();
    expect(lap.db.prepare('SELECT count(*) AS n FROM villages').get()).toEqual({ n: 0 });

    await call(lap, 'setup.completeVillage', { file: b64(made.file), fingerprint: made.fingerprint.toLowerCase(), operator: '李明' });
    expect(lap.role()).toBe('village');
    expect(await call(lap, 'setup.villageOrigin', {})).toEqual({
      township: { code: '450311100', name: '雁山镇', fingerprint: made.fingerprint },
      village: { code: world.village.code ?? null, name: '东立村' },
      packageCreatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(await call(town, 'setup.villageOrigin', {})).toBeNull();
    // The village's rows, column by column as the township has them (ids, versions, origins); the
    // change number is the laptop's own.
    for (const t of PACKAGE_TABLES) {
      const want = rowsOf(town, t).filter((r) => {
        if (t === 'villages') return r.id === world.village.id;
        if (t === 'cadres') return r.id === world.cadre.id;
        if (t === 'member_contacts') return r.member_id === world.member.id;
        return r.village_id === world.village.id;
      });
      expect(want.length, t).toBeGreaterThan(0);
      expect(rowsOf(lap, t), t).toEqual(want);
    }
    expect(lap.db.prepare('SELECT count(*) AS n FROM work_logs').get()).toEqual({ n: 0 });
    expect(await call(lap, 'settings.get', {})).toMatchObject({ attendanceThresholdDays: 20, contactIntervalDays: 90 });
    for (const id of Object.values(other)) {
      for (const t of PACKAGE_TABLES) expect(lap.db.prepare(`SELECT count(*) AS n FROM ${t} WHERE id = ?`).get(id)).toEqual({ n: 0 });
    }

    // The team's own entries.
    const log = await call(lap, 'cadres.saveLog', { cadreId: world.cadre.id, logDate: '2025-12-04', inVillage: true, workKind: '走访农户', content: '走访两户', households: 2 });
    expect(log).toMatchObject({ villageId: world.village.id, logDate: '2025-12-04' });
    expect(lap.db.prepare('SELECT origin FROM work_logs WHERE id = ?').get(log.id)).toEqual({ origin: getInstallation(lap.db)!.installationId });
    const before = await dispatch(lap, 'cadres.saveLog', { cadreId: world.cadre.id, logDate: '2025-05-31', inVillage: true, workKind: '走访农户' });
    expect(before).toMatchObject({ ok: false, error: { message: expect.stringMatching(/不在东立村驻村期间内/) } });
    const ledger = () => call(lap, 'floating.get', { id: world.member.id }) as Promise<never>;
    const drawer: FloatingDetail = await ledger();
    const withRecord = await call(lap, 'floating.addRecord', { memberId: world.member.id, ...recordInput(), contactDate: '2025-12-10' });
    expect(withRecord.member).toMatchObject({ lastContactDate: '2025-12-10' });
    // The laptop's answer merged into its drawer is its own ledger (the date is a local cache there).
    expect(applyRecordSaved(drawer, withRecord as never)).toEqual(await ledger());
    const withProgress = await call(lap, 'projects.addProgress', { projectId: world.project.id, reportDate: '2025-12-15', percent: 80, note: '进展' });
    expect((withProgress.progressHistory as unknown[]).length).toBe(1);
    // Everything else is read-only there: the register itself, postings, reviews.
    for (const [name, payload] of [
      ['villages.create', villageInput({ name: '南岭村' })],
      ['cadres.create', cadreInput({ name: '赵强', idNumber: validId('45030219800505333') })],
      ['cadres.post', { cadreId: world.cadre.id, villageId: world.village.id, role: '工作队员', startDate: '2025-07-01' }],
      ['cadres.addInspection', { cadreId: world.cadre.id, inspectDate: '2025-12-05', inspector: '赵督查', inPost: true }],
      ['floating.create', memberInput(world.village.id as string, { name: '陈红', idNumber: validId('45031119920202222') })],
      ['sync.export', { full: true }],
    ] as const) {
      expect(await dispatch(lap, name, payload), name).toMatchObject({ ok: false, error: { code: expect.stringMatching(/read_only|forbidden_role/) } });
    }
    // A second setup of the same file is refused.
    expect(await dispatch(lap, 'setup.completeVillage', { file: b64(made.file), fingerprint: made.fingerprint, operator: '李明' })).toMatchObject({ ok: false, error: { code: 'already_setup' } });
  });

  it('refuses writes outside its village even for rows that reached the laptop (another village\'s cadre, member, project)', async () => {
    const { town, world } = await township();
    const dir = tempDir();
    const made = makeVillagePackage(town, world.village.id as string, dir);
    const { lap } = await setupFrom(made.file, made.fingerprint);
    // A row of another village put into the laptop's file by hand (not through a package): the
    // services still hold the team to its own village.
    const v2 = { ...(town.db.prepare("SELECT * FROM villages WHERE name = '西山村'").get() as Record<string, unknown>) };
    const m2 = { ...(town.db.prepare("SELECT * FROM floating_members WHERE name = '陈红'").get() as Record<string, unknown>) };
    const p2 = { ...(town.db.prepare("SELECT * FROM projects WHERE name = '茶叶加工厂'").get() as Record<string, unknown>) };
    const c2 = { ...(town.db.prepare("SELECT * FROM cadres WHERE name = '王芳'").get() as Record<string, unknown>) };
    const post2 = { ...(town.db.prepare('SELECT * FROM cadre_postings WHERE cadre_id = ?').get(c2.id) as Record<string, unknown>) };
    for (const [t, r] of [['villages', v2], ['floating_members', m2], ['projects', p2], ['cadres', c2], ['cadre_postings', post2]] as const) {
      const cols = Object.keys(r);
      lap.db.prepare(`INSERT INTO ${t} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`).run(r);
    }
    expect(await dispatch(lap, 'floating.addRecord', { memberId: m2.id, ...recordInput() })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/不属于东立村/) } });
    expect(await dispatch(lap, 'projects.addProgress', { projectId: p2.id, reportDate: '2025-12-15', percent: 10 })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/不属于东立村/) } });
    // A cadre posted to another village: not this team's to log, though the day is within a posting.
    expect(await dispatch(lap, 'cadres.saveLog', { cadreId: c2.id, logDate: '2025-12-04', inVillage: true, workKind: '走访农户' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/不在东立村驻村期间内/) },
    });
    expect(lap.db.prepare('SELECT count(*) AS n FROM work_logs').get()).toEqual({ n: 0 });
    expect(lap.db.prepare('SELECT count(*) AS n FROM contact_records').get()).toEqual({ n: 0 });
    expect(lap.db.prepare('SELECT count(*) AS n FROM project_progress').get()).toEqual({ n: 0 });
  });

  it('refuses broken, foreign, truncated, oversized and future packages with a reason, writing nothing', async () => {
    const { town, world, other } = await township();
    const dir = tempDir();
    const made = makeVillagePackage(town, world.village.id as string, dir);
    const bytes = fs.readFileSync(made.file);
    const key = getSetting<SigningKey>(town.db, 'sync.signingKey')!;
    const lap = await freshCore({ setup: false });
    const write = (name: string, b: Buffer) => (fs.writeFileSync(path.join(dir, name), b), path.join(dir, name));

    const flipped = Buffer.from(bytes);
    flipped[40] = flipped[40]! ^ 1;
    expect(await refusedWith(lap, write('flip.tlvillage', flipped), /bad_signature|bad_header/)).toMatch(/配置包/);
    const sigFlip = Buffer.from(bytes);
    sigFlip[sigFlip.length - 1] = sigFlip[sigFlip.length - 1]! ^ 1;
    expect(await refusedWith(lap, write('sig.tlvillage', sigFlip), 'bad_signature')).toMatch(/签名校验失败/);
    expect(await refusedWith(lap, write('short.tlvillage', bytes.subarray(0, bytes.length - 10)), 'truncated')).toMatch(/不完整/);
    expect(await refusedWith(lap, write('tail.tlvillage', Buffer.concat([bytes, Buffer.from('x')])), 'bad_format')).toMatch(/多余内容/);
    expect(await refusedWith(lap, write('bundle.tlvillage', Buffer.concat([Buffer.from('TLBUNDLE'), bytes.subarray(8)])), 'bad_magic')).toMatch(/同步文件（\.tlbundle）/);
    expect(await refusedWith(lap, write('junk.tlvillage', Buffer.from('{"body":"x"}')), 'bad_magic')).toMatch(/不是驻村版配置包/);
    const future = Buffer.from(bytes);
    future.writeUInt16BE(2, 8);
    expect(await refusedWith(lap, write('future.tlvillage', future), 'future_format')).toMatch(/请先升级/);
    // Within the size limit but nested 4 million deep: refused by a scan before the parse (V8
    // parses it, for seconds of a frozen window, before the schema could refuse it).
    const nest = Buffer.from('['.repeat(4 << 20) + ']'.repeat(4 << 20));
    const deep = Buffer.concat([bytes.subarray(0, 14), nest, Buffer.alloc(64)]);
    deep.writeUInt32BE(nest.length, 10);
    expect(await refusedWith(lap, write('deep.tlvillage', deep), 'bad_header')).toMatch(/无法解析/);
    const huge = Buffer.from(bytes.subarray(0, 14));
    huge.writeUInt32BE(MAX_BODY + 1, 10);
    expect(await refusedWith(lap, write('hugehdr.tlvillage', huge), 'bad_header')).toMatch(/长度异常/);
    // Oversized on disk: refused from its size, before any of it is read.
    const big = path.join(dir, 'big.tlvillage');
    fs.writeFileSync(big, bytes.subarray(0, 14));
    fs.truncateSync(big, MAX_BODY + 1000);
    const { readPackage } = await import('../../electron/sync/villagePackage');
    expect(() => readPackage(big)).toThrow(/配置包文件过大/);

    // Validly signed by the township's own key, but with rows of another village inside.
    const body = bodyOf(made.file);
    const fromTown = (t: string, id: string) => town.db.prepare(`SELECT * FROM ${t} WHERE id = ?`).get(id) as Record<string, string | number | null>;
    const signedWith = (b: PackageBody, name: string) => forged(dir, b, key, name);
    expect(await refusedWith(lap, signedWith({ ...body, rows: { ...body.rows, floating_members: [...body.rows.floating_members, fromTown('floating_members', other.member)] } }, 'm.tlvillage'), 'out_of_scope')).toMatch(/不属于东立村的流动党员/);
    expect(await refusedWith(lap, signedWith({ ...body, rows: { ...body.rows, projects: [fromTown('projects', other.project)] } }, 'p.tlvillage'), 'out_of_scope')).toMatch(/项目/);
    const postings2 = town.db.prepare('SELECT * FROM cadre_postings WHERE cadre_id = ?').all(other.cadre) as Record<string, string | number | null>[];
    expect(
      await refusedWith(lap, signedWith({ ...body, rows: { ...body.rows, cadres: [...body.rows.cadres, fromTown('cadres', other.cadre)], cadre_postings: [...body.rows.cadre_postings, ...postings2] } }, 'c.tlvillage'), 'out_of_scope'),
    ).toMatch(/驻村经历/);
    expect(await refusedWith(lap, signedWith({ ...body, rows: { ...body.rows, cadres: [...body.rows.cadres, fromTown('cadres', other.cadre)] } }, 'c2.tlvillage'), 'out_of_scope')).toMatch(/未派驻该村/);
    // The village of another township, or a row that breaks its column's rule.
    const elsewhere = { ...body, village: { ...body.village, code: '450312100201' }, rows: { ...body.rows, villages: [{ ...body.rows.villages[0]!, code: '450312100201' }] } };
    expect(await refusedWith(lap, signedWith(elsewhere, 'e.tlvillage'), 'out_of_scope')).toMatch(/不属于雁山镇/);
    const badRow = { ...body, rows: { ...body.rows, cadres: [{ ...body.rows.cadres[0]!, id_number: '123' }] } };
    expect(await refusedWith(lap, signedWith(badRow, 'r.tlvillage'), 'bad_row')).toMatch(/驻村干部/);
    const extraCol = { ...body, rows: { ...body.rows, projects: [{ ...body.rows.projects[0]!, secret: 1 }] } };
    expect(await refusedWith(lap, signedWith(extraCol, 'x.tlvillage'), 'bad_row')).toMatch(/字段/);
    expect(await refusedWith(lap, signedWith({ ...body, version: 2 } as unknown as PackageBody, 'v.tlvillage'), 'future_format')).toMatch(/升级/);
    // Rows each valid alone that break a rule together (one cadre posted twice): inspected, then
    // refused at setup, named as the package's fault.
    const twice = { ...body, rows: { ...body.rows, cadre_postings: [...body.rows.cadre_postings, { ...body.rows.cadre_postings[0]!, id: 'posting-twice', role: '工作队员' }] } };
    const setup = await dispatch(lap, 'setup.completeVillage', { file: b64(signedWith(twice, 't.tlvillage')), fingerprint: made.fingerprint, operator: '李明' });
    expect(setup.ok).toBe(false);
    if (!setup.ok) expect(setup.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/^文件中的驻村经历与配置包中已有的另一条记录冲突/) });
    expect(getInstallation(lap.db)).toBeNull();
    for (const t of [...PACKAGE_TABLES, 'work_logs']) expect(lap.db.prepare(`SELECT count(*) AS n FROM ${t}`).get(), t).toEqual({ n: 0 });
  });

  it('a package re-signed by anyone else shows another fingerprint, and the township’s is not accepted for it', async () => {
    const { town, world } = await township();
    const dir = tempDir();
    const made = makeVillagePackage(town, world.village.id as string, dir);
    const impostor = createSigningKey();
    const body = bodyOf(made.file);
    const file = forged(dir, { ...body, signerPublicKey: impostor.publicKey }, impostor);
    const lap = await freshCore({ setup: false });
    const shown = await call(lap, 'setup.inspectVillagePackage', { file: b64(file) });
    expect(shown.fingerprint).not.toBe(made.fingerprint);
    const r = await dispatch(lap, 'setup.completeVillage', { file: b64(file), fingerprint: made.fingerprint, operator: '李明' });
    expect(r).toMatchObject({ ok: false, error: { code: 'fingerprint_mismatch' } });
    expect(getInstallation(lap.db)).toBeNull();
  });

  it('can be read and verified from FORMAT.md alone (prefix, digest signature, fingerprint)', async () => {
    const { town, world } = await township();
    const made = makeVillagePackage(town, world.village.id as string, tempDir());
    const data = fs.readFileSync(made.file);
    // Written from the document, not from the app's code.
    expect(data.subarray(0, 8).toString('ascii')).toBe('TLVILPKG');
    expect(data.readUInt16BE(8)).toBe(1);
    const b = data.readUInt32BE(10);
    expect(data.length).toBe(14 + b + 64);
    const body = JSON.parse(data.subarray(14, 14 + b).toString('utf8')) as Record<string, unknown> & { signerPublicKey: string; x25519: string; rows: Record<string, unknown[]> };
    expect(Object.keys(body).sort()).toEqual(['createdAt', 'format', 'installationId', 'rows', 'schemaVersion', 'settings', 'signerPublicKey', 'township', 'version', 'village', 'x25519'].sort());
    expect(Object.keys(body.rows)).toEqual(PACKAGE_TABLES);
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(body.signerPublicKey, 'base64').toString('base64url') }, format: 'jwk' });
    expect(verify(null, createHash('sha256').update(data.subarray(0, 14 + b)).digest(), key, data.subarray(14 + b))).toBe(true);
    const fp = createHash('sha256').update(Buffer.concat([Buffer.from(body.x25519, 'base64'), Buffer.from(body.signerPublicKey, 'base64')])).digest('hex').slice(0, 32).toUpperCase().match(/.{4}/g)!.join(' ');
    expect(fp).toBe(made.fingerprint);
    expect(path.basename(made.file)).toMatch(/^TL-VILLAGE-[0-9a-f]{8}-\d{8}T\d{6}\.tlvillage$/); // no village code: the id's first 8 characters
  });

  it('townships get an X25519 key at setup, and one set up before it gets one on first need', async () => {
    const town = await freshCore();
    expect(getSetting<SigningKey>(town.db, 'sync.townshipX25519')?.publicKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const district = await freshCore({ setup: 'district' });
    expect(getSetting(district.db, 'sync.townshipX25519')).toBeUndefined();

    const old = await freshCore();
    old.db.prepare("DELETE FROM settings WHERE key = 'sync.townshipX25519'").run();
    const world = await makeWorld(old);
    const made = await call(old, 'villages.makePackage', { id: world.village.id });
    const box = getSetting<SigningKey>(old.db, 'sync.townshipX25519')!;
    expect(made.fingerprint).toBe(fingerprint(box.publicKey, getSetting<SigningKey>(old.db, 'sync.signingKey')!.publicKey));
    expect(fs.existsSync(made.savedPath as string)).toBe(true);
    expect(made.downloadId).toMatch(/^[0-9a-f]{48}$/);
    // A village without a cadre in post has nothing for a 驻村版.
    const empty = await call(old, 'villages.create', villageInput({ name: '南岭村' }));
    expect(await dispatch(old, 'villages.makePackage', { id: empty.id })).toMatchObject({ ok: false, error: { code: 'no_cadres', message: expect.stringMatching(/南岭村目前没有在岗的驻村干部/) } });
    expect(await dispatch(district, 'villages.makePackage', { id: world.village.id })).toMatchObject({ ok: false, error: { code: 'read_only' } });
  });
});
