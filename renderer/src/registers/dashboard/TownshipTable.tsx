import { Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TownshipDashboardRow } from '../../../../electron/api/contract';
import { daysAgoText } from '../../../../electron/domain/dates';
import { useAppStore } from '../../stores/appStore';
import { STALE_DAYS } from './FigureCards';

const num = (pick: (r: TownshipDashboardRow) => number, alert = true) => (_: unknown, r: TownshipDashboardRow) => {
  const n = pick(r);
  return alert && n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n;
};

/** How old the township's data is: counted from its export (its PC's clock), not from the import. */
function asOfCell(_: unknown, r: TownshipDashboardRow) {
  if (!r.sent || r.daysOld === null) return <Tag color="error">未报送</Tag>;
  const ago = daysAgoText(r.daysOld);
  const text = `${ago}（${r.asOf!.slice(0, 10)}）`;
  const shown = r.daysOld > STALE_DAYS ? <Tag color="warning">{text}</Tag> : <span>{text}</span>;
  return r.clockNote ? (
    <Tooltip title={r.clockNote}>
      <span>
        {shown} <Typography.Text type="warning">⚠ 时钟</Typography.Text>
      </span>
    </Tooltip>
  ) : (
    shown
  );
}

/** District mode: the same figures per township; a name narrows the whole app to that township. */
export function TownshipTable({ rows }: { rows: TownshipDashboardRow[] }) {
  const setTownship = useAppStore((s) => s.setTownship);
  const columns: TableColumnsType<TownshipDashboardRow> = [
    {
      title: '乡镇（街道）',
      dataIndex: 'name',
      width: 160,
      // Only a township with data can be chosen in the header's picker.
      render: (name: string, r) => (r.sent ? <Typography.Link onClick={() => setTownship(r.code)}>{name}</Typography.Link> : name),
    },
    { title: '数据截至（乡镇导出）', key: 'asOf', width: 210, render: asOfCell },
    { title: '在岗驻村干部', key: 'inPost', width: 110, align: 'right', render: num((r) => r.figures.cadresInPost, false) },
    { title: '上月在村天数不足', key: 'below', width: 140, align: 'right', render: num((r) => r.figures.belowThreshold) },
    { title: '联系超期', key: 'overdue', width: 100, align: 'right', render: num((r) => r.figures.overdue) },
    { title: '无一对一联系人', key: 'noContact', width: 130, align: 'right', render: num((r) => r.figures.noContact) },
    { title: '村（社区）', key: 'villages', width: 100, align: 'right', render: num((r) => r.figures.villages, false) },
    { title: '无项目村', key: 'uncovered', width: 100, align: 'right', render: num((r) => r.figures.villagesWithoutProject) },
  ];
  return (
    <Table<TownshipDashboardRow>
      rowKey="code"
      size="small"
      bordered
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 1030 }}
      style={{ marginBottom: 16 }}
      title={() => <Typography.Text strong>各乡镇（街道）情况</Typography.Text>}
    />
  );
}
