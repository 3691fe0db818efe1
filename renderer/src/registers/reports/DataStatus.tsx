import { Table, Tag, Typography } from 'antd';
import type { Report, TownshipStatus } from '../../../../electron/api/contract';

/** District: whose data the report holds and as of when, so a missing township is never silent. */
export function DataStatus({ report }: { report: Report }) {
  const rows = report.scopes.flatMap((s) => (s.data ? [s.data] : []));
  if (report.role !== 'district' || rows.length === 0) return null;
  const missing = rows.filter((r) => !r.sent).length;
  return (
    <div className="report-part">
      <div className="report-section-title">各乡镇（街道）数据情况</div>
      <Table<TownshipStatus>
        rowKey="code"
        size="small"
        bordered
        pagination={false}
        dataSource={rows}
        columns={[
          { key: 'name', title: '乡镇（街道）', dataIndex: 'name', width: 140 },
          {
            key: 'sent',
            title: '状态',
            width: 90,
            render: (_: unknown, r) => (r.sent ? <Tag color="green">已报送</Tag> : <Tag color="red">未报送</Tag>),
          },
          { key: 'asOf', title: '数据截至（乡镇导出时间）', width: 190, render: (_: unknown, r) => (r.asOf ? r.asOf.slice(0, 10) : '—') },
          { key: 'importedAt', title: '导入时间', width: 120, render: (_: unknown, r) => (r.importedAt ? r.importedAt.slice(0, 10) : '—') },
          { key: 'note', title: '提示', render: (_: unknown, r) => r.clockNote ?? (r.sent ? '' : '尚未收到该乡镇的同步文件，其数据按 0 计') },
        ]}
      />
      {missing > 0 && (
        <Typography.Paragraph type="warning" style={{ marginTop: 8, marginBottom: 0 }}>
          {missing} 个乡镇（街道）未报送数据，合计中不含其数据。
        </Typography.Paragraph>
      )}
    </div>
  );
}
