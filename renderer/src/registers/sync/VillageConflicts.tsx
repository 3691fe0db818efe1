import { Alert, Radio, Space, Table, Typography } from 'antd';
import type { VillageBundlePreviewed } from '../../../../electron/api/contract';

type Conflict = VillageBundlePreviewed['conflicts'][number];
export type ConflictSide = 'township' | 'village';
export const conflictKey = (c: Pick<Conflict, 'table' | 'id'>) => `${c.table}:${c.id}`;

/**
 * Rows the township and the 驻村版 both changed, each with both sides' values of the columns that
 * differ, and a choice per row of which stands (never decided for the clerk). The choice group is
 * reached with Tab and changed with the arrow keys.
 */
export function VillageConflicts(props: { conflicts: Conflict[]; choices: Record<string, ConflictSide>; onChoose(key: string, side: ConflictSide): void }) {
  const open = props.conflicts.filter((c) => !props.choices[conflictKey(c)]).length;
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }}>
      <Alert
        type="warning"
        showIcon
        message={`有 ${props.conflicts.length} 条记录乡镇和驻村版都改过`}
        description={open ? `请逐条选择保留哪一方的内容（还有 ${open} 条未选）。未保留的一方会记入操作日志。` : '已全部选择。未保留的一方会记入操作日志。'}
      />
      <Table<Conflict>
        rowKey={conflictKey}
        size="small"
        bordered
        pagination={false}
        dataSource={props.conflicts}
        data-testid="village-conflicts"
        columns={[
          { title: '记录', dataIndex: 'what', width: 200 },
          {
            title: '不同之处（乡镇 / 驻村版）',
            render: (_: unknown, c) => (
              <Space direction="vertical" size={2}>
                {c.columns.map((col) => (
                  <span key={col.column}>
                    {col.label}：<Typography.Text mark>{col.township}</Typography.Text> / <Typography.Text type="success">{col.village}</Typography.Text>
                  </span>
                ))}
              </Space>
            ),
          },
          {
            title: '保留',
            width: 170,
            render: (_: unknown, c) => (
              <Radio.Group
                name={conflictKey(c)}
                aria-label={`${c.what}保留哪一方`}
                value={props.choices[conflictKey(c)]}
                onChange={(e) => props.onChoose(conflictKey(c), e.target.value as ConflictSide)}
              >
                <Radio value="township">乡镇</Radio>
                <Radio value="village">驻村版</Radio>
              </Radio.Group>
            ),
          },
        ]}
      />
    </Space>
  );
}
