import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core';
import { fingerprint } from '../../electron/sync/keys';
import { steppingClock } from '../helpers/core';
import { keyBoundId, looksKeyBound } from '../../electron/sync/boundIds';
import { signingKey } from '../../electron/sync/state';
import { craftBundle, townshipLines } from '../helpers/faultBundle';
import { district, exported, imported, legacyTownship, refusedAtPreview, township, writeBundle } from '../helpers/trust';
import { resealVillageBundle } from '../helpers/villageForge';
import { laptopLog, pinLaptop, type Laptop } from '../helpers/villageRows';
import { exportFrom, importAt, laptopFrom, lastRefusal, logDays, refusal, villageWorld } from '../helpers/village';
import { dbDigest } from '../helpers/sync';
import * as R from '../helpers/formatReader';
import { MAX_VILLAGE_PINS, readEnvelope } from '../../electron/sync/format';
import { cadre, post } from './dashboard.helpers';
import { ok } from './floating.helpers';

/**
 * Squatting (red team, session 37): a township holding a valid key claims, before another
 * township's first bundle, that township's PC id, its key or one of its laptops as its own. The
 * district used to pin the claim, and the genuine township was refused from then on, for good.
 * Installation ids are now derived from the installation's key and a laptop proves its own claim
 * (electron/sync/boundIds.ts): each squat is refused, nothing is pinned, and the genuine
 * township's first bundle is then taken. Real files, keys and crypto throughout.
 */

const T = { code: '450311101', name: '柘木镇' };
const U = { code: '450311100', name: '雁山镇' };

const inst = (c: Core) => c.installation()!.installationId;
const pins = (d: Core) => d.db.prepare('SELECT installation_id AS id, township_code AS code, village_id AS village FROM sync_pins ORDER BY pinned_at, installation_id').all();

async function villageOf(town: Core, name: string, code: string): Promise<string> {
  return (await ok(town, 'villages.create', { name, code, kind: '行政村' })).id;
}

/** T (the squatter, already at the district with a laptop of its own) and U (not yet), each with a village and a posted cadre. */
async function world() {
  const d = await district();
  const t = await township(T.code, T.name, 'a1');
  const u = await township(U.code, U.name, 'b2');
  const tVillage = await villageOf(t, '柘木村', `${T.code}200`);
  const uVillage = await villageOf(u, '东立村', `${U.code}200`);
  const tCadre = await cadre(t, '柘书记');
  await post(t, tCadre, tVillage, '第一书记', '2025-12-01');
  const uCadre = await cadre(u, '东书记');
  await post(u, uCadre, uVillage, '第一书记', '2025-12-01');
  const tLaptop = pinLaptop(t, tVillage);
  laptopLog(t, tLaptop, tCadre, '2025-12-02');
  await imported(d, await exported(t));
  return { d, t, u, tVillage, uVillage, tCadre, uCadre, tLaptop };
}

/** T's own rows, signed by T's real key, its header vouching for `laptops`. */
function tBundle(t: Core, laptops: (Omit<Laptop, 'proof'> & { proof?: string })[]): string {
  return writeBundle(craftBundle(t, { payload: townshipLines(t).join('\n') + '\n', header: (h) => ({ ...h, villagePins: laptops }) }));
}

describe('squatting: a township claiming another installation before it reaches the district', () => {
  it('new installations take the id derived from their own key', async () => {
    const { t, u } = await world();
    for (const c of [t, u]) {
      expect(looksKeyBound(inst(c))).toBe(true);
      // As FORMAT.md describes it, worked out by the independent reader.
      expect(inst(c)).toBe(R.derivedInstallationId(signingKey(c).publicKey));
      expect(inst(c)).toBe(keyBoundId(signingKey(c).publicKey));
    }
    const v = await villageWorld();
    const lap = await laptopFrom(v.pkg);
    expect(inst(lap)).toBe(R.derivedInstallationId(signingKey(lap).publicKey));
    const h = readEnvelope(await exportFrom(lap), { kind: 'village' }).header;
    const claim = { installationId: inst(lap), villageId: h.village.id, townshipCode: h.township.code, publicKey: h.signerPublicKey };
    expect(R.laptopClaimProven(claim, h.laptopProof!)).toBe(true);
    expect(R.laptopClaimProven({ ...claim, townshipCode: '450311101' }, h.laptopProof!)).toBe(false);
  });

  it("refuses T vouching for U's PC id or U's key as its laptop, pins nothing, and takes U's first bundle afterwards", async () => {
    const { d, t, u, tVillage, tLaptop } = await world();
    const before = pins(d);
    const uKey = signingKey(u).publicKey;
    // U's PC id, under a key of T's own that proves a claim to T's village: the id is not that key's.
    const { proof, publicKey } = pinLaptop(t, tVillage);
    await refusedAtPreview(d, tBundle(t, [tLaptop, { installationId: inst(u), villageId: tVillage, publicKey, proof }]), 'village_pin', /没有该驻村版自己签名的证明/);
    // U's public key (it is in U's every header) and the id derived from it: T cannot sign with it.
    await refusedAtPreview(d, tBundle(t, [tLaptop, { installationId: inst(u), villageId: tVillage, publicKey: uKey, proof }]), 'village_pin', /没有该驻村版自己签名的证明/);
    await refusedAtPreview(d, tBundle(t, [tLaptop, { installationId: inst(u), villageId: tVillage, publicKey: uKey }]), 'village_pin', /没有该驻村版自己签名的证明/);
    // T's own PC speaking as U's installation.
    const asU = writeBundle(craftBundle(t, { payload: '', header: (h) => ({ ...h, installationId: inst(u), township: U }) }));
    await refusedAtPreview(d, asU, 'forged_id', /不是由签名密钥生成的/);
    expect(pins(d)).toEqual(before);

    expect((await imported(d, await exported(u))).result.result).toBe('applied');
    expect(d.db.prepare('SELECT township_code, village_id FROM sync_pins WHERE installation_id = ?').get(inst(u))).toEqual({ township_code: U.code, village_id: null });
  });

  it("refuses T claiming U's laptop (its id, or its own proof replayed) before U's first bundle, and takes U's bundle with that laptop afterwards", async () => {
    const { d, t, u, tVillage, uVillage, uCadre, tLaptop } = await world();
    const uLaptop = pinLaptop(u, uVillage);
    laptopLog(u, uLaptop, uCadre, '2025-12-03');
    const before = pins(d);
    // U's laptop's header entry, proof included, as U's bundles carry it: made for U's village of U.
    await refusedAtPreview(d, tBundle(t, [tLaptop, uLaptop]), 'village_pin', /没有该驻村版自己签名的证明/);
    await refusedAtPreview(d, tBundle(t, [tLaptop, { ...uLaptop, villageId: tVillage }]), 'village_pin', /没有该驻村版自己签名的证明/);
    // The same id under a key of T's own.
    const mine = pinLaptop(t, tVillage);
    await refusedAtPreview(d, tBundle(t, [tLaptop, { ...mine, installationId: uLaptop.installationId }]), 'village_pin', /没有该驻村版自己签名的证明/);
    expect(pins(d)).toEqual(before);

    expect((await imported(d, await exported(u))).result.result).toBe('applied');
    expect(d.db.prepare('SELECT township_code, village_id, proof FROM sync_pins WHERE installation_id = ?').get(uLaptop.installationId)).toEqual({
      township_code: U.code,
      village_id: uVillage,
      proof: uLaptop.proof,
    });
    expect(d.db.prepare('SELECT count(*) AS n FROM work_logs WHERE origin = ?').get(uLaptop.installationId)).toEqual({ n: 1 });
  });

  it('a laptop pinned before proofs (random id, none) is still vouched on the township’s word, and cannot so take a key someone proves', async () => {
    const { d, t, u, tVillage, uVillage, uCadre, tLaptop } = await world();
    // U's laptop pinned by an earlier version: its township forwards it without a proof.
    const old = pinLaptop(u, uVillage, randomUUID());
    u.db.prepare('UPDATE sync_pins SET proof = NULL WHERE installation_id = ?').run(old.installationId);
    laptopLog(u, old, uCadre, '2025-12-02');
    // T, first, vouches on its word for "legacy laptops" holding U's PC key and U's new laptop's key.
    const uLaptop = pinLaptop(u, uVillage);
    laptopLog(u, uLaptop, uCadre, '2025-12-03');
    const legacy = (publicKey: string) => ({ installationId: randomUUID(), villageId: tVillage, publicKey });
    expect((await imported(d, tBundle(t, [tLaptop, legacy(signingKey(u).publicKey), legacy(uLaptop.publicKey)]))).result.result).toBe('applied');
    // U proves both keys (its signature, its laptop's claim): taken, with the old laptop on U's word.
    expect((await imported(d, await exported(u))).result.result).toBe('applied');
    expect(d.db.prepare('SELECT installation_id AS id, proof FROM sync_pins WHERE township_code = ? ORDER BY pinned_at, installation_id').all(U.code)).toEqual(
      expect.arrayContaining([{ id: inst(u), proof: null }, { id: old.installationId, proof: null }, { id: uLaptop.installationId, proof: uLaptop.proof }]),
    );
    expect(d.db.prepare('SELECT count(*) AS n FROM work_logs WHERE origin IN (?, ?)').get(old.installationId, uLaptop.installationId)).toEqual({ n: 2 });
  });

  it('refuses a header whose key is a second spelling of a pinned one', async () => {
    const { d, t } = await world();
    const k = signingKey(t).publicKey;
    const B = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const alt = k.slice(0, 42) + B[B.indexOf(k[42]!) ^ 1]! + '=';
    expect(Buffer.from(alt, 'base64').equals(Buffer.from(k, 'base64'))).toBe(true);
    const f = writeBundle(craftBundle(t, { payload: '', header: (h) => ({ ...h, installationId: '11111111-1111-4111-8111-111111111111', township: U, signerPublicKey: alt }) }));
    await refusedAtPreview(d, f, 'bad_header', /signerPublicKey/);
  });

  it('a township vouching for as many laptops as it may, each with the longest ids and its proof, still exports', async () => {
    const { t, tLaptop } = await world();
    const insert = t.db.prepare(
      "INSERT INTO sync_pins (installation_id, township_code, township_name, public_key, fingerprint, pinned_at, pinned_by, village_id, proof) VALUES (?, ?, ?, ?, 'f', 'now', '张三', ?, ?)",
    );
    // T's own laptop and as many more as the township may pin.
    t.db.transaction(() => {
      for (let i = 1; i < MAX_VILLAGE_PINS; i++) insert.run(`${'e'.repeat(54)}${String(i).padStart(10, '0')}`, T.code, T.name, tLaptop.publicKey, 'v'.repeat(64), tLaptop.proof);
    })();
    // 4,000 such pins (the limit before proofs) came to 1,293,682 bytes, past the 1 MiB a header may
    // have: the read-back refused the file as a disk fault.
    const file = await exported(t);
    expect(readEnvelope(file).header.villagePins).toHaveLength(MAX_VILLAGE_PINS);
  });

  it('a township PC set up before key-bound ids keeps its random id, and its bundles are taken as before', async () => {
    const d = await district();
    const old = await legacyTownship(U.code, U.name, 'c3');
    await villageOf(old, '东立村', `${U.code}200`);
    expect(looksKeyBound(inst(old))).toBe(false);
    expect((await imported(d, await exported(old))).result.result).toBe('applied');
    await villageOf(old, '西岭村', `${U.code}201`);
    expect((await imported(d, await exported(old))).result.result).toBe('applied');
  });
});

/** A laptop as an app before schema 23 left it: a random id, its key, pinned at its township without a proof (`pinned`). */
async function legacyLaptop(v: Awaited<ReturnType<typeof villageWorld>>, pinned: boolean): Promise<Core> {
  const lap = await laptopFrom(v.pkg);
  const id = randomUUID();
  lap.db.prepare("UPDATE settings SET value = json_set(value, '$.installationId', ?) WHERE key = 'installation'").run(id);
  const file = lap.file;
  lap.close();
  const old = await openCore(file, { now: steppingClock('2026-01-06T08:00:00.000Z'), newId: () => randomUUID() });
  const pub = signingKey(old).publicKey;
  if (pinned) {
    v.town.db
      .prepare(
        "INSERT INTO sync_pins (installation_id, township_code, township_name, public_key, fingerprint, pinned_at, pinned_by, village_id) VALUES (?, '450311100', '雁山镇', ?, ?, '2025-12-01T00:00:00.000Z', '张三', ?)",
      )
      .run(id, pub, fingerprint(pub), v.world.village.id);
  }
  return old;
}

/** The laptop's bundle as its old app wrote it: no proof. */
const withoutProof = async (v: Awaited<ReturnType<typeof villageWorld>>, lap: Core) =>
  resealVillageBundle(v.town, lap, await exportFrom(lap), (h, lines) => ({ header: Object.fromEntries(Object.entries(h).filter(([k]) => k !== 'laptopProof')), lines }));

describe('squatting at the township: a laptop proves its own claim', () => {
  it('takes the entries of a laptop it pinned before proofs; refuses a new one of that kind, saying to set it up again', async () => {
    const v = await villageWorld();
    const known = await legacyLaptop(v, true);
    try {
      await logDays(known, v.world.cadre.id, '2025-11-03', '2025-11-05');
      expect((await importAt(v.town, await withoutProof(v, known))).result).toBe('applied');
      expect(v.town.db.prepare('SELECT count(*) AS n FROM work_logs WHERE origin = ?').get(inst(known))).toEqual({ n: 3 });
    } finally {
      known.close();
    }
    const stranger = await legacyLaptop(v, false);
    try {
      await logDays(stranger, v.world.cadre.id, '2025-11-06', '2025-11-06');
      const r = await refusal(importAt(v.town, await withoutProof(v, stranger)));
      expect(r).toMatchObject({ code: 'unproven_laptop', message: expect.stringMatching(/来自旧版本的驻村版（请升级后用新生成的配置包重新设置）/) });
    } finally {
      stranger.close();
    }
  });

  it('words the refusal of a laptop pinned to a village the township no longer has, before anything is staged', async () => {
    const v = await villageWorld();
    const lap = await laptopFrom(v.pkg);
    await logDays(lap, v.world.cadre.id, '2025-11-03', '2025-11-03');
    const pub = signingKey(lap).publicKey;
    v.town.db
      .prepare("INSERT INTO sync_pins (installation_id, township_code, township_name, public_key, fingerprint, pinned_at, pinned_by, village_id) VALUES (?, '450311100', '雁山镇', ?, ?, 'now', '张三', 'gone-village')")
      .run(inst(lap), pub, fingerprint(pub));
    const r = await refusal(importAt(v.town, await exportFrom(lap)));
    expect(r).toMatchObject({ code: 'code_mismatch', message: expect.stringMatching(/此前登记为（未知村）的驻村版/) });
  });

  it("refuses a laptop bundle carrying another laptop's proof, records why, and pins nothing", async () => {
    const v = await villageWorld();
    const lap = await laptopFrom(v.pkg);
    await logDays(lap, v.world.cadre.id, '2025-11-03', '2025-11-03');
    const other = await laptopFrom(v.pkg);
    const borrowed = readEnvelope(await exportFrom(other), { kind: 'village' }).header.laptopProof;
    // Another laptop's proof (for the same village and township) in this laptop's bundle.
    const forged = resealVillageBundle(v.town, lap, await exportFrom(lap), (h, lines) => ({ header: { ...h, laptopProof: borrowed }, lines }));
    const before = dbDigest(v.town);
    const r = await refusal(importAt(v.town, forged));
    expect(r).toMatchObject({ code: 'unproven_laptop', message: expect.stringMatching(/东立村的驻村版的文件中，电脑编号或所属村的签名证明与其密钥不符/) });
    expect(dbDigest(v.town)).toBe(before);
    expect(lastRefusal(v.town)).toMatchObject({ code: 'unproven_laptop' });
    expect(v.town.db.prepare('SELECT count(*) AS n FROM sync_pins').get()).toEqual({ n: 0 });
    // Its own bundle, as exported, is taken and pinned with its proof.
    const file = await exportFrom(lap);
    await importAt(v.town, file);
    expect(v.town.db.prepare('SELECT installation_id AS id, proof FROM sync_pins').all()).toEqual([
      { id: inst(lap), proof: readEnvelope(file, { kind: 'village' }).header.laptopProof },
    ]);
  });
});
