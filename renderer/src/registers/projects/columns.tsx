import { Progress, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ProjectListItem } from '../../../../electron/api/contract';
import { fenToWanShown, parseWanToFen } from '../../../../electron/domain/money';
import { ActionLink } from '../../components/ActionLink';
import { ConfirmPop } from '../../components/ConfirmPop';

const dash = <Typography.Text type="secondary">—</Typography.Text>;

/**
 * 万元 as read on screen: two decimals. The list item keeps the exact amount (up to 6 decimals,
 * what the edit form shows and saves); only the cell rounds it, with the exact figure on hover.
 */
function wanCell(v: string | null) {
  if (v === null) return dash;
  // Income may be a loss: the parser reads magnitudes only.
  const neg = v.startsWith('-');
  const parsed = parseWanToFen(neg ? v.slice(1) : v);
  return parsed.ok ? <span title={`${v} 万元`}>{fenToWanShown(neg ? -parsed.fen : parsed.fen)}</span> : v;
}

export const STATUS_COLORS: Record<string, string> = { 谋划: 'default', 在建: 'processing', 运营: 'success', 停滞: 'warning', 终止: 'error' };

interface Actions {
  readOnly: boolean;
  onProgress(row: ProjectListItem): void;
  onEdit(row: ProjectListItem): void;
  onRemove(row: ProjectListItem): void;
}

/** Columns of the 一村一项目 list; `key` on sortable columns is the server's sort field. */
export function projectColumns({ readOnly, onProgress, onEdit, onRemove }: Actions): TableColumnsType<ProjectListItem> {
  return [
    { title: '村（社区）', dataIndex: 'villageName', key: 'village', sorter: true, width: 110, ellipsis: true, fixed: 'left' },
    { title: '项目名称', dataIndex: 'name', key: 'name', sorter: true, width: 180, ellipsis: true },
    { title: '状态', dataIndex: 'status', key: 'status', sorter: true, width: 80, render: (s: string) => <Tag color={STATUS_COLORS[s]}>{s}</Tag> },
    { title: '总投资（万元）', dataIndex: 'total', key: 'total', sorter: true, width: 120, align: 'right', render: wanCell },
    { title: '当年收益（万元）', dataIndex: 'income', width: 120, align: 'right', render: wanCell },
    { title: '带动户数', dataIndex: 'households', width: 84, align: 'right', render: (v: number | null) => v ?? dash },
    {
      title: '当前进度',
      dataIndex: 'progress',
      key: 'progress',
      sorter: true,
      width: 140,
      render: (p: number | null, r) =>
        p === null ? (
          dash
        ) : (
          <span title={`截至 ${r.progressDate ?? ''}`}>
            <Progress percent={p} size="small" aria-label={`当前进度 ${p}%`} />
          </span>
        ),
    },
    // Less used at a glance: after the columns a 1366-wide screen shows without scrolling.
    { title: '年度', dataIndex: 'year', key: 'year', sorter: true, width: 80, align: 'center' },
    { title: '类别', dataIndex: 'category', width: 96 },
    { title: '经营模式', dataIndex: 'model', width: 100 },
    {
      title: '操作',
      key: 'actions',
      width: readOnly ? 70 : 150,
      fixed: 'right',
      render: (_, r) => (
        <Space size="middle">
          <ActionLink onClick={() => onProgress(r)}>进展</ActionLink>
          {!readOnly && <ActionLink onClick={() => onEdit(r)}>编辑</ActionLink>}
          {!readOnly && (
            <ConfirmPop
              title={`确定删除“${r.name}”吗？其收益和进展记录一并删除，可在操作日志中查到。`}
              okText="删除"
              cancelText="取消"
              okButtonProps={{ danger: true }}
              onConfirm={() => onRemove(r)}
            >
              <ActionLink type="danger">删除</ActionLink>
            </ConfirmPop>
          )}
        </Space>
      ),
    },
  ];
}
