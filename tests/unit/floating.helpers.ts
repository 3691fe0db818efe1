import { dispatch } from '../../electron/api/dispatch';
import type { Input, Output } from '../../electron/api/contract';
import type { ChannelName } from '../../electron/api/channels';
import type { Core } from '../../electron/core';
import { checkChar } from '../../electron/domain/idNumber';

/** Shared by the floating-member unit tests. */

// freshCore's clock reads 2026-01-05 (local day), so with the default 90 days the cutoff is 2025-10-07.
export const TODAY = '2026-01-05';

export async function ok<K extends ChannelName>(core: Core, name: K, input: Input<K>): Promise<Output<K>> {
  const r = await dispatch(core, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message} ${JSON.stringify(r.error.fields ?? [])}`);
  return r.value as Output<K>;
}

export const validId = (first17: string) => first17 + checkChar(first17);

export async function villageId(core: Core, name = '东立村'): Promise<string> {
  return (await ok(core, 'villages.create', { name, kind: '行政村' })).id;
}

export function memberInput(vid: string, over: Partial<Input<'floating.create'>> = {}): Input<'floating.create'> {
  return {
    villageId: vid,
    name: '王小明',
    idNumber: validId('45031119900101123'),
    memberType: '正式党员',
    leftDate: '2025-03-01',
    destProvince: '44',
    destCity: '4403',
    destCounty: '440306',
    workplace: '某电子厂',
    reason: '务工',
    mobile: '13812345678',
    ...over,
  };
}

