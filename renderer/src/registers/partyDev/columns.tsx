import { Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { CaseListItem, DevListItem } from '../../../../electron/api/contract';
import { ALERT_LABELS } from '../../../../electron/domain/partyDev';
import { RevealId } from '../../components/RevealId';
import { ActionLink } from '../../components/ActionLink';
import { ConfirmPop } from '../../components/ConfirmPop';

const STAGE_COLOR: Record<string, string> = { 入党申请人: 'default', 入党积极分子: 'blue', 发展对象: 'cyan', 预备党员: 'orange', 正式党员: 'green' };
const dash = (v: string | null) => v || <Typography.Text type="secondary">—</Typography.Text>;

interface Actions<T> {
  readOnly: boolean;
  onEdit(row: T): void;
  onRemove(row: T): void;
}

function removeLink(what: string, onConfirm: () => void) {
  return (
    <ConfirmPop title={`确定删除“${what}”吗？删除后可在操作日志中查到记录。`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={onConfirm}>
      <ActionLink type="danger">删除</ActionLink>
    </ConfirmPop>
  );
}

/** Columns of the 发展党员 list: the stage and its date, then the alerts that are why it is opened. */
export function devColumns({ readOnly, onEdit, onRemove, onSteps, onAssessments }: Actions<DevListItem> & { onSteps(row: DevListItem): void; onAssessments(row: DevListItem): void }): TableColumnsType<DevListItem> {
  return [
    { title: '姓名', dataIndex: 'name', width: 90, fixed: 'left' },
    { title: '所属村（社区）', dataIndex: 'villageName', width: 120, ellipsis: true },
    {
      title: '所处阶段',
      key: 'stage',
      width: 130,
      render: (_, r) => (r.exitDate ? <Tag title={r.exitDate}>已退出（{r.stage}）</Tag> : <Tag color={STAGE_COLOR[r.stage]}>{r.stage}</Tag>),
    },
    { title: '阶段日期', dataIndex: 'stageDate', width: 104 },
    { title: '入党申请', dataIndex: 'applicationDate', width: 104 },
    {
      title: '提醒',
      key: 'alerts',
      width: 160,
      render: (_, r) => (
        <Space size={4} wrap>
          {r.alerts.map((a) => (
            <Tag key={a} color={a === 'eligible' ? 'blue' : 'red'}>
              {ALERT_LABELS[a]}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: '身份证号', dataIndex: 'idNumber', width: 200, render: (v: string, r) => <RevealId masked={v} rowId={r.id} channel="development.revealId" /> },
    { title: '性别', dataIndex: 'gender', width: 60, align: 'center' },
    {
      title: '操作',
      key: 'actions',
      width: readOnly ? 170 : 260,
      fixed: 'right',
      render: (_, r) => (
        <Space size="middle">
          <ActionLink onClick={() => onSteps(r)}>{readOnly ? '查看步骤' : '记录步骤'}</ActionLink>
          <ActionLink onClick={() => onAssessments(r)}>考察记录</ActionLink>
          {!readOnly && <ActionLink onClick={() => onEdit(r)}>编辑</ActionLink>}
          {!readOnly && removeLink(r.name, () => onRemove(r))}
        </Space>
      ),
    },
  ];
}

/** Columns of the 排查整顿 list. */
export function caseColumns({ readOnly, onEdit, onRemove, onMeasure }: Actions<CaseListItem> & { onMeasure(row: CaseListItem): void }): TableColumnsType<CaseListItem> {
  const cols: TableColumnsType<CaseListItem> = [
    { title: '姓名', dataIndex: 'name', width: 90, fixed: 'left' },
    { title: '所属村（社区）', dataIndex: 'villageName', width: 120, ellipsis: true },
    { title: '认定日期', dataIndex: 'findingDate', width: 104 },
    { title: '认定的违规违纪问题', dataIndex: 'finding', ellipsis: true },
    { title: '处置措施', dataIndex: 'measures', width: 220, render: dash },
    { title: '身份证号', dataIndex: 'idNumber', width: 200, render: (v: string | null, r) => (v ? <RevealId masked={v} rowId={r.id} channel="rectification.revealId" /> : dash(null)) },
  ];
  if (readOnly) {
    cols.push({ title: '操作', key: 'actions', width: 90, fixed: 'right', render: (_, r) => <ActionLink onClick={() => onMeasure(r)}>处置措施</ActionLink> });
    return cols;
  }
  cols.push({
    title: '操作',
    key: 'actions',
    width: 190,
    fixed: 'right',
    render: (_, r) => (
      <Space size="middle">
        <ActionLink onClick={() => onMeasure(r)}>处置措施</ActionLink>
        <ActionLink onClick={() => onEdit(r)}>编辑</ActionLink>
        {removeLink(r.name, () => onRemove(r))}
      </Space>
    ),
  });
  return cols;
}

/** The 发展党员 list on paper: plain text, the ID number masked as on screen, no actions (PrintList adds 序号). */
export const DEV_PRINT_COLUMNS: TableColumnsType<DevListItem> = [
  { title: '村（社区）', dataIndex: 'villageName', width: 110 },
  { title: '姓名', dataIndex: 'name', width: 80 },
  { title: '性别', dataIndex: 'gender', width: 56, align: 'center' },
  { title: '出生日期', dataIndex: 'birthDate', width: 90 },
  { title: '身份证号', dataIndex: 'idNumber', width: 160 },
  { title: '所处阶段', key: 'stage', width: 130, render: (_, r) => (r.exitDate ? `已退出（${r.stage}，${r.exitDate}）` : r.stage) },
  { title: '阶段日期', dataIndex: 'stageDate', width: 90 },
  { title: '入党申请', dataIndex: 'applicationDate', width: 90 },
  { title: '提醒', key: 'alerts', render: (_, r) => r.alerts.map((a) => ALERT_LABELS[a]).join('、') || '—' },
];
