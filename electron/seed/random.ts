import { createHash } from 'node:crypto';
import { checkChar } from '../domain/idNumber';
import { looksKeyBound } from '../sync/boundIds';
import { rowIdPrefix } from '../sync/rowIds';

/** A small deterministic PRNG (mulberry32): the same seed gives the same data on every machine. */
export class Rng {
  private state: number;
  constructor(seed: number | string) {
    let h = 2166136261;
    for (const ch of String(seed)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    this.state = h >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/**
 * Row ids for seeded data, of the form the app makes (sync/rowIds.ts): the installation's prefix,
 * then a hash of the seed, the installation and a counter. The same seed gives the same ids on one
 * installation every run; two installations seeded alike (every demo township uses the default
 * seed) never share an id, so any number of them import into one district, whose check of a new
 * row's prefix they pass. A hash rather than the PRNG's stream: mulberry32 has 2^32 states, and the
 * streams of two dozen townships would overlap often enough to collide.
 */
export function seededIds(seed: string, installationId: string): () => string {
  // An installation with a random id (set up before schema 23) makes random-looking (v4) ids.
  const prefix = looksKeyBound(installationId) ? rowIdPrefix(installationId) : null;
  let n = 0;
  return () => {
    const h = createHash('sha256').update(`${seed}\u0000${installationId}\u0000${++n}`).digest('hex');
    const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
    return prefix
      ? `${prefix}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
      : `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
}

/** seededIds for a store not yet set up: the installation is read when the first id is drawn. */
export function seededIdsOnceSetUp(seed: string, installationId: () => string): () => string {
  let next: (() => string) | null = null;
  return () => (next ??= seededIds(seed, installationId()))();
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱覃'.split('');
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉春海燕梅辉鹏飞宇婷雪琳凯健俊峰宁波斌晨欣怡佳颖文博浩然子轩思远家豪雨涵梓萱'.split('');

export function personName(rng: Rng): string {
  const n = rng.chance(0.6) ? 2 : 1;
  let s = rng.pick(SURNAMES);
  for (let i = 0; i < n; i++) s += rng.pick(GIVEN);
  return s;
}

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '157', '158', '159', '166', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '199'];

export function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

/** A valid 18-digit ID number for someone registered in `areaCode` (6 digits), born in [fromYear, toYear]. */
export function idNumber(rng: Rng, areaCode: string, fromYear: number, toYear: number, gender?: '男' | '女'): string {
  const y = rng.int(fromYear, toYear);
  const m = rng.int(1, 12);
  const d = rng.int(1, 28);
  let order = rng.int(0, 999);
  if (gender) order = (order & ~1) | (gender === '男' ? 1 : 0);
  const first17 = `${areaCode}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(order).padStart(3, '0')}`;
  return first17 + checkChar(first17);
}
