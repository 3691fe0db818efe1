import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import type { OutRow } from '../../db/syncOut';
import { getSetting } from '../../db/settings';
import { schemaVersion } from '../../db/migrate';
import { SYNC_COLUMNS } from '../../db/sync';
import { SYNC_TABLES } from '../../db/tables';
import { freshCore } from '../helpers/core';
import { forgeBundle } from '../helpers/formatForge';
import * as R from '../helpers/formatReader';
import { memberInput, ok } from './floating.helpers';
import { cadreInput, call, makeWorld, projectInput, validId, villageInput } from './fuzz.fixtures';

/**
 * The independent reader (tests/helpers/formatReader.ts, written from FORMAT.md alone) reads what
 * the app really writes: bundles with updates and tombstones in a chain, a full export, and the
 * district's receipts; its counts, hashes and chain agree with what the app records.
 */

const PASSPHRASE = 'district-passphrase-2026';
const FORMAT_MD = path.resolve(__dirname, '../../electron/sync/FORMAT.md');
const READER = ['formatReader.ts', 'formatShapes.ts', 'formatIds.ts'].map((f) => path.resolve(__dirname, '../helpers', f));

const upload = (file: string) => ({ fileName: path.basename(file), base64: fs.readFileSync(file).toString('base64') });
const ref = (r: { id: string; version: number }) => ({ id: r.id, version: r.version });

interface Exported {
  file: string;
  out: OutRow;
  /** The township's rows in the bundle's range, read from its database right after the export. */
  rows: { table: string; row: Record<string, unknown> }[];
}

async function exportNow(town: Core, full: boolean): Promise<Exported> {
  const r = await ok(town, 'sync.export', { full });
  const out = town.db.prepare('SELECT * FROM sync_out WHERE bundle_seq = ?').get(r.bundleSeq) as OutRow;
  const rows = SYNC_TABLES.flatMap((t) =>
    (town.db.prepare(`SELECT * FROM ${t.name} WHERE seq > ? AND seq <= ? ORDER BY seq`).all(out.seq_from, out.seq_to) as Record<string, unknown>[]).map((row) => ({ table: t.name, row })),
  );
  return { file: r.savedPath, out, rows };
}

/** Preview and apply at the district, as the clerk does; returns the preview and the receipt's text. */
async function importAtDistrict(district: Core, file: string) {
  const preview = await ok(district, 'sync.preview', { file: upload(file), passphrase: PASSPHRASE });
  const applied = await ok(district, 'sync.apply', { stageId: preview.stageId, confirmKey: true });
  const receiptFile = path.join(path.dirname(district.file), 'receipts', applied.receipt.fileName);
  return { preview, applied, receipt: fs.readFileSync(receiptFile, 'utf8') };
}

/** Domain columns per table as the township's database has them, for the reader's column check. */
function columnsOf(core: Core): Record<string, string[]> {
  const sync = new Set<string>(SYNC_COLUMNS);
  return Object.fromEntries(
    SYNC_TABLES.map((t) => [t.name, (core.db.prepare(`PRAGMA table_info(${t.name})`).all() as { name: string }[]).map((c) => c.name).filter((c) => !sync.has(c))]),
  );
}

async function districtAndTownship() {
  const district = await freshCore({ setup: 'district' });
  const created = await ok(district, 'sync.createDistrictKeys', { passphrase: PASSPHRASE });
  const keyDir = path.join(path.dirname(district.file), 'keys');
  const town = await freshCore();
  const trusted = await ok(town, 'sync.setDistrictKey', { file: upload(path.join(keyDir, 'district.pub')) });
  // The clerk read the fingerprint back by phone: only then is the key used.
  await ok(town, 'sync.confirmDistrictKey', { fingerprint: trusted.fingerprint });
  const secret = R.openDistrictKey(fs.readFileSync(path.join(keyDir, 'district.key'), 'utf8'), PASSPHRASE);
  return { district, town, keyDir, secret, fingerprint: created.fingerprint, trusted };
}

/** Every register filled through the services, then changed and deleted across three bundles and a full export. */
async function chainOfBundles() {
  const env = await districtAndTownship();
  const { district, town } = env;
  const w = await makeWorld(town);
  await call(town, 'villages.create', { ...villageInput({ name: '枫林村' }), code: '450311100201', years: [{ year: 2025, stars: 3, income: '12.5' }] });
  await ok(town, 'floating.assignContact', { memberId: w.member.id, cadreName: '李书记', cadrePhone: '13900000001', cadreRole: '党组织书记', startDate: '2025-04-01' });
  await call(town, 'projects.create', projectInput(w.village.id, { name: '茶叶加工厂', incomes: [{ year: 2025, income: '3.5' }] }));
  const b1 = await exportNow(town, false);
  const i1 = await importAtDistrict(district, b1.file);
  await ok(town, 'sync.importReceipt', { file: { fileName: 'r1.tlreceipt', base64: Buffer.from(i1.receipt).toString('base64') } });

  // Updates and tombstones.
  await call(town, 'villages.update', { ...ref(w.village), ...villageInput({ name: '东立村委' }) });
  await ok(town, 'cadres.removeLog', ref(w.log));
  await ok(town, 'projects.removeProgress', ref(w.progress));
  const member = await ok(town, 'floating.get', { id: w.member.id });
  await ok(town, 'floating.changeStatus', { id: member.id, version: member.version, status: '已返回', date: '2025-12-20', note: '返乡' });
  await ok(town, 'floating.removeRecord', ref(w.record));
  const b2 = await exportNow(town, false);
  const i2 = await importAtDistrict(district, b2.file);

  // The receipt of bundle 2 is not back yet: bundle 3 sends bundle 2's changes again.
  await ok(town, 'cadres.remove', ref(w.spare));
  const gone = await call(town, 'villages.create', villageInput({ name: '临时村' }));
  await ok(town, 'villages.remove', ref(gone));
  await call(town, 'cadres.update', { ...ref(w.cadre), ...cadreInput({ postRank: '一级科员' }) });
  const b3 = await exportNow(town, false);
  await ok(town, 'sync.importReceipt', { file: { fileName: 'r2.tlreceipt', base64: Buffer.from(i2.receipt).toString('base64') } });
  await ok(town, 'floating.create', memberInput(w.village.id, { name: '陈红', idNumber: validId('45031119920202222') }));
  const b4 = await exportNow(town, true);
  const i3 = await importAtDistrict(district, b3.file);
  const i4 = await importAtDistrict(district, b4.file);
  return { ...env, bundles: [b1, b2, b3, b4], imports: [i1, i2, i3, i4] };
}

describe('an independent reader written from FORMAT.md', () => {
  it('verifies, decrypts and counts real bundles with tombstones, follows their chain and verifies the receipts', async () => {
    const { district, town, secret, fingerprint, trusted, bundles, imports } = await chainOfBundles();
    const columns = columnsOf(town);
    const version = schemaVersion(town.db);
    expect(R.KNOWN_SCHEMA_VERSIONS, `bundles say schemaVersion ${version}: describe it in FORMAT.md ("Schema version") and in the reader`).toContain(version);

    // The district key: the file opens with the passphrase, and everyone computes one fingerprint.
    expect(R.districtFingerprintOf(secret.public)).toBe(fingerprint);
    expect(trusted.fingerprint).toBe(fingerprint);
    const status = await ok(town, 'sync.status', {});

    const read = bundles.map((b) => R.readBundle(fs.readFileSync(b.file), secret, { columns }));
    // Without the column list, the documented schema version is enough.
    expect(R.readBundle(fs.readFileSync(bundles[1]!.file), secret).counted).toEqual(read[1]!.counted);

    read.forEach((r, i) => {
      const { out, rows, file } = bundles[i]!;
      const { preview } = imports[i]!;
      // What the township recorded at export.
      expect(r.hash).toBe(out.hash);
      expect(r.header).toMatchObject({ bundleSeq: out.bundle_seq, prevHash: out.prev_hash, seqFrom: out.seq_from, seqTo: out.seq_to, full: out.full === 1, schemaVersion: version });
      expect(r.counted).toEqual(Object.fromEntries(Object.entries(JSON.parse(out.counts) as R.Counts).filter(([, c]) => c.rows > 0)));
      expect(r.lines).toEqual(rows);
      expect(path.basename(file)).toBe(R.bundleName(r.header));
      expect(out.file_name).toBe(R.bundleName(r.header));
      // What the district saw in its preview: every line classified once, the same signer.
      expect(r.signerFingerprint).toBe(preview.signerFingerprint);
      expect(r.signerFingerprint).toBe(status.signerFingerprint);
      expect(r.header.recipient.fingerprint).toBe(fingerprint);
      for (const t of preview.tables) expect(t.new + t.changed + t.deleted + t.unchanged, t.table).toBe(r.counted[t.table]?.rows ?? 0);
      expect(preview.tables.map((t) => t.table).filter((t) => !r.counted[t])).toEqual([]);
      const inRow = district.db.prepare('SELECT * FROM sync_in WHERE hash = ?').get(r.hash) as { bundle_seq: number; prev_hash: string | null; seq_from: number; seq_to: number };
      expect(inRow).toMatchObject({ bundle_seq: r.header.bundleSeq, prev_hash: r.header.prevHash, seq_from: r.header.seqFrom, seq_to: r.header.seqTo });
    });

    // Tombstones travel and are counted within rows.
    const deleted = (r: R.ReadBundle) => Object.values(r.counted).reduce((a, c) => a + c.deleted, 0);
    expect(deleted(read[1]!)).toBe(3);
    expect(read[1]!.counted.work_logs).toEqual({ rows: 1, deleted: 1 });
    expect(deleted(read[2]!)).toBe(5);
    expect(read[2]!.counted.villages!.rows - read[2]!.counted.villages!.deleted).toBe(1);
    expect(imports[1]!.preview.tables.find((t) => t.table === 'work_logs')).toMatchObject({ deleted: 1 });
    expect(imports[0]!.preview.tables.every((t) => t.new === read[0]!.counted[t.table]!.rows)).toBe(true);

    // The chain: prevHash links, and seqFrom is the highest acknowledged seqTo, not the previous seqTo.
    R.checkChain(read);
    expect(read.map((r) => r.header.bundleSeq)).toEqual([1, 2, 3, 4]);
    const [h1, h2, h3, h4] = read.map((r) => r.header);
    expect(h2!.seqFrom).toBe(h1!.seqTo);
    expect(h3!.seqFrom).toBe(h1!.seqTo);
    expect(h3!.seqFrom).toBeLessThan(h2!.seqTo);
    expect(h4).toMatchObject({ full: true, seqFrom: 0 });
    expect(() => R.checkChain([read[0]!, read[2]!])).toThrow(/does not follow/);
    expect(() => R.checkChain([read[1]!, { ...read[2]!, header: { ...h3!, prevHash: read[0]!.hash } }])).toThrow(/prevHash/);

    // Receipts: verified under the district's public key, acknowledging exactly their bundle.
    const pub = R.readDistrictPub(fs.readFileSync(path.join(path.dirname(district.file), 'keys', 'district.pub'), 'utf8'));
    imports.forEach((imp, i) => {
      const body = R.readReceipt(imp.receipt, pub);
      expect(R.receiptAcknowledges(body, read[i]!)).toBe(true);
      expect(body.ackSeq).toBe(read[i]!.header.seqTo);
      expect(R.receiptName(body)).toBe(imp.applied.receipt.fileName);
      expect(R.receiptAcknowledges(body, read[(i + 1) % 4]!)).toBe(false);
    });
    for (const [i, imp] of imports.entries()) {
      if (i < 2) continue;
      const r = await ok(town, 'sync.importReceipt', { file: { fileName: 'r.tlreceipt', base64: Buffer.from(imp.receipt).toString('base64') } });
      expect(r.bundleSeq).toBe(R.readReceipt(imp.receipt, pub).bundleSeq);
    }
    const acked = town.db.prepare('SELECT bundle_seq, hash, seq_to FROM sync_out WHERE acked_at IS NOT NULL ORDER BY bundle_seq').all();
    expect(acked).toEqual(read.map((r) => ({ bundle_seq: r.header.bundleSeq, hash: r.hash, seq_to: R.readReceipt(imports[r.header.bundleSeq - 1]!.receipt, pub).ackSeq })));
  });

  it('refuses any changed byte of a bundle or a receipt, as the app does', async () => {
    const { district, town, secret } = await districtAndTownship();
    await makeWorld(town);
    const b = await exportNow(town, false);
    const bytes = fs.readFileSync(b.file);
    const H = bytes.readUInt32BE(10);
    const spots: [string, number, RegExp][] = [
      ['magic', 0, /^bad_magic/],
      ['header length', 12, /^(bad_header|truncated)/],
      ['header', 14 + 40, /^(bad_header|bad_signature)/],
      ['ciphertext', 14 + H + 5, /^bad_signature/],
      ['tag', bytes.length - 75, /^bad_signature/],
      ['signature', bytes.length - 10, /^bad_signature/],
    ];
    for (const [where, at, code] of spots) {
      const bad = Buffer.from(bytes);
      bad[at]! ^= 0x01;
      expect(() => R.readBundle(bad, secret), where).toThrow(R.FormatError);
      expect(() => R.readBundle(bad, secret), where).toThrow(code);
      const file = path.join(path.dirname(b.file), `tampered-${at}.tlbundle`);
      fs.writeFileSync(file, bad);
      const app = await ok(district, 'sync.preview', { file: upload(file), passphrase: PASSPHRASE }).then(
        () => 'accepted',
        () => 'refused',
      );
      expect(app, where).toBe('refused');
    }
    expect(() => R.readBundle(bytes.subarray(0, bytes.length - 1), secret)).toThrow(/bad_signature|truncated/);

    const { receipt } = await importAtDistrict(district, b.file);
    const pub = secret.public;
    expect(R.readReceipt(receipt, pub).bundleSeq).toBe(1);
    const file = JSON.parse(receipt) as { body: string; signature: string };
    const edited = JSON.stringify({ ...file, body: file.body.replace('"bundleSeq":1', '"bundleSeq":2') });
    expect(() => R.readReceipt(edited, pub)).toThrow(/^bad_signature/);
    // The signature is over the body's text as it stands: the same value re-serialized fails.
    const reformatted = JSON.stringify({ ...file, body: JSON.stringify(JSON.parse(file.body), null, 1) });
    expect(() => R.readReceipt(reformatted, pub)).toThrow(/^bad_signature/);
    for (const f of [edited, reformatted]) {
      const r = await ok(town, 'sync.importReceipt', { file: { fileName: 'r.tlreceipt', base64: Buffer.from(f).toString('base64') } }).then(
        () => 'accepted',
        () => 'refused',
      );
      expect(r).toBe('refused');
    }
  });

  it('refuses a validly signed bundle whose rows disagree with its header, as the app does', async () => {
    const { town, secret, keyDir } = await districtAndTownship();
    const w = await makeWorld(town);
    await ok(town, 'cadres.removeLog', ref(w.log));
    const b = await exportNow(town, false);
    const r = R.readBundle(fs.readFileSync(b.file), secret);
    const key = getSetting<{ privateKey: string }>(town.db, 'sync.signingKey')!.privateKey;
    const dir = path.dirname(b.file);
    const cases: [string, R.ReadBundle['lines'], RegExp, RegExp][] = [
      ['faithful copy', r.lines, /^$/, /^$/],
      ['a tombstone turned live', r.lines.map((l) => (l.table === 'work_logs' ? { ...l, row: { ...l.row, deleted_at: null } } : l)), /^count_mismatch/, /记录数/],
      ['a row beyond seqTo', r.lines.map((l, i) => (i === 0 ? { ...l, row: { ...l.row, seq: r.header.seqTo + 1 } } : l)), /^bad_row/, /变更序号/],
      ['a row from another installation', r.lines.map((l, i) => (i === 0 ? { ...l, row: { ...l.row, origin: 'someone-else' } } : l)), /^bad_row/, /数据来源/],
    ];
    for (const [what, lines, readerSays, appSays] of cases) {
      const forged = forgeBundle(r.header, lines, key, secret.public.x25519);
      const file = path.join(dir, `forged-${cases.findIndex((c) => c[0] === what)}.tlbundle`);
      fs.writeFileSync(file, forged);
      // A fresh district with the same key each time, so no chain or pin is in the way.
      const fresh = await freshCore({ setup: 'district' });
      await ok(fresh, 'sync.loadDistrictKey', { file: upload(path.join(keyDir, 'district.key')), passphrase: PASSPHRASE });
      const app = await ok(fresh, 'sync.preview', { file: upload(file), passphrase: PASSPHRASE }).then(
        () => '',
        (e: Error) => e.message,
      );
      if (what === 'faithful copy') {
        expect(R.readBundle(forged, secret).lines, what).toEqual(r.lines);
        expect(app, what).toBe('');
      } else {
        expect(() => R.readBundle(forged, secret), what).toThrow(readerSays);
        expect(app, what).toMatch(appSays);
      }
    }
  });

  it('keeps FORMAT.md examples and lists true: the example receipt verifies, names and fingerprint match, tables and columns in order', () => {
    const text = fs.readFileSync(FORMAT_MD, 'utf8');
    const blocks = [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const pubText = blocks.find((b) => b.includes('"township-ledger-district-public-key"') && !b.includes('private'))!;
    const receiptText = blocks.find((b) => b.includes('"body"'))!;
    const headerText = blocks.find((b) => b.includes('"township-ledger-bundle"'))!;
    const pub = R.readDistrictPub(pubText);
    const fp = R.districtFingerprintOf(pub);
    expect(text).toContain(`fingerprint \`${fp}\``);
    const header = JSON.parse(headerText) as R.Header;
    expect(header.recipient).toEqual({ fingerprint: fp, x25519: pub.x25519 });
    const body = R.readReceipt(receiptText, pub);
    expect(body).toMatchObject({ townshipCode: header.township.code, installationId: header.installationId, bundleSeq: header.bundleSeq, ackSeq: header.seqTo });
    expect(text).toContain(R.bundleName(header));
    expect(text).toContain(R.receiptName(body));
    expect(header.schemaVersion).toBe(Math.max(...R.KNOWN_SCHEMA_VERSIONS));
    // The documented order of tables and sync columns is the app's.
    expect([...R.TABLE_ORDER]).toEqual(SYNC_TABLES.map((t) => t.name));
    expect(text.replace(/\s+/g, ' ')).toContain(R.TABLE_ORDER.map((t) => `\`${t}\``).join(', '));
    expect([...R.SYNC_COLUMN_NAMES]).toEqual([...SYNC_COLUMNS]);
  });

  it('imports nothing from the app: only node built-ins', () => {
    for (const file of READER) {
      const source = fs.readFileSync(file, 'utf8');
      const specifiers = ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
      // Only Node's crypto and zlib, and the reader's own files beside it (JSON checks, ids).
      expect(specifiers.filter((s) => !/^(node:(crypto|zlib)|\.\/format(Shapes|Ids))$/.test(s)), file).toEqual([]);
      expect(source, file).not.toMatch(/\brequire\s*\(/);
    }
    expect(ts.preProcessFile(fs.readFileSync(READER[0]!, 'utf8'), true, true).importedFiles.length).toBeGreaterThan(0);
  });
});
