import path from 'node:path';
import { afterEach } from 'vitest';
import type { Input } from '../../electron/api/contract';
import { openCore, type Core } from '../../electron/core';
import { addDays } from '../../electron/domain/dates';
import { completeSetup } from '../../electron/services/setup';
import { tempDir } from '../helpers/tmp';
import { ok, validId } from './floating.helpers';

/** Shared by the dashboard unit tests: a clock that can be moved, and small register writers. */

const open: Core[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

/** Steps one second per reading from 08:00 UTC of the given day; `jump` moves it to another day. */
export function movableClock(day: string) {
  let t = Date.parse(`${day}T08:00:00.000Z`);
  return {
    now: () => new Date((t += 1000)),
    jump: (to: string) => {
      t = Date.parse(`${to}T08:00:00.000Z`);
    },
  };
}

/** A set-up installation on a real file with a movable clock (random ids, so stores can sync). */
export async function coreOn(day: string, unit: { role: 'township' | 'district'; code: string; name: string }) {
  const clock = movableClock(day);
  const core = await openCore(path.join(tempDir(), 'ledger.db'), { now: clock.now });
  open.push(core);
  completeSetup(core, { ...unit, operator: '张三', importVillages: [] });
  return { core, clock };
}

export const YANSHAN = { role: 'township', code: '450311100', name: '雁山镇' } as const;
export const ZHEMU = { role: 'township', code: '450311101', name: '柘木镇' } as const;
export const DISTRICT = { role: 'district', code: '450311', name: '雁山区委组织部' } as const;

export async function village(core: Core, name: string): Promise<string> {
  return (await ok(core, 'villages.create', { name, kind: '行政村' })).id;
}

let idSerial = 100;
/** A distinct valid ID number per call (birth 1985-01-01). */
export const nextId = () => validId(`45031119850101${String(idSerial++).padStart(3, '0')}`);

export async function cadre(core: Core, name: string, idNumber = nextId()): Promise<string> {
  return (await ok(core, 'cadres.create', { name, idNumber, unit: '桂林市某局', unitLevel: '市直', mobile: '13900000000' })).id;
}

type Role = Input<'cadres.post'>['role'];
export async function post(core: Core, cadreId: string, villageId: string, role: Role, startDate: string) {
  return ok(core, 'cadres.post', { cadreId, villageId, role, startDate });
}

/** In-village work logs on `n` consecutive days from `from`. */
export async function logDays(core: Core, cadreId: string, from: string, n: number, inVillage = true): Promise<void> {
  for (let i = 0; i < n; i++) await ok(core, 'cadres.saveLog', { id: null, version: null, cadreId, logDate: addDays(from, i), inVillage, workKind: '走访农户' });
}

export async function member(core: Core, villageId: string, name: string, leftDate: string, idNumber = nextId()) {
  return ok(core, 'floating.create', {
    villageId,
    name,
    idNumber,
    memberType: '正式党员',
    leftDate,
    destProvince: '44',
    destCity: '4403',
    destCounty: '440306',
    reason: '务工',
    mobile: '13812345678',
  });
}

export async function contactCadre(core: Core, memberId: string, startDate: string) {
  return ok(core, 'floating.assignContact', { memberId, cadreName: '李支书', cadrePhone: '13700000000', cadreRole: '党组织书记', startDate });
}

export async function contacted(core: Core, memberId: string, contactDate: string) {
  return ok(core, 'floating.addRecord', { memberId, contactDate, way: '电话', madeBy: '李支书', content: '电话了解近况' });
}

type ProjectInput = Input<'projects.create'>;
export async function project(core: Core, villageId: string, over: Partial<ProjectInput> & Pick<ProjectInput, 'name' | 'year' | 'status'>) {
  const total = over.total ?? '10';
  return ok(core, 'projects.create', { villageId, category: '种植', model: '村集体自营', total, fiscal: total, ...over });
}
