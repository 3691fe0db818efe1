import { Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { CadreListItem } from '../../../../electron/api/contract';
import { RevealId } from '../../components/RevealId';
import { ActionLink } from '../../components/ActionLink';
import { ConfirmPop } from '../../components/ConfirmPop';

const dash = (v: string | null) => v || <Typography.Text type="secondary">—</Typography.Text>;

const STATUS_COLORS: Record<string, string> = { 在岗: 'green', 期满轮换: 'default', 召回调整: 'orange', 其他: 'default', 未派驻: 'default' };

interface Actions {
  readOnly: boolean;
  /** 日志 (the work-log entry) is offered: a township, and a 驻村版 for its posted cadres. */
  canLog: boolean;
  month: string;
  threshold: number;
  onLedger(row: CadreListItem): void;
  onLog(row: CadreListItem): void;
  onEdit(row: CadreListItem): void;
  onRemove(row: CadreListItem): void;
}

/** Columns of the 驻村干部 list; `key` on sortable columns is the server's sort field. */
export function cadreColumns(a: Actions): TableColumnsType<CadreListItem> {
  const cols: TableColumnsType<CadreListItem> = [
    {
      title: '姓名',
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      width: 90,
      fixed: 'left',
      render: (name: string, r) => <ActionLink onClick={() => a.onLedger(r)}>{name}</ActionLink>,
    },
    { title: '驻村村（社区）', dataIndex: 'villageName', key: 'village', sorter: true, width: 140, ellipsis: true, render: dash },
    { title: '驻村角色', dataIndex: 'role', width: 88, render: dash },
    { title: '驻村时间', dataIndex: 'startDate', key: 'start_date', sorter: true, width: 104, render: dash },
    { title: '状态', dataIndex: 'status', width: 84, render: (s: string) => <Tag color={STATUS_COLORS[s]}>{s}</Tag> },
    {
      title: `${a.month.replace('-', '年')}月在村`,
      dataIndex: 'monthDays',
      width: 104,
      align: 'center',
      render: (d: number, r) =>
        r.belowThreshold ? (
          <Tooltip title={`低于本月应在村天数（每月${a.threshold}天，驻村不满一月的按天折算）`}>
            <Tag color="red">{d}天 不足</Tag>
          </Tooltip>
        ) : (
          `${d}天`
        ),
    },
    { title: '手机号码', dataIndex: 'mobile', width: 116, render: (p: string) => p || dash(null) },
    // Less used at a glance: after the columns a 1366-wide screen shows without scrolling.
    { title: '派出单位', dataIndex: 'unit', key: 'unit', sorter: true, width: 180, ellipsis: true },
    { title: '层级', dataIndex: 'unitLevel', width: 72 },
    { title: '身份证号', dataIndex: 'idNumber', width: 210, render: (v: string, r) => <RevealId masked={v} rowId={r.id} channel="cadres.revealId" /> },
    { title: '出生日期', dataIndex: 'birthDate', key: 'birth_date', sorter: true, width: 110 },
    { title: '性别', dataIndex: 'gender', width: 60, align: 'center' },
  ];
  cols.push({
    title: '操作',
    key: 'actions',
    width: a.readOnly ? (a.canLog ? 110 : 70) : 190,
    fixed: 'right',
    render: (_, r) => (
      <Space size="middle">
        <ActionLink onClick={() => a.onLedger(r)}>台账</ActionLink>
        {a.canLog && <ActionLink onClick={() => a.onLog(r)}>日志</ActionLink>}
        {!a.readOnly && (
          <>
            <ActionLink onClick={() => a.onEdit(r)}>编辑</ActionLink>
            <ConfirmPop
              title={`确定删除“${r.name}”及其驻村经历、日志和考评吗？删除后可在操作日志中查到记录。`}
              okText="删除"
              cancelText="取消"
              okButtonProps={{ danger: true }}
              onConfirm={() => a.onRemove(r)}
            >
              <ActionLink type="danger">删除</ActionLink>
            </ConfirmPop>
          </>
        )}
      </Space>
    ),
  });
  return cols;
}
