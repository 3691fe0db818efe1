import dayjs, { type Dayjs } from 'dayjs';
import type { CadreDetail, Input } from '../../../../electron/api/contract';
import type { UNIT_LEVELS } from '../../../../electron/domain/cadres';

/** What the profile drawer's form holds; field names equal the contract's input keys. */
export interface CadreFormValues {
  name: string;
  idNumber: string;
  ethnicity?: string | null;
  politicalStatus?: string | null;
  education?: string | null;
  unit: string;
  unitLevel: (typeof UNIT_LEVELS)[number];
  postRank?: string | null;
  mobile?: string | null;
  note?: string | null;
}

export const NEW_CADRE: Partial<CadreFormValues> = { ethnicity: '汉族', politicalStatus: '中共党员', unitLevel: '县区直' };

/** Empty or blank optional text becomes null; the server trims and validates the rest. */
export const opt = (s: string | null | undefined): string | null => (s && s.trim() ? s : null);

export const toDay = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);
export const fromDay = (s: string | null | undefined): Dayjs | undefined => (s ? dayjs(s) : undefined);

export function toCadreInput(v: CadreFormValues): Input<'cadres.create'> {
  return {
    name: v.name ?? '',
    idNumber: v.idNumber ?? '',
    ethnicity: (v.ethnicity ?? null) as Input<'cadres.create'>['ethnicity'],
    politicalStatus: (v.politicalStatus ?? null) as Input<'cadres.create'>['politicalStatus'],
    education: (v.education ?? null) as Input<'cadres.create'>['education'],
    unit: v.unit ?? '',
    unitLevel: v.unitLevel,
    postRank: opt(v.postRank),
    mobile: opt(v.mobile),
    note: opt(v.note),
  };
}

export function fromCadreDetail(d: CadreDetail): Partial<CadreFormValues> {
  return {
    name: d.name,
    idNumber: d.idNumber,
    ethnicity: d.ethnicity ?? undefined,
    politicalStatus: d.politicalStatus ?? undefined,
    education: d.education ?? undefined,
    unit: d.unit,
    unitLevel: d.unitLevel as CadreFormValues['unitLevel'],
    postRank: d.postRank ?? undefined,
    mobile: d.mobile ?? undefined,
    note: d.note ?? undefined,
  };
}
