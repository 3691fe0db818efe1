import { fenToWan } from './money';

/** Value lists of the 一村一项目 register, shared by the contract, the service and the renderer. */
export const PROJECT_CATEGORIES = ['种植', '养殖', '乡村旅游', '物业经济', '光伏', '农产品加工', '服务业', '其他'] as const;
export const PROJECT_MODELS = ['村集体自营', '合作社', '入股分红', '租赁', '其他'] as const;
export const PROJECT_STATUSES = ['谋划', '在建', '运营', '停滞', '终止'] as const;

export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number];
export type ProjectModel = (typeof PROJECT_MODELS)[number];
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** Investment sources in the order of the paper form; keys equal the contract's input keys. */
export const FUNDING_SOURCES = [
  { key: 'fiscal', column: 'fiscal_fen', label: '财政资金' },
  { key: 'aid', column: 'aid_fen', label: '帮扶单位' },
  { key: 'village', column: 'village_fen', label: '村集体自筹' },
  { key: 'social', column: 'social_fen', label: '社会资本' },
  { key: 'other', column: 'other_fen', label: '其他' },
] as const;

export type FundingKey = (typeof FUNDING_SOURCES)[number]['key'];
export type Funding = Record<FundingKey, number>;

/** Integer addition of the parts; fen are whole numbers, so the sum is exact. */
export function sumFunding(parts: Funding): number {
  return FUNDING_SOURCES.reduce((s, f) => s + parts[f.key], 0);
}

/**
 * The rule "sources add up to the total", with the message the clerk sees under 总投资. Blank
 * sources arrive here as 0: a project funded wholly by one source fills only that line.
 */
export function fundingMismatch(totalFen: number, parts: Funding): string | null {
  const sum = sumFunding(parts);
  if (sum === totalFen) return null;
  return `各来源合计 ${fenToWan(sum, { grouped: true })} 万元，与总投资 ${fenToWan(totalFen, { grouped: true })} 万元不一致`;
}
