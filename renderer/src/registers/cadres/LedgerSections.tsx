import { Card, Descriptions, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { RevealId } from '../../components/RevealId';
import { attendanceLabel } from '../../../../electron/domain/cadres';
import type { Assessment, CadreLedger, Evaluation, Inspection, MonthAttendance, Posting, WorkLog } from '../../../../electron/api/contract';
import { ActionLink } from '../../components/ActionLink';
import { ConfirmPop } from '../../components/ConfirmPop';

/** The ledger's sections: profile, postings, monthly attendance, reviews and logs. */

const dash = (v: string | null | undefined) => v || '—';

const LABEL_COLORS = { 达标: 'green', 未达标: 'red', 进行中: 'blue' } as const;
export const AttendanceTag = ({ label }: { label: keyof typeof LABEL_COLORS }) => <Tag color={LABEL_COLORS[label]}>{label}</Tag>;

export function ProfileSection({ ledger }: { ledger: CadreLedger }) {
  const c = ledger.cadre;
  const items: [string, ReactNode][] = [
    ['姓名', c.name], ['性别', c.gender], ['民族', c.ethnicity], ['出生日期', c.birthDate],
    ['身份证号', <RevealId key={c.id} masked={c.idNumber} rowId={c.id} channel="cadres.revealId" />], ['政治面貌', c.politicalStatus],
    ['学历', c.education], ['派出单位', c.unit], ['单位层级', c.unitLevel], ['职务职级', c.postRank], ['手机号码', c.mobile], ['备注', c.note],
  ];
  return (
    <Card size="small" title="基本信息" className="ledger-section" style={{ marginBottom: 16 }}>
      <Descriptions bordered size="small" column={3} items={items.map(([label, v]) => ({ key: label, label, children: v || '—' }))} />
    </Card>
  );
}

interface Editable {
  readOnly: boolean;
}

export function PostingsSection(
  { postings, readOnly, onEdit, onEnd, onRemove }: Editable & { postings: Posting[]; onEdit(p: Posting): void; onEnd(p: Posting): void; onRemove(p: Posting): void },
) {
  const cols: TableColumnsType<Posting> = [
    { title: '驻村村（社区）', dataIndex: 'villageName' },
    { title: '驻村角色', dataIndex: 'role', width: 90 },
    { title: '开始日期', dataIndex: 'startDate', width: 110 },
    { title: '计划结束', dataIndex: 'plannedEnd', width: 110, render: dash },
    { title: '实际结束', dataIndex: 'actualEnd', width: 110, render: dash },
    { title: '状态', dataIndex: 'status', width: 90, render: (s: string, p) => <Tag color={p.inPost ? 'green' : 'default'}>{s}</Tag> },
    { title: '调整原因', dataIndex: 'reason', render: dash },
    { title: '接替人', dataIndex: 'replacedByName', width: 90, render: dash },
  ];
  if (!readOnly) {
    cols.push({
      title: '操作',
      key: 'actions',
      width: 150,
      className: 'ledger-actions',
      render: (_, p) => (
        <Space>
          <ActionLink onClick={() => onEdit(p)}>编辑</ActionLink>
          {p.inPost && <ActionLink onClick={() => onEnd(p)}>离岗</ActionLink>}
          <ConfirmPop title="确定删除这段驻村经历吗？（仅用于删除误录的记录）" okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => onRemove(p)}>
            <ActionLink type="danger">删除</ActionLink>
          </ConfirmPop>
        </Space>
      ),
    });
  }
  return (
    <Card size="small" title="驻村经历" className="ledger-section" style={{ marginBottom: 16 }}>
      <Table<Posting> rowKey="id" size="small" bordered pagination={false} columns={cols} dataSource={postings} locale={{ emptyText: '尚未派驻' }} />
    </Card>
  );
}

export function AttendanceSection({ attendance, threshold }: { attendance: MonthAttendance[]; threshold: number }) {
  return (
    <Card size="small" title={`月度在村天数（标准：每月${threshold}天，当月驻村不满一月的按驻村天数折算）`} className="ledger-section" style={{ marginBottom: 16 }}>
      <Table<MonthAttendance>
        rowKey="month"
        size="small"
        bordered
        pagination={false}
        dataSource={[...attendance].reverse()}
        locale={{ emptyText: '暂无日志' }}
        columns={[
          { title: '月份', dataIndex: 'month', width: 110 },
          { title: '在村天数', dataIndex: 'inVillage', width: 100 },
          { title: '填报天数', dataIndex: 'logged', width: 100 },
          { title: '应在村天数', dataIndex: 'required', width: 110 },
          { title: '是否达标', key: 'label', render: (_, m) => <AttendanceTag label={attendanceLabel(m)} /> },
        ]}
      />
    </Card>
  );
}

type Review = { key: string; kind: string; when: string; result: string; by: string | null; notes: string | null; remove(): void };

export function ReviewsSection(
  props: Editable & { inspections: Inspection[]; evaluations: Evaluation[]; assessments: Assessment[]; onRemove(kind: 'inspection' | 'evaluation' | 'assessment', r: { id: string; version: number }): void },
) {
  const rows: Review[] = [
    ...props.inspections.map((i) => ({ key: i.id, kind: '督查', when: i.inspectDate, result: i.inPost ? '在岗' : '不在岗', by: i.inspector, notes: i.notes, remove: () => props.onRemove('inspection', i) })),
    ...props.evaluations.map((e) => ({ key: e.id, kind: '季度考评', when: `${e.year}年第${e.quarter}季度`, result: e.result, by: e.evaluator, notes: e.notes, remove: () => props.onRemove('evaluation', e) })),
    ...props.assessments.map((a) => ({ key: a.id, kind: '年终考核', when: `${a.year}年度`, result: a.result, by: null, notes: a.notes, remove: () => props.onRemove('assessment', a) })),
  ];
  const cols: TableColumnsType<Review> = [
    { title: '类别', dataIndex: 'kind', width: 90 },
    { title: '日期或期间', dataIndex: 'when', width: 140 },
    { title: '结果', dataIndex: 'result', width: 90, render: (r: string) => <Tag color={r === '不在岗' || r === '差' || r === '不称职' ? 'red' : 'default'}>{r}</Tag> },
    { title: '督查人或考评人', dataIndex: 'by', width: 120, render: dash },
    { title: '情况或意见', dataIndex: 'notes', render: dash },
  ];
  if (!props.readOnly) {
    cols.push({
      title: '操作',
      key: 'actions',
      width: 70,
      className: 'ledger-actions',
      render: (_, r) => (
        <ConfirmPop title="确定删除这条记录吗？" okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={r.remove}>
          <ActionLink type="danger">删除</ActionLink>
        </ConfirmPop>
      ),
    });
  }
  return (
    <Card size="small" title="督查、季度考评与年终考核" className="ledger-section" style={{ marginBottom: 16 }}>
      <Table<Review> rowKey="key" size="small" bordered pagination={false} columns={cols} dataSource={rows} locale={{ emptyText: '暂无记录' }} />
    </Card>
  );
}

/** All logs, newest first; paged on screen, every row when printing. */
export function LogsSection({ logs, printing }: { logs: WorkLog[]; printing: boolean }) {
  return (
    <Card size="small" title={`驻村日志（共 ${logs.length} 条）`} className="ledger-section">
      <Table<WorkLog>
        rowKey="id"
        size="small"
        bordered
        dataSource={[...logs].reverse()}
        pagination={printing ? false : { pageSize: 31, showSizeChanger: false, showTotal: (t) => `共 ${t} 条` }}
        locale={{ emptyText: '暂无日志' }}
        columns={[
          { title: '日期', dataIndex: 'logDate', width: 110 },
          { title: '村（社区）', dataIndex: 'villageName', width: 110, render: dash },
          { title: '在村', dataIndex: 'inVillage', width: 60, render: (b: boolean) => (b ? '是' : '否') },
          { title: '工作类型', dataIndex: 'workKind', width: 90 },
          { title: '走访户数', dataIndex: 'households', width: 80 },
          { title: '工作内容', dataIndex: 'content', render: dash },
          { title: '发现问题', dataIndex: 'problems', render: dash },
          { title: '跟进措施', dataIndex: 'followUp', render: dash },
          { title: '来源', dataIndex: 'source', width: 80 },
        ]}
      />
    </Card>
  );
}
