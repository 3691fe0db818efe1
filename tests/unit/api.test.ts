import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../electron/api/channels';
import { contract } from '../../electron/api/contract';
import type { ChannelName } from '../../electron/api/channels';
import { dispatch } from '../../electron/api/dispatch';
import { handlers } from '../../electron/api/handlers';
import { currentSeq } from '../../db/sync';
import type { Core } from '../../electron/core';
import { freshCore } from '../helpers/core';
import { makeWorld } from './fuzz.fixtures';
import { everyRow } from '../helpers/everyRow';

const auditCount = (core: Core) => (core.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

/** Asserts a call wrote nothing: same change sequence, same audit length. */
async function expectNoWrite(core: Core, fn: () => Promise<unknown>) {
  const seq = currentSeq(core.db);
  const audits = auditCount(core);
  const r = await fn();
  expect(currentSeq(core.db)).toBe(seq);
  expect(auditCount(core)).toBe(audits);
  return r;
}

const village = { name: '东立村', kind: '行政村', code: '450311100200', secretary: '李四', secretaryPhone: '138 1234 5678' };

describe('the contract', () => {
  it('defines a schema and a handler for exactly the listed channels', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
  });
});

describe('dispatch validates every payload at the boundary', () => {
  it('refuses unknown channels', async () => {
    const core = await freshCore();
    for (const name of ['nope', '__proto__', 'constructor', 42, null]) {
      const r = await dispatch(core, name, {});
      expect(r).toEqual({ ok: false, error: { code: 'unknown_channel', message: '未知的操作' } });
    }
  });

  it('names the field in Chinese when a required field is missing or of the wrong type', async () => {
    const core = await freshCore();
    const r = await expectNoWrite(core, () => dispatch(core, 'villages.create', { kind: '行政村' }));
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid', fields: [{ path: ['name'], message: '请填写村（社区）名称' }] } });
    const r2 = await dispatch(core, 'villages.create', { ...village, name: 42, kind: '城市' });
    expect(r2.ok).toBe(false);
    if (!r2.ok) {
      expect(r2.error.message).toMatch(/^填写内容有误：/);
      expect(r2.error.fields).toEqual(
        expect.arrayContaining([
          { path: ['name'], message: '村（社区）名称应为文字' },
          { path: ['kind'], message: '类型应为以下之一：行政村、社区、农场社区、其他' },
        ]),
      );
    }
  });

  it('refuses extra keys, control characters, over-long text, bad phones and bad money with field paths', async () => {
    const core = await freshCore();
    const cases: [Record<string, unknown>, (string | number)[], RegExp][] = [
      [{ ...village, isAdmin: true }, [], /不允许的字段：isAdmin/],
      [{ ...village, name: '东立\u0007村' }, ['name'], /控制字符/],
      [{ ...village, name: '东'.repeat(51) }, ['name'], /不能超过50个字/],
      [{ ...village, secretaryPhone: '1234' }, ['secretaryPhone'], /11位手机号码或带区号的固定电话/],
      [{ ...village, secretary: '李四😀' }, ['secretary'], /只能包含汉字/],
      [{ ...village, code: '4503' }, ['code'], /12位数字/],
      [{ ...village, years: [{ year: 2025, income: '1.2345678' }] }, ['years', 0, 'income'], /6位小数/],
      [{ ...village, years: [{ year: 2025 }, { year: 2025 }] }, ['years'], /同一年度/],
      [{ ...village, years: [{ year: 2025, stars: 6 }] }, ['years', 0, 'stars'], /星级不能大于5/],
    ];
    for (const [payload, path, msg] of cases) {
      const r = await expectNoWrite(core, () => dispatch(core, 'villages.create', payload));
      expect(r, JSON.stringify(payload).slice(0, 80)).toMatchObject({ ok: false, error: { code: 'invalid' } });
      const field = (r as { error: { fields: { path: unknown[]; message: string }[] } }).error.fields.find((f) => JSON.stringify(f.path) === JSON.stringify(path));
      expect(field?.message, JSON.stringify(path)).toMatch(msg);
    }
  });

  it('refuses hostile payloads of every shape on every channel, writing no row and no file', async () => {
    for (const core of [await freshCore(), await freshCore({ setup: 'district' })]) {
      if (core.installation()?.role === 'township') await makeWorld(core);
      for (const name of CHANNELS) {
        const mayAccept = MAY_ACCEPT[name];
        const rowsBefore = everyRow(core.db);
        for (const [label, p] of HOSTILE) {
          const before = writesOf(core);
          const r = await dispatch(core, name, p);
          expect(writesOf(core), `${name} ${label}: nothing written`).toEqual(before);
          if (r.ok && mayAccept) continue;
          expect(r.ok, `${name} accepted ${label}`).toBe(false);
          if (!r.ok) expect(r.error.message, `${name} ${label}`).toMatch(/[\u4e00-\u9fa5]/);
        }
        expect(everyRow(core.db), `${name}: every row as it was`).toEqual(rowsBefore);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // About 4 000 calls with a file-tree and change-count check around each: allow a loaded machine.
  }, 120_000);

  it('sees the file a backup writes and the row a setting writes (the no-write check can fail)', async () => {
    const core = await freshCore();
    const before = writesOf(core);
    expect(await dispatch(core, 'backup.create', {})).toMatchObject({ ok: true });
    expect(writesOf(core).files).not.toEqual(before.files);
    const rows = everyRow(core.db);
    const changes = writesOf(core).changes;
    expect(await dispatch(core, 'settings.update', { contactIntervalDays: 60 })).toMatchObject({ ok: true });
    expect(writesOf(core).changes).toBeGreaterThan(changes);
    expect(everyRow(core.db)).not.toEqual(rows);
  });
});

/** Payloads no channel takes: not an object, an object IPC can carry that is not plain, unknown or polluting keys, absurd values. */
const HOSTILE: [string, unknown][] = [
  ['null', null],
  ['a string', 'x'],
  ['a number', 7],
  ['true', true],
  ['an empty array', []],
  ['an array', [1, 2]],
  ['a Date', new Date('2026-01-01')],
  ['a Map', new Map([['folder', '/']])],
  ['a RegExp', /x/],
  ['an Error', new Error('x')],
  ['bytes', new Uint8Array([1, 2])],
  ['an inherited key', { __proto__: { polluted: 1 } }],
  ['an own __proto__ key', JSON.parse('{"__proto__":{"polluted":1}}')],
  ['a constructor key', { constructor: { prototype: { polluted: 1 } } }],
  ['an unknown key', { isAdmin: true }],
  ['an unknown key without prototype', Object.assign(Object.create(null) as object, { isAdmin: true })],
  ['a 100 000-character id', { id: 'x'.repeat(100_000) }],
  ['a negative page', { page: -1 }],
  ['a page of 1e308', { page: 1e308 }],
];

/**
 * Channels that may answer ok:true to one of HOSTILE, and why. Empty: a channel added here
 * needs a reason a clerk would accept.
 */
const MAY_ACCEPT: Partial<Record<ChannelName, string>> = {};


/**
 * Cheap enough to take around every call: the rows this connection has inserted, updated or
 * deleted so far, and every file in the database's folder (backups, exports, temporaries).
 */
function writesOf(core: Core) {
  const changes = (core.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  const dir = path.dirname(core.file);
  // The -shm file is SQLite's shared-memory index, touched by reads; the -wal holds the writes and is compared.
  const files = (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => !f.endsWith('-shm'))
    .sort()
    .map((f) => {
      const st = fs.statSync(path.join(dir, f));
      return `${f} ${st.isDirectory() ? 'dir' : st.size} ${st.mtimeMs}`;
    });
  return { changes, files };
}

describe('villages through the API', () => {
  it('creates, lists with a masked phone, edits, finds and deletes', async () => {
    const core = await freshCore();
    const created = await dispatch(core, 'villages.create', { ...village, years: [{ year: 2025, stars: 4, income: '12.5' }] });
    if (!created.ok) throw new Error(created.error.message);
    const v = created.value as { id: string; version: number; secretaryPhone: string; years: unknown[] };
    expect(v.secretaryPhone).toBe('13812345678');
    expect(v.years).toEqual([{ year: 2025, stars: 4, income: '12.5' }]);

    const list = await dispatch(core, 'villages.list', { search: '东立' });
    expect(list).toMatchObject({ ok: true, value: { total: 1, rows: [{ name: '东立村', secretaryPhone: '138****5678' }] } });

    const upd = await dispatch(core, 'villages.update', { ...village, id: v.id, version: v.version, name: '东立村（新）', years: [] });
    expect(upd).toMatchObject({ ok: true, value: { name: '东立村（新）', version: 2, years: [] } });
    const stale = await expectNoWrite(core, () => dispatch(core, 'villages.update', { ...village, id: v.id, version: 1 }));
    expect(stale).toMatchObject({ ok: false, error: { code: 'stale' } });

    expect(await dispatch(core, 'villages.list', { search: '（新）' })).toMatchObject({ value: { total: 1 } });
    expect(await dispatch(core, 'villages.list', { search: '450311100200' })).toMatchObject({ value: { total: 1 } });
    expect(await dispatch(core, 'villages.list', { search: '不存在' })).toMatchObject({ value: { total: 0 } });

    expect(await dispatch(core, 'villages.remove', { id: v.id, version: 2 })).toMatchObject({ ok: true });
    expect(await dispatch(core, 'villages.list', {})).toMatchObject({ value: { total: 0, rows: [] } });
    expect(await dispatch(core, 'villages.get', { id: v.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // The deleted village's yearly rows were tombstoned with it.
    expect(core.db.prepare('SELECT count(*) AS n FROM village_years WHERE deleted_at IS NULL').get()).toEqual({ n: 0 });
  });

  it('refuses a duplicate name or code and a code outside the township, naming the field', async () => {
    const core = await freshCore();
    await dispatch(core, 'villages.create', village);
    const dupName = await expectNoWrite(core, () => dispatch(core, 'villages.create', { ...village, code: null }));
    expect(dupName).toMatchObject({ ok: false, error: { code: 'conflict', fields: [{ path: ['name'], message: '已有名为“东立村”的村（社区）' }] } });
    const dupCode = await expectNoWrite(core, () => dispatch(core, 'villages.create', { ...village, name: '别的村' }));
    expect(dupCode).toMatchObject({ ok: false, error: { fields: [{ path: ['code'], message: expect.stringMatching(/已被“东立村”使用/) }] } });
    const outside = await expectNoWrite(core, () => dispatch(core, 'villages.create', { ...village, name: '外乡村', code: '450311101200' }));
    expect(outside).toMatchObject({ ok: false, error: { fields: [{ path: ['code'], message: '区划代码应以本乡镇代码 450311100 开头' }] } });
  });

  it('a failure in the middle of a save leaves nothing behind', async () => {
    const core = await freshCore();
    // Make SQLite itself fail on the second yearly row, after the village and the first year were written.
    core.db.exec("CREATE TEMP TRIGGER fail_2024 BEFORE INSERT ON village_years WHEN NEW.year = 2024 BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
    const r = await expectNoWrite(core, () => dispatch(core, 'villages.create', { ...village, years: [{ year: 2023, stars: 3 }, { year: 2024, stars: 3 }] }));
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/未保存|未完成/) } });
    expect(core.db.prepare('SELECT count(*) AS n FROM villages').get()).toEqual({ n: 0 });
    expect(core.db.prepare('SELECT count(*) AS n FROM village_years').get()).toEqual({ n: 0 });
  });

  it('imports the official villages of 雁山镇 once, skipping ones already there', async () => {
    const core = await freshCore();
    const offered = await dispatch(core, 'setup.officialVillages', { code: '450311100' });
    if (!offered.ok) throw new Error(offered.error.message);
    const list = offered.value as { code: string; name: string; kind: string }[];
    expect(list).toHaveLength(18);
    expect(list[0]).toMatchObject({ code: '450311100200', name: '东立村', kind: '行政村' });
    const codes = list.map((v) => v.code);
    expect(await dispatch(core, 'villages.importOfficial', { codes })).toEqual({ ok: true, value: { imported: 18, skipped: 0 } });
    expect(await dispatch(core, 'villages.importOfficial', { codes })).toEqual({ ok: true, value: { imported: 0, skipped: 18 } });
    const foreign = await expectNoWrite(core, () => dispatch(core, 'villages.importOfficial', { codes: ['450311101200'] }));
    expect(foreign).toMatchObject({ ok: false, error: { message: expect.stringMatching(/不属于雁山镇/) } });
  });

  it('keeps the district read-only for village data', async () => {
    const core = await freshCore({ setup: 'district' });
    const r = await expectNoWrite(core, () => dispatch(core, 'villages.create', village));
    expect(r).toMatchObject({ ok: false, error: { code: 'read_only' } });
  });
});

describe('audit log', () => {
  it('lists who did what, with the changed field names but never the values', async () => {
    const core = await freshCore();
    const c = await dispatch(core, 'villages.create', village);
    const v = (c as { value: { id: string; version: number } }).value;
    await dispatch(core, 'villages.update', { ...village, id: v.id, version: 1, secretary: '王五' });
    await dispatch(core, 'villages.remove', { id: v.id, version: 2 });
    const r = await dispatch(core, 'audit.list', { table: 'villages' });
    expect(r).toMatchObject({ ok: true, value: { total: 3 } });
    const rows = (r as { value: { rows: { action: string; operator: string; changed: string[] }[] } }).value.rows;
    expect(rows.map((x) => [x.action, x.operator])).toEqual([['delete', '张三'], ['update', '张三'], ['insert', '张三']]);
    expect(rows[0]!.changed).toEqual([]);
    expect(rows[1]!.changed).toEqual(['secretary']);
    expect(rows[2]!.changed).toEqual(expect.arrayContaining(['name', 'code', 'secretary_phone']));
    expect(JSON.stringify(rows)).not.toContain('13812345678');
  });
});

describe('setup', () => {
  it('looks up official division names and completes setup once', async () => {
    const core = await freshCore({ setup: false });
    expect(await dispatch(core, 'app.status', {})).toMatchObject({ ok: true, value: { setup: null } });
    expect(await dispatch(core, 'setup.lookupDivision', { code: '450311100' })).toMatchObject({
      ok: true,
      value: { name: '雁山镇', path: { province: '广西壮族自治区', city: '桂林市', county: '雁山区' } },
    });
    expect(await dispatch(core, 'setup.lookupDivision', { code: '999999999' })).toEqual({ ok: true, value: null });
    // Typed with an input method's full-width digits, or pasted with spaces: the digits they show.
    expect(await dispatch(core, 'setup.lookupDivision', { code: '４５０３１１\u3000１００ ' })).toMatchObject({ ok: true, value: { name: '雁山镇' } });
    const badCode = await dispatch(core, 'setup.complete', { role: 'township', code: '450311', name: '雁山镇', operator: '张三' });
    expect(badCode).toMatchObject({ ok: false, error: { fields: [{ path: ['code'] }] } });
    const done = await dispatch(core, 'setup.complete', { role: 'township', code: ' ４５０３１１１００', name: '雁山镇', operator: '张三', importVillages: ['450311100200'] });
    expect(done).toMatchObject({ ok: true, value: { setup: { role: 'township', unitCode: '450311100', unitName: '雁山镇', operator: '张三' } } });
    expect(await dispatch(core, 'villages.list', {})).toMatchObject({ value: { total: 1 } });
    const typed = await dispatch(core, 'villages.create', { name: '西山村', code: '４５０３１１ １００ ２０１', kind: '行政村' });
    expect(typed).toMatchObject({ ok: true, value: { code: '450311100201' } });
    // Searched the way it was typed, full-width, it is found; full-width brackets are kept as names keep them.
    expect(await dispatch(core, 'villages.list', { search: '４５０３１１１００２０１' })).toMatchObject({ ok: true, value: { total: 1, rows: [{ name: '西山村' }] } });
    expect(await dispatch(core, 'villages.create', { name: '南村（新）', kind: '社区' })).toMatchObject({ ok: true });
    expect(await dispatch(core, 'villages.list', { search: '（新）' })).toMatchObject({ ok: true, value: { total: 1, rows: [{ name: '南村（新）' }] } });
    const short = await dispatch(core, 'villages.create', { name: '北村', code: '４５０３１１１００', kind: '行政村' });
    expect(short).toMatchObject({ ok: false, error: { fields: [{ path: ['code'], message: '区划代码应为12位数字' }] } });
    expect(await dispatch(core, 'setup.complete', { role: 'township', code: '450311100', name: '雁山镇', operator: '张三' })).toMatchObject({
      ok: false,
      error: { code: 'already_setup' },
    });
  });

  it('refuses writes before setup', async () => {
    const core = await freshCore({ setup: false });
    expect(await dispatch(core, 'villages.create', village)).toMatchObject({ ok: false, error: { code: 'not_setup' } });
  });
});
