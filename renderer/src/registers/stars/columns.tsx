import { Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { StarListItem } from '../../../../electron/api/contract';
import { starLabel, WEAK_STARS } from '../../../../electron/domain/stars';
import { ActionLink } from '../../components/ActionLink';
import { ConfirmPop } from '../../components/ConfirmPop';

const dash = <Typography.Text type="secondary">—</Typography.Text>;
const CHANGE_COLORS: Record<string, string> = { 升星: 'success', 降星: 'error', 持平: 'default', 首次评定: 'processing' };

interface Actions {
  readOnly: boolean;
  onEdit(row: StarListItem): void;
  onRemove(row: StarListItem): void;
}

/** Columns of the 评星定级 list; `key` on sortable columns is the server's sort field. */
export function starColumns({ readOnly, onEdit, onRemove }: Actions): TableColumnsType<StarListItem> {
  const cols: TableColumnsType<StarListItem> = [
    { title: '村（社区）', dataIndex: 'villageName', key: 'village', sorter: true, width: 120, ellipsis: true, fixed: 'left' },
    { title: '评定年度', dataIndex: 'year', key: 'year', sorter: true, width: 90, align: 'center' },
    { title: '得分', dataIndex: 'score', key: 'score', sorter: true, width: 70, align: 'right', render: (v: number | null) => v ?? dash },
    {
      title: '星级',
      dataIndex: 'stars',
      key: 'stars',
      sorter: true,
      width: 120,
      render: (n: number) => (
        <Space size={4}>
          {starLabel(n)}
          {n <= WEAK_STARS && <Tag color="red">软弱涣散</Tag>}
        </Space>
      ),
    },
    { title: '上年星级', dataIndex: 'previousStars', width: 90, render: (n: number | null) => (n === null ? dash : starLabel(n)) },
    { title: '升降', dataIndex: 'change', width: 90, render: (c: string) => <Tag color={CHANGE_COLORS[c]}>{c}</Tag> },
    { title: '升降星原因', dataIndex: 'changeReason', ellipsis: true, render: (v: string | null) => v || dash },
    {
      title: '公示',
      key: 'publicity',
      width: 190,
      render: (_, r) => (r.publicityStart || r.publicityEnd ? `${r.publicityStart ?? '?'} 至 ${r.publicityEnd ?? '?'}` : dash),
    },
    {
      title: '整改事项',
      key: 'items',
      width: 110,
      render: (_, r) => (r.items === 0 ? dash : r.openItems ? <Tag color="warning">{`${r.items}项，${r.openItems}项未完成`}</Tag> : <Tag color="success">{`${r.items}项，已完成`}</Tag>),
    },
  ];
  if (readOnly) return cols;
  cols.push({
    title: '操作',
    key: 'actions',
    width: 110,
    fixed: 'right',
    render: (_, r) => (
      <Space size="middle">
        <ActionLink onClick={() => onEdit(r)}>编辑</ActionLink>
        <ConfirmPop
          title={`确定删除${r.villageName}${r.year}年度的评星定级记录吗？其整改事项一并删除，可在操作日志中查到。`}
          okText="删除"
          cancelText="取消"
          okButtonProps={{ danger: true }}
          onConfirm={() => onRemove(r)}
        >
          <ActionLink type="danger">删除</ActionLink>
        </ConfirmPop>
      </Space>
    ),
  });
  return cols;
}

/** The list on paper: plain text, nothing clipped, no actions (PrintList adds 序号). */
export const STAR_PRINT_COLUMNS: TableColumnsType<StarListItem> = [
  { title: '村（社区）', dataIndex: 'villageName', width: 110 },
  { title: '区划代码', dataIndex: 'villageCode', width: 110, render: (v: string | null) => v ?? '—' },
  { title: '评定年度', dataIndex: 'year', width: 84, align: 'center' },
  { title: '得分', dataIndex: 'score', width: 50, align: 'right', render: (v: number | null) => v ?? '—' },
  { title: '星级', dataIndex: 'stars', width: 90, render: (n: number) => (n <= WEAK_STARS ? `${starLabel(n)}（软弱涣散）` : starLabel(n)) },
  { title: '上年星级', dataIndex: 'previousStars', width: 84, render: (n: number | null) => starLabel(n) },
  { title: '升降情况', dataIndex: 'change', width: 84 },
  { title: '升降星原因', dataIndex: 'changeReason', render: (v: string | null) => v ?? '—' },
  { title: '公示', key: 'publicity', width: 170, render: (_, r) => (r.publicityStart || r.publicityEnd ? `${r.publicityStart ?? '?'} 至 ${r.publicityEnd ?? '?'}` : '—') },
  { title: '整改事项', key: 'items', width: 110, render: (_, r) => (r.items === 0 ? '—' : r.openItems ? `${r.items}项，${r.openItems}项未完成` : `${r.items}项，已完成`) },
];
