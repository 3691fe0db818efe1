import { useMemo } from 'react';
import { Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Report, ReportScopeFigures } from '../../../../electron/api/contract';
import { percentText, ranks, reportShares, SHARE_LABELS, type Shares } from '../../../../electron/domain/shares';

type Row = ReportScopeFigures & { shares: Shares; rank: Record<keyof Shares, number | null> };

const KEYS = Object.keys(SHARE_LABELS) as (keyof Shares)[];
/** The counts behind each share, shown beside it so a reader can check it. */
const FRACTION: Record<keyof Shares, (r: ReportScopeFigures) => string> = {
  contacted: (r) => `${r.figures.floating.contactedInInterval}/${r.figures.floating.onRoster}`,
  inVillage: (r) => `${r.attendance.met}/${r.attendance.judged}`,
  coverage: (r) => `${r.figures.projects.coveredVillages}/${r.figures.projects.villages}`,
};

/**
 * District: the townships ranked by the three shares of domain/shares.ts (competition ranks,
 * highest first; a township with nothing to divide is not ranked). Sortable on screen; 合计 is
 * the district's own share, under the table.
 */
export function Ranking({ report }: { report: Report }) {
  const rows = useMemo((): Row[] => {
    const towns = report.scopes.filter((s) => s.code !== null);
    const shares = towns.map(reportShares);
    const rankOf = Object.fromEntries(KEYS.map((k) => [k, ranks(shares.map((s) => s[k]))]));
    return towns.map((t, i) => ({ ...t, shares: shares[i]!, rank: Object.fromEntries(KEYS.map((k) => [k, rankOf[k]![i] ?? null])) as Row['rank'] }));
  }, [report]);
  const total = report.scopes.find((s) => s.code === null);
  if (report.role !== 'district' || rows.length < 2) return null;
  const columns: TableColumnsType<Row> = [
    { key: 'name', title: '乡镇（街道）', dataIndex: 'name', width: 150, render: (n: string, r) => (r.data && !r.data.sent ? `${n}（未报送）` : n) },
    ...KEYS.flatMap((k): TableColumnsType<Row> => [
      {
        key: k,
        title: SHARE_LABELS[k],
        width: 170,
        align: 'right',
        sorter: (a, b) => (a.shares[k] ?? -1) - (b.shares[k] ?? -1),
        render: (_: unknown, r) => `${percentText(r.shares[k])}（${FRACTION[k](r)}）`,
      },
      { key: `${k}-rank`, title: '排名', width: 70, align: 'center', sorter: (a, b) => (a.rank[k] ?? 99) - (b.rank[k] ?? 99), render: (_: unknown, r) => r.rank[k] ?? '—' },
    ]),
  ];
  return (
    <div className="report-part">
      <div className="report-section-title">各乡镇（街道）主要指标排名</div>
      <Table<Row>
        rowKey={(r) => r.code!}
        size="small"
        bordered
        pagination={false}
        tableLayout="fixed"
        style={{ width: 150 + KEYS.length * 240, maxWidth: '100%' }}
        showSorterTooltip={{ title: '点击排序' }}
        columns={columns}
        dataSource={rows}
        summary={() =>
          total && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>合计</strong>
              </Table.Summary.Cell>
              {KEYS.flatMap((k, i) => [
                <Table.Summary.Cell key={k} index={1 + 2 * i} align="right">
                  {`${percentText(reportShares(total)[k])}（${FRACTION[k](total)}）`}
                </Table.Summary.Cell>,
                <Table.Summary.Cell key={`${k}-rank`} index={2 + 2 * i} />,
              ])}
            </Table.Summary.Row>
          )
        }
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        联系及时率＝间隔内已联系÷期末在册；在村达标率＝在村天数达标人次÷应考核人次（统计期内已结束的整月，每名在岗干部每月一次，标准按当月驻村天数折算）；项目覆盖率＝有项目的村÷村。括号内为分子/分母；未报送或无分母的乡镇不排名。
      </Typography.Paragraph>
    </div>
  );
}
