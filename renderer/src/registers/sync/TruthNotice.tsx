import { Alert, Space, Table, Typography } from 'antd';
import type { BundlePreview } from '../../../../electron/api/contract';

type Row = { key: string; label: string; village: string | null; id: string; what: string };

/**
 * A full export taken as the township's truth (after a restore or a fork): before confirming, the
 * district sees every row it holds that will be corrected, and every row the township no longer has.
 */
export function TruthNotice({ preview: p }: { preview: BundlePreview }) {
  const d = p.divergence;
  const rows: Row[] = [
    ...d.differing.map((r) => ({ key: `d-${r.table}-${r.id}`, label: r.label, village: r.village, id: r.id, what: `内容不同：${r.columns.join('、')}` })),
    ...d.missing.map((r) => ({ key: `m-${r.table}-${r.id}`, label: r.label, village: r.village, id: r.id, what: '乡镇已没有此记录，将标记为删除' })),
  ];
  return (
    <Alert
      type="warning"
      showIcon
      message="完整导出：以乡镇现有数据为准"
      description={
        <Space direction="vertical" style={{ width: '100%' }}>
          <span>
            确认导入后，区县中{p.township.name}范围内的数据将与本文件完全一致：内容不同的 {d.differingTotal} 条按本文件更正，乡镇已没有的{' '}
            {d.missingTotal} 条标记为删除。
          </span>
          {rows.length > 0 && (
            <Table<Row>
              rowKey="key"
              size="small"
              bordered
              aria-label="差异清单"
              pagination={{ pageSize: 6, size: 'small' }}
              dataSource={rows}
              columns={[
                { title: '数据', dataIndex: 'label', width: 110 },
                { title: '村（社区）', dataIndex: 'village', width: 120, render: (v: string | null) => v ?? '—' },
                { title: '差异', dataIndex: 'what' },
                { title: '记录编号', dataIndex: 'id', width: 120, ellipsis: true, render: (id: string) => <Typography.Text type="secondary">{id.slice(0, 8)}</Typography.Text> },
              ]}
            />
          )}
        </Space>
      }
    />
  );
}
