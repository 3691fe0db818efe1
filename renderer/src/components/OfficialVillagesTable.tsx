import { Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { OfficialVillage } from '../../../electron/api/contract';

const columns: TableColumnsType<OfficialVillage> = [
  { title: '区划代码', dataIndex: 'code', width: 140 },
  { title: '官方名称', dataIndex: 'officialName' },
  {
    title: '登记名称',
    dataIndex: 'name',
    render: (name: string, r) => (
      <>
        {name}
        {r.exists && (
          <Tag color="default" style={{ marginLeft: 8 }}>
            已登记
          </Tag>
        )}
      </>
    ),
  },
  { title: '类型', dataIndex: 'kind', width: 100 },
];

interface Props {
  rows: OfficialVillage[];
  loading?: boolean;
  selected: string[];
  onSelect(codes: string[]): void;
  /** Rows already in the register cannot be chosen (import would skip them). */
  disableExisting?: boolean;
}

/** The official village list of one township, with row checkboxes (setup step 2, import modal). */
export function OfficialVillagesTable({ rows, loading, selected, onSelect, disableExisting }: Props) {
  return (
    <Table<OfficialVillage>
      rowKey="code"
      size="small"
      bordered
      loading={loading}
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ y: 360 }}
      rowSelection={{
        selectedRowKeys: selected,
        onChange: (keys) => onSelect(keys.map(String)),
        getTitleCheckboxProps: () => ({ 'aria-label': '全选' }),
        getCheckboxProps: (r) => ({ disabled: Boolean(disableExisting && r.exists), 'aria-label': `选择${r.name}` }),
      }}
      locale={{ emptyText: '未找到该乡镇的官方村（社区）名单，可跳过后手工录入' }}
    />
  );
}

/** Codes selected by default: everything not yet registered. */
export const defaultSelection = (rows: OfficialVillage[]): string[] => rows.filter((r) => !r.exists).map((r) => r.code);
