/** Chinese names for the store's tables, actions and columns, as shown in 操作日志. */
export const TABLE_LABELS: Record<string, string> = {
  villages: '村（社区）',
  village_years: '村年度记录',
};

export const ACTION_LABELS: Record<string, { label: string; color: string }> = {
  insert: { label: '新增', color: 'green' },
  update: { label: '修改', color: 'blue' },
  delete: { label: '删除', color: 'red' },
};

export const COLUMN_LABELS: Record<string, string> = {
  code: '区划代码',
  name: '名称',
  kind: '类型',
  party_org_name: '党组织名称',
  party_org_type: '党组织类型',
  secretary: '党组织书记',
  secretary_phone: '书记联系电话',
  key_village: '乡村振兴重点村',
  relocation: '易地扶贫搬迁安置社区',
  note: '备注',
  village_id: '所属村（社区）',
  year: '年度',
  stars: '星级',
  income_fen: '集体经济收入',
  created_at: '创建时间',
  updated_at: '更新时间',
  deleted_at: '删除时间',
};

export const tableLabel = (t: string) => TABLE_LABELS[t] ?? t;
export const columnLabel = (c: string) => COLUMN_LABELS[c] ?? c;
