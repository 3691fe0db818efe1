import { useMemo } from 'react';
import { Flex, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TownshipDashboardRow } from '../../../../electron/api/contract';
import { dashboardShares, percentText, ranks, SHARE_LABELS, type Shares } from '../../../../electron/domain/shares';
import { call } from '../../api/client';
import { daysAgoText } from '../../../../electron/domain/dates';
import { useAppStore } from '../../stores/appStore';
import { ExportButton } from './ExportButton';
import { STALE_DAYS } from './FigureCards';

type Row = TownshipDashboardRow & { shares: Shares; rank: Record<keyof Shares, number | null> };

const num = (pick: (r: Row) => number, alert = true) => ({
  render: (_: unknown, r: Row) => {
    const n = pick(r);
    return alert && n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n;
  },
  sorter: (a: Row, b: Row) => pick(a) - pick(b),
});

/** How old the township's data is: counted from its export (its PC's clock), not from the import. */
function asOfCell(_: unknown, r: TownshipDashboardRow) {
  if (!r.sent || r.daysOld === null) return <Tag color="error">未报送</Tag>;
  const ago = daysAgoText(r.daysOld);
  const text = `${ago}（${r.asOf!.slice(0, 10)}）`;
  const shown = r.daysOld > STALE_DAYS ? <Tag color="warning">{text}</Tag> : <span>{text}</span>;
  return r.clockNote ? (
    <Tooltip title={r.clockNote}>
      {/* A flex row, so the warning wraps below a stale-data tag instead of drawing over it. */}
      <Flex wrap gap={4} align="center">
        {shown}
        <Typography.Text type="warning">⚠ 时钟</Typography.Text>
      </Flex>
    </Tooltip>
  ) : (
    shown
  );
}

/** A share with its rank among the townships; sorting puts those with nothing to divide last. */
function shareColumn(key: keyof Shares, hint: string) {
  return {
    title: <Tooltip title={hint}>{SHARE_LABELS[key]}</Tooltip>,
    key,
    width: 120,
    align: 'right' as const,
    sorter: (a: Row, b: Row) => (a.shares[key] ?? -1) - (b.shares[key] ?? -1),
    render: (_: unknown, r: Row) =>
      r.shares[key] === null ? (
        <Typography.Text type="secondary">—</Typography.Text>
      ) : (
        <span aria-label={`${r.name}${SHARE_LABELS[key]} ${percentText(r.shares[key])} 第${r.rank[key]}名`}>
          {percentText(r.shares[key])} <Typography.Text type="secondary">（{r.rank[key]}）</Typography.Text>
        </span>
      ),
  };
}

/** An in-app link (no href: the address carries the token), reachable by Tab and Enter. */
function AppLink({ onOpen, label, children, className }: { onOpen(): void; label?: string; children: string; className?: string }) {
  return (
    <Typography.Link role="link" tabIndex={0} aria-label={label} className={className} onClick={onOpen} onKeyDown={(e) => e.key === 'Enter' && onOpen()}>
      {children}
    </Typography.Link>
  );
}

/**
 * District mode: the same figures per township, sortable, with the shares a district ranks by
 * (domain/shares.ts; the rank in brackets). A name narrows the whole app to that township; with
 * one picked, the table shows that township only. 提醒单 opens the township's notice.
 */
export function TownshipTable({ rows, onNotice }: { rows: TownshipDashboardRow[]; onNotice(code: string): void }) {
  const township = useAppStore((s) => s.township);
  const setTownship = useAppStore((s) => s.setTownship);
  const all = useMemo((): Row[] => {
    const shares = rows.map((r) => dashboardShares(r.figures));
    const rankOf = Object.fromEntries((Object.keys(SHARE_LABELS) as (keyof Shares)[]).map((k) => [k, ranks(shares.map((s) => s[k]))])) as Record<keyof Shares, (number | null)[]>;
    return rows.map((r, i) => ({ ...r, shares: shares[i]!, rank: { contacted: rankOf.contacted[i]!, inVillage: rankOf.inVillage[i]!, coverage: rankOf.coverage[i]! } }));
  }, [rows]);
  const shown = township ? all.filter((r) => r.code === township) : all;
  const columns: TableColumnsType<Row> = [
    {
      title: '乡镇（街道）',
      dataIndex: 'name',
      width: 130,
      fixed: 'left',
      render: (name: string, r) => <AppLink onOpen={() => setTownship(r.code)}>{name}</AppLink>,
    },
    { title: '数据截至（乡镇导出）', key: 'asOf', width: 190, render: asOfCell, sorter: (a, b) => (a.daysOld ?? 1e9) - (b.daysOld ?? 1e9) },
    { title: '在岗驻村干部', key: 'inPost', width: 100, align: 'right', ...num((r) => r.figures.cadresInPost, false) },
    { title: '上月在村天数不足', key: 'below', width: 120, align: 'right', ...num((r) => r.figures.belowThreshold) },
    shareColumn('inVillage', '（在岗 − 上月在村天数不足）÷ 在岗'),
    { title: '联系超期', key: 'overdue', width: 90, align: 'right', ...num((r) => r.figures.overdue) },
    { title: '无一对一联系人', key: 'noContact', width: 110, align: 'right', ...num((r) => r.figures.noContact) },
    shareColumn('contacted', '（外出中 − 联系超期）÷ 外出中'),
    { title: '村（社区）', key: 'villages', width: 90, align: 'right', ...num((r) => r.figures.villages, false) },
    { title: '无项目村', key: 'uncovered', width: 90, align: 'right', ...num((r) => r.figures.villagesWithoutProject) },
    shareColumn('coverage', '（村 − 无项目村）÷ 村'),
    {
      title: '操作',
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_: unknown, r) => (
        <AppLink onOpen={() => onNotice(r.code)} label={`${r.name}提醒单`}>
          提醒单
        </AppLink>
      ),
    },
  ];
  return (
    <Table<Row>
      rowKey="code"
      size="small"
      bordered
      columns={columns}
      dataSource={shown}
      pagination={false}
      scroll={{ x: 1400 }}
      style={{ marginBottom: 16 }}
      showSorterTooltip={{ title: '点击排序' }}
      title={() => (
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Space>
            <Typography.Text strong>各乡镇（街道）情况</Typography.Text>
            {township && (
              <AppLink onOpen={() => setTownship(null)} className="no-print">
                显示全部乡镇
              </AppLink>
            )}
          </Space>
          <Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              比率后括号内为在全部乡镇中的排名；点列名排序
            </Typography.Text>
            {/* The workbook of this table and the weekly 报送情况 grid. */}
            <ExportButton size="small" label="导出Excel（含报送情况）" make={() => call('dashboard.exportTownships', {})} />
          </Space>
        </Flex>
      )}
    />
  );
}
