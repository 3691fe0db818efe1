import type { Input, VillageDetail } from '../../../../electron/api/contract';
import { PARTY_ORG_TYPES, type VillageKind } from '../../../../electron/domain/divisionCodes';

export { PARTY_ORG_TYPES };
export const STAR_OPTIONS = [1, 2, 3, 4, 5].map((n) => ({ value: n, label: `${'一二三四五'[n - 1]}星` }));
export const FLAG_OPTIONS = [
  { value: 'key_village', label: '乡村振兴重点村' },
  { value: 'relocation', label: '易地扶贫搬迁安置社区' },
] as const;

export interface VillageYearValues {
  year?: number | null;
  stars?: number | null;
  income?: string | null;
}

/** What the drawer's form holds; field names equal the contract's input keys. */
export interface VillageFormValues {
  name: string;
  code?: string | null;
  kind: VillageKind;
  partyOrgName?: string | null;
  partyOrgType?: (typeof PARTY_ORG_TYPES)[number] | null;
  secretary?: string | null;
  secretaryPhone?: string | null;
  keyVillage: boolean;
  relocation: boolean;
  note?: string | null;
  years?: VillageYearValues[];
}

export const NEW_VILLAGE: Partial<VillageFormValues> = { kind: '行政村', keyVillage: false, relocation: false, years: [] };

/** Empty or blank optional text becomes null; the server trims and validates the rest. */
const opt = (s: string | null | undefined): string | null => (s && s.trim() ? s : null);

export function toVillageInput(v: VillageFormValues): Input<'villages.create'> {
  return {
    name: v.name ?? '',
    code: opt(v.code),
    kind: v.kind,
    partyOrgName: opt(v.partyOrgName),
    partyOrgType: v.partyOrgType ?? null,
    secretary: opt(v.secretary),
    secretaryPhone: opt(v.secretaryPhone),
    keyVillage: Boolean(v.keyVillage),
    relocation: Boolean(v.relocation),
    note: opt(v.note),
    // Year is required by a client rule, so it is a number here.
    years: (v.years ?? []).map((y) => ({ year: Number(y.year), stars: y.stars ?? null, income: opt(y.income) })),
  };
}

export function fromVillageDetail(d: VillageDetail): Partial<VillageFormValues> {
  const kind = d.kind as VillageKind;
  return {
    name: d.name,
    code: d.code ?? undefined,
    kind,
    partyOrgName: d.partyOrgName ?? undefined,
    partyOrgType: (d.partyOrgType as VillageFormValues['partyOrgType']) ?? undefined,
    secretary: d.secretary ?? undefined,
    secretaryPhone: d.secretaryPhone ?? undefined,
    keyVillage: d.keyVillage,
    relocation: d.relocation,
    note: d.note ?? undefined,
    years: d.years.map((y) => ({ year: y.year, stars: y.stars ?? undefined, income: y.income ?? undefined })),
  };
}
