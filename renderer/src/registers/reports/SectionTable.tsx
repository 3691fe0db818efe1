import { Descriptions, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Report, ReportScopeFigures } from '../../../../electron/api/contract';
import { fenToWanShown } from '../../../../electron/domain/money';
import { scopeHeader, type ReportColumn, type ReportSection } from '../../../../electron/domain/reportColumns';
import { SCOPE_WIDTH, splitColumns, type PartColumn } from './split';

const show = (c: ReportColumn, row: ReportScopeFigures) => {
  const v = c.value(row.figures);
  return c.money ? fenToWanShown(v) : v;
};

const leaf = ({ column: c, width }: PartColumn) => ({
  key: c.key,
  title: c.label,
  align: 'right' as const,
  width,
  className: 'report-figure',
  render: (_: unknown, row: ReportScopeFigures) => show(c, row),
});

/** Consecutive columns of one group sit under one heading, as on the paper report. */
function tableColumns(report: Report, part: PartColumn[]): TableColumnsType<ReportScopeFigures> {
  const out: TableColumnsType<ReportScopeFigures> = [
    { key: 'scope', title: scopeHeader(report), dataIndex: 'name', width: SCOPE_WIDTH, render: (name: string, row) => (row.code === null ? <strong>{name}</strong> : row.data && !row.data.sent ? `${name}（未报送）` : name) },
  ];
  for (const p of part) {
    const last = out[out.length - 1] as { key?: string; title?: unknown; children?: TableColumnsType<ReportScopeFigures> };
    if (p.group && last.children && last.title === p.group) last.children.push(leaf(p));
    else if (p.group) out.push({ key: `group:${p.column.key}`, title: p.group, children: [leaf(p)] });
    else out.push(leaf(p));
  }
  return out;
}

/**
 * One section's figures: a township reads them as a list of labelled values; a district gets a
 * table with a row per township and the 合计 row last, cut into parts that each fit A4 landscape
 * (see split.ts), so nothing is lost on paper or needs a scrollbar on screen.
 */
export function SectionTable({ report, section }: { report: Report; section: ReportSection }) {
  // The section's heading sits inside its first part, so paper never separates the two.
  const heading = <div className="report-section-title">{section.title}</div>;
  if (report.scopes.length === 1) {
    const row = report.scopes[0]!;
    return (
      <div className="report-part">
        {heading}
        <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 2, md: 3, xl: 4 }}
        // Figures never wrap digit by digit; the long labels take the room instead.
        styles={{ content: { whiteSpace: 'nowrap', textAlign: 'right', width: 72 } }}
        items={section.columns.map((c) => ({ key: c.key, label: c.group ? `${c.group}：${c.label}` : c.label, children: show(c, row) }))}
        />
      </div>
    );
  }
  const parts = splitColumns(section.columns);
  return parts.map((part, i) => (
    <div key={part[0]!.column.key} className="report-part">
      {i === 0 && heading}
      {parts.length > 1 && (
        <div className="report-part-caption">
          {section.title}（{i + 1}/{parts.length}）
        </div>
      )}
      <Table<ReportScopeFigures>
        rowKey={(r) => r.code ?? 'total'}
        size="small"
        bordered
        pagination={false}
        tableLayout="fixed"
        style={{ width: SCOPE_WIDTH + part.reduce((a, p) => a + p.width, 0), maxWidth: '100%' }}
        columns={tableColumns(report, part)}
        dataSource={report.scopes}
      />
    </div>
  ));
}
