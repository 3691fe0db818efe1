import { createHash, sign, verify } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { checkSyncRow, SYNC_COLUMNS, type SyncTable } from '../../db/sync';
import { SYNC_TABLES } from '../../db/tables';
import type { PackageRow } from '../../db/villagePackage';
import { inBounds } from './bounds';
import { MAGIC as BUNDLE_MAGIC, refuse } from './format';
import { fingerprint, publicEd25519 } from './keys';
import { parseShallowJson } from './shallowJson';

/**
 * The village package (驻村版配置包): what a township hands a village work team's laptop to set
 * it up. One signed file: a fixed prefix, a UTF-8 JSON body, and the township installation's
 * Ed25519 signature (FORMAT.md, "Village package"). Every check here runs before anything is
 * written, and every one assumes the file was made by someone holding a valid key.
 */

export const PACKAGE_MAGIC = Buffer.from('TLVILPKG', 'ascii');
export const PACKAGE_VERSION = 1;
export const PACKAGE_EXT = '.tlvillage';
const PREFIX = 14;
const SIG = 64;
/** A village's rows are a few hundred; 8 MiB is thousands of times that, and bounds the read. */
export const MAX_BODY = 8 << 20;
export const MAX_ROWS = 20_000;

/** The tables a package carries, parents first, and what the village keeps of each. */
export const PACKAGE_TABLES = ['villages', 'cadres', 'cadre_postings', 'floating_members', 'member_contacts', 'projects'] as const;
export type PackageTable = (typeof PACKAGE_TABLES)[number];

const b64key = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);
const rowsSchema = z.strictObject(Object.fromEntries(PACKAGE_TABLES.map((t) => [t, z.array(z.record(z.string(), z.unknown())).max(MAX_ROWS)])) as Record<PackageTable, z.ZodArray<z.ZodRecord<z.ZodString, z.ZodUnknown>>>);

export const bodySchema = z.strictObject({
  format: z.literal('township-ledger-village-package'),
  version: z.literal(1),
  schemaVersion: z.number().int().min(1).max(10_000),
  township: z.strictObject({ code: z.string().regex(/^\d{9}$/), name: z.string().min(1).max(100) }),
  installationId: z.string().min(1).max(64),
  signerPublicKey: b64key,
  x25519: b64key,
  village: z.strictObject({ id: z.string().min(1).max(64), code: z.string().regex(/^\d{12}$/).nullable(), name: z.string().min(1).max(50) }),
  settings: z.strictObject({ attendanceThresholdDays: z.number().int().min(1).max(31), contactIntervalDays: z.number().int().min(7).max(366) }),
  createdAt: z.string().max(40),
  rows: rowsSchema,
});
export type PackageBody = z.infer<typeof bodySchema>;

/** What the clerk reads back by phone: the township's two public keys, X25519 first (as the district's). */
export const townshipFingerprint = (b: Pick<PackageBody, 'x25519' | 'signerPublicKey'>) => fingerprint(b.x25519, b.signerPublicKey);

/** The file's bytes: prefix, body, signature by the township installation's key over SHA-256 of the rest. */
export function encodePackage(body: PackageBody, privateKeyDer: string): Buffer {
  const json = Buffer.from(JSON.stringify(body), 'utf8');
  if (json.length > MAX_BODY) throw refuse('too_large', `该村（社区）数据过多（${json.length} 字节），超出配置包的上限`);
  const prefix = Buffer.alloc(PREFIX);
  PACKAGE_MAGIC.copy(prefix, 0);
  prefix.writeUInt16BE(PACKAGE_VERSION, 8);
  prefix.writeUInt32BE(json.length, 10);
  const signed = Buffer.concat([prefix, json]);
  const digest = createHash('sha256').update(signed).digest();
  const sig = sign(null, digest, { key: Buffer.from(privateKeyDer, 'base64'), format: 'der', type: 'pkcs8' });
  return Buffer.concat([signed, sig]);
}

export interface VerifiedPackage {
  body: PackageBody;
  /** SHA-256 of the whole file, hex: names the package the laptop was set up from. */
  hash: string;
  fingerprint: string;
}

const NOT_PACKAGE = '这不是驻村版配置包（文件标识不符）。请选择乡镇“生成驻村版配置包”得到的 .tlvillage 文件。';

/** Reads the file within its size bound and checks prefix, body, signature and scope; writes nothing. */
export function readPackage(file: string): VerifiedPackage {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw refuse('package_unreadable', '无法读取配置包文件（文件不存在或无权限）');
  }
  if (size > PREFIX + MAX_BODY + SIG) throw refuse('too_large', `配置包文件过大（${size} 字节，上限 ${PREFIX + MAX_BODY + SIG}），不是乡镇生成的配置包`);
  return verifyPackage(fs.readFileSync(file));
}

export function verifyPackage(bytes: Buffer): VerifiedPackage {
  if (bytes.length > PREFIX + MAX_BODY + SIG) throw refuse('too_large', '配置包文件过大，不是乡镇生成的配置包');
  const magic = bytes.subarray(0, 8);
  if (magic.equals(BUNDLE_MAGIC)) throw refuse('bad_magic', '这是乡镇导出给区县的同步文件（.tlbundle），不是驻村版配置包。');
  if (magic.length < 8 || !magic.equals(PACKAGE_MAGIC)) throw refuse('bad_magic', NOT_PACKAGE);
  if (bytes.length < PREFIX) throw refuse('truncated', '配置包不完整（可能复制时被截断），请向乡镇重新索取');
  const version = bytes.readUInt16BE(8);
  if (version > PACKAGE_VERSION) throw refuse('future_format', `配置包格式版本为 ${version}，高于本程序支持的版本 ${PACKAGE_VERSION}，请先升级本程序`);
  if (version !== PACKAGE_VERSION) throw refuse('bad_format', `不支持的配置包格式版本 ${version}`);
  const blen = bytes.readUInt32BE(10);
  if (blen < 2 || blen > MAX_BODY) throw refuse('bad_header', '配置包内容长度异常，文件已损坏');
  if (bytes.length < PREFIX + blen + SIG) throw refuse('truncated', '配置包不完整（可能复制时被截断），请向乡镇重新索取');
  if (bytes.length > PREFIX + blen + SIG) throw refuse('bad_format', '配置包末尾有多余内容，文件已损坏或被篡改');
  let json: unknown;
  try {
    json = parseShallowJson(bytes.subarray(PREFIX, PREFIX + blen).toString('utf8'));
  } catch {
    throw refuse('bad_header', '配置包内容无法解析，文件已损坏');
  }
  const v = (json as { version?: unknown })?.version;
  if (typeof v === 'number' && v > PACKAGE_VERSION) throw refuse('future_format', `配置包内容版本为 ${v}，高于本程序支持的版本，请先升级本程序`);
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) throw refuse('bad_header', `配置包内容不合规（${parsed.error.issues[0]?.path.join('.') || '结构'}），文件已损坏或被篡改`);
  const body = parsed.data;
  const digest = createHash('sha256').update(bytes.subarray(0, PREFIX + blen)).digest();
  let ok: boolean;
  try {
    ok = verify(null, digest, publicEd25519(body.signerPublicKey), bytes.subarray(PREFIX + blen));
  } catch {
    ok = false;
  }
  if (!ok) throw refuse('bad_signature', '配置包签名校验失败：文件已损坏或被篡改，未写入任何数据');
  checkScope(body);
  return { body, hash: createHash('sha256').update(bytes).digest('hex'), fingerprint: townshipFingerprint(body) };
}

const tableOf = new Map<string, SyncTable>(SYNC_TABLES.map((t) => [t.name, t]));

/**
 * Each row exactly as its table declares it, live (a receipt's may be tombstones), with sane sync
 * columns. `where` names the file in the refusal.
 */
export function checkPackageRow(t: SyncTable, i: number, row: Record<string, unknown>, opts: { tombstones?: boolean; where?: string } = {}): PackageRow {
  const bad = (why: string) => refuse('bad_row', `${opts.where ?? '配置包'}中第 ${i + 1} 条${t.label}不合规：${why}，未写入任何数据`);
  const cols = [...SYNC_COLUMNS, ...t.columns];
  const keys = Object.keys(row);
  if (keys.length !== cols.length || !cols.every((c) => Object.prototype.hasOwnProperty.call(row, c))) throw bad('字段与本程序的数据表不一致（可能版本不同）');
  for (const c of ['created_at', 'updated_at', 'origin'] as const) {
    if (typeof row[c] !== 'string' || (row[c] as string).length < 1 || (row[c] as string).length > 64) throw bad(`字段 ${c} 无效`);
  }
  if (row.deleted_at !== null && !(opts.tombstones && typeof row.deleted_at === 'string' && row.deleted_at.length <= 64)) throw bad('已删除的记录不应出现在配置包中');
  if (!inBounds(row.version as number) || !inBounds(row.seq as number)) throw bad('版本号无效');
  const why = checkSyncRow(t, row);
  if (why) throw bad(why);
  return row as PackageRow;
}

/**
 * The package speaks for one village of the signing township: every row hangs under that village
 * (a validly signed package with another village's member inside is refused whole), references
 * stay inside the package, and no id repeats.
 */
function checkScope(body: PackageBody): void {
  const outside = (what: string) => refuse('out_of_scope', `配置包中有不属于${body.village.name}的${what}，已拒绝，未写入任何数据`);
  const ids: Record<string, Set<string>> = {};
  for (const name of PACKAGE_TABLES) {
    const t = tableOf.get(name)!;
    const seen = (ids[name] = new Set());
    body.rows[name].forEach((r, i) => {
      const row = checkPackageRow(t, i, r);
      if (seen.has(row.id as string)) throw refuse('bad_row', `配置包中${t.label}记录 ${String(row.id)} 重复出现，文件已被篡改`);
      seen.add(row.id as string);
    });
  }
  const [village, ...more] = body.rows.villages;
  if (!village || more.length || village.id !== body.village.id || village.code !== body.village.code || village.name !== body.village.name) {
    throw refuse('out_of_scope', '配置包中的村（社区）记录与包头声明的不一致，文件已被篡改');
  }
  if (body.village.code && !body.village.code.startsWith(body.township.code)) {
    throw refuse('out_of_scope', `配置包中的村（社区）${body.village.name}（${body.village.code}）不属于${body.township.name}（${body.township.code}），已拒绝`);
  }
  const vid = body.village.id;
  const postings = body.rows.cadre_postings;
  if (postings.some((p) => p.village_id !== vid)) throw outside('驻村经历');
  if (postings.some((p) => !ids.cadres!.has(p.cadre_id as string) || (p.replaced_by_cadre_id !== null && !ids.cadres!.has(p.replaced_by_cadre_id as string)))) {
    throw refuse('out_of_scope', '配置包中的驻村经历指向包外的干部，文件已被篡改');
  }
  const posted = new Set(postings.map((p) => p.cadre_id));
  if (body.rows.cadres.some((c) => !posted.has(c.id))) throw outside('驻村干部（未派驻该村）');
  if (!postings.some((p) => p.status === '在岗' && p.actual_end === null)) throw refuse('out_of_scope', `配置包中${body.village.name}没有在岗的驻村干部，不能设置驻村版`);
  if (body.rows.floating_members.some((m) => m.village_id !== vid)) throw outside('流动党员');
  if (body.rows.member_contacts.some((c) => !ids.floating_members!.has(c.member_id as string))) throw outside('一对一联系人');
  if (body.rows.projects.some((p) => p.village_id !== vid)) throw outside('项目');
}
