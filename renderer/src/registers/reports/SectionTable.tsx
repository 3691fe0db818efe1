import { Descriptions, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Report, ReportScopeFigures } from '../../../../electron/api/contract';
import { fenToWan } from '../../../../electron/domain/money';
import { scopeHeader, type ReportColumn, type ReportSection } from '../../../../electron/domain/reportColumns';

const show = (c: ReportColumn, row: ReportScopeFigures) => {
  const v = c.value(row.figures);
  return c.money ? fenToWan(v, { grouped: true }) : v;
};

const leaf = (c: ReportColumn, title: string) => ({
  key: c.key,
  title,
  align: 'right' as const,
  width: c.money ? 120 : Math.max(72, title.length * 14 + 24),
  render: (_: unknown, row: ReportScopeFigures) => show(c, row),
});

/** Consecutive columns of one group sit under one heading, as on the paper report. */
function tableColumns(report: Report, section: ReportSection): TableColumnsType<ReportScopeFigures> {
  const out: TableColumnsType<ReportScopeFigures> = [
    { key: 'scope', title: scopeHeader(report), dataIndex: 'name', fixed: 'left', width: 120, render: (name: string, row) => (row.code === null ? <strong>{name}</strong> : name) },
  ];
  for (const c of section.columns) {
    const last = out[out.length - 1] as { key?: string; title?: unknown; children?: TableColumnsType<ReportScopeFigures> };
    if (c.group && last.children && last.title === c.group) last.children.push(leaf(c, c.label));
    else if (c.group) out.push({ key: `group:${c.key}`, title: c.group, children: [leaf(c, c.label)] });
    else out.push(leaf(c, c.label));
  }
  return out;
}

/**
 * One section's figures: a township reads them as a list of labelled values; a district gets a
 * table with a row per township and the 合计 row last.
 */
export function SectionTable({ report, section }: { report: Report; section: ReportSection }) {
  if (report.scopes.length === 1) {
    const row = report.scopes[0]!;
    return (
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 2, md: 3, xl: 4 }}
        // Figures never wrap digit by digit; the long labels take the room instead.
        styles={{ content: { whiteSpace: 'nowrap', textAlign: 'right', width: 72 } }}
        items={section.columns.map((c) => ({ key: c.key, label: c.group ? `${c.group}：${c.label}` : c.label, children: show(c, row) }))}
      />
    );
  }
  return (
    <Table<ReportScopeFigures>
      rowKey={(r) => r.code ?? 'total'}
      size="small"
      bordered
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={tableColumns(report, section)}
      dataSource={report.scopes}
    />
  );
}
