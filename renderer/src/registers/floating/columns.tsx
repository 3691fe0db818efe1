import { Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { FloatingListItem } from '../../../../electron/api/contract';
import { RevealId } from '../../components/RevealId';
import { ActionLink } from '../../components/ActionLink';
import { ConfirmPop } from '../../components/ConfirmPop';

const dash = (v: string | null) => v || <Typography.Text type="secondary">—</Typography.Text>;
const STATUS_COLOR: Record<string, string> = { 外出中: 'blue', 已返回: 'green', 组织关系转出: 'default' };

interface Actions {
  readOnly: boolean;
  onDetail(row: FloatingListItem): void;
  onEdit(row: FloatingListItem): void;
  onRemove(row: FloatingListItem): void;
}

/** Flags first: they are why the township opens this list. */
function flags(r: FloatingListItem) {
  return (
    // On one line: two tags stacked made a row two lines high, and the window held five rows.
    <Space size={4}>
      {r.noContact && <Tag color="red" style={{ marginInlineEnd: 0 }}>无联系人</Tag>}
      {r.overdue && <Tag color="orange" style={{ marginInlineEnd: 0 }}>逾期未联系</Tag>}
    </Space>
  );
}

/** Columns of the 流动党员 list; `key` on sortable columns is the server's sort field. */
export function memberColumns({ readOnly, onDetail, onEdit, onRemove }: Actions): TableColumnsType<FloatingListItem> {
  return [
    { title: '姓名', dataIndex: 'name', key: 'name', sorter: true, width: 110, fixed: 'left' },
    { title: '提醒', key: 'flags', width: 168, render: (_, r) => flags(r) },
    { title: '所属村（社区）', dataIndex: 'villageName', width: 110, ellipsis: true },
    { title: '手机号码', dataIndex: 'mobile', width: 116, render: (p: string) => p || dash(null) },
    { title: '一对一联系人', key: 'contact', width: 150, ellipsis: true, render: (_, r) => (r.contactName ? `${r.contactName} ${r.contactPhone}` : dash(null)) },
    { title: '最近联系', dataIndex: 'lastContactDate', key: 'last_contact_date', sorter: true, width: 104, render: dash },
    {
      title: '状态',
      dataIndex: 'status',
      width: 96,
      render: (s: string, r) => (
        <Tag color={STATUS_COLOR[s]} title={r.statusDate ?? undefined}>
          {s}
        </Tag>
      ),
    },
    // Less used at a glance: after the columns a 1366-wide screen shows without scrolling.
    { title: '外出时间', dataIndex: 'leftDate', key: 'left_date', sorter: true, width: 104 },
    { title: '流入地', key: 'dest', ellipsis: true, width: 160, render: (_, r) => [r.destText, r.workplace].filter(Boolean).join(' ') },
    { title: '身份证号', dataIndex: 'idNumber', width: 200, render: (v: string, r) => <RevealId masked={v} rowId={r.id} channel="floating.revealId" /> },
    { title: '出生年月', dataIndex: 'birthDate', width: 90, render: (d: string) => d.slice(0, 7) },
    { title: '性别', dataIndex: 'gender', width: 60, align: 'center' },
    {
      title: '操作',
      key: 'actions',
      width: readOnly ? 80 : 170,
      fixed: 'right',
      render: (_, r) => (
        <Space size="middle">
          <ActionLink onClick={() => onDetail(r)}>联系</ActionLink>
          {!readOnly && <ActionLink onClick={() => onEdit(r)}>编辑</ActionLink>}
          {!readOnly && (
            <ConfirmPop
              title={`确定删除“${r.name}”吗？其联系记录一并删除，可在操作日志中查到。`}
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
