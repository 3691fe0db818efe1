import { useCallback, useEffect, useState } from 'react';
import { App, Button, Col, Descriptions, Drawer, Empty, Form, Progress, Row, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ProjectDetail, ProjectProgressItem } from '../../../../electron/api/contract';
import { call, reportError, showError } from '../../api/client';
import { DateItem } from '../../components/DateInput';
import { TextItem } from '../../components/fields';
import { formState, useConfirmDiscard, useEdits } from '../../components/formState';
import { NO_FOCUS_RETURN, useFocusBack } from '../../components/focusBack';
import { ActionLink } from '../../components/ActionLink';
import { ConfirmPop } from '../../components/ConfirmPop';
import { WholeNumber } from '../../components/WholeNumber';

interface Props {
  /** The project whose progress is shown, or null when closed. */
  projectId: string | null;
  readOnly: boolean;
  onClose(): void;
  /** A progress update was added or removed: the list's 当前进度 changed. */
  onChanged(): void;
}

interface ProgressValues {
  reportDate: Dayjs;
  percent: number;
  note?: string;
  problems?: string;
}

const dash = (v: string | null) => v || <Typography.Text type="secondary">—</Typography.Text>;

function historyColumns(readOnly: boolean, onRemove: (p: ProjectProgressItem) => void): TableColumnsType<ProjectProgressItem> {
  const cols: TableColumnsType<ProjectProgressItem> = [
    { title: '进展日期', dataIndex: 'reportDate', width: 110 },
    { title: '完成进度', dataIndex: 'percent', width: 140, render: (p: number) => <Progress percent={p} size="small" /> },
    { title: '进展情况', dataIndex: 'note', render: dash },
    { title: '存在问题', dataIndex: 'problems', render: dash },
  ];
  if (!readOnly) {
    cols.push({
      title: '操作',
      key: 'actions',
      width: 70,
      render: (_, p) => (
        <ConfirmPop title="确定删除这条进展吗？" okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => onRemove(p)}>
          <ActionLink type="danger">删除</ActionLink>
        </ConfirmPop>
      ),
    });
  }
  return cols;
}

/** A project's progress: the current figure, the history newest first, and a form to report more. */
export function ProgressDrawer({ projectId, readOnly, onClose, onChanged }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ProgressValues>();
  const confirmDiscard = useConfirmDiscard();
  const back = useFocusBack(projectId !== null);
  const edits = useEdits(form);
  const [detail, setDetail] = useState<ProjectDetail | null>(null);
  const [saving, setSaving] = useState(false);
  const shown = detail && detail.id === projectId ? detail : null;

  useEffect(() => {
    if (!projectId) return;
    let stale = false;
    form.resetFields();
    edits.settle();
    call('projects.get', { id: projectId })
      .then((d) => !stale && setDetail(d))
      .catch((err: unknown) => !stale && showError(err));
    return () => {
      stale = true;
    };
  }, [projectId, form, edits]);

  const remove = useCallback(
    async (p: ProjectProgressItem) => {
      try {
        setDetail(await call('projects.removeProgress', { id: p.id, version: p.version }));
        void message.success('已删除');
        onChanged();
      } catch (err) {
        showError(err);
      }
    },
    [message, onChanged],
  );

  async function add(v: ProgressValues) {
    if (!projectId) return;
    setSaving(true);
    try {
      const d = await call('projects.addProgress', {
        projectId,
        reportDate: v.reportDate.format('YYYY-MM-DD'),
        percent: v.percent,
        note: v.note ?? null,
        problems: v.problems ?? null,
      });
      setDetail(d);
      form.resetFields();
      edits.settle();
      void message.success('已添加进展');
      onChanged();
    } catch (err) {
      reportError(form, err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Drawer open={projectId !== null} focusable={NO_FOCUS_RETURN} afterOpenChange={(o) => o || back.closed()} title={shown ? `项目进展：${shown.name}` : '项目进展'} size={760} onClose={() => confirmDiscard(formState(edits.isEdited(), saving), onClose)} destroyOnHidden>
      {shown && (
        <>
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label="村（社区）">{shown.villageName}</Descriptions.Item>
            <Descriptions.Item label="项目状态">{shown.status}</Descriptions.Item>
            <Descriptions.Item label="当前进度" span={2}>
              {shown.progress === null ? '尚未报告进展' : <Progress percent={shown.progress} aria-label="当前进度" />}
              {shown.progressDate && <Typography.Text type="secondary">截至 {shown.progressDate}</Typography.Text>}
            </Descriptions.Item>
          </Descriptions>
          <Table<ProjectProgressItem>
            rowKey="id"
            size="small"
            bordered
            pagination={false}
            columns={historyColumns(readOnly, (p) => void remove(p))}
            dataSource={shown.progressHistory}
            locale={{ emptyText: <Empty description="暂无进展记录" /> }}
          />
        </>
      )}
      {!readOnly && (
        <Form<ProgressValues> form={form} layout="vertical" name="progress" onFinish={(v) => void add(v)} onValuesChange={edits.onValuesChange} style={{ marginTop: 24 }} initialValues={{ reportDate: dayjs() }}>
          <Typography.Title level={5}>报告新进展</Typography.Title>
          <Row gutter={12}>
            <Col span={8}>
              <DateItem title="进展日期" name="reportDate" required notAfterToday />
            </Col>
            <Col span={8}>
              <Form.Item label="完成进度（%）" name="percent" rules={[{ required: true, message: '请填写完成进度' }]}>
                <WholeNumber style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <TextItem label="进展情况" name="note" max={500} rows={2} />
          <TextItem label="存在问题" name="problems" max={500} rows={2} />
          <Button type="primary" htmlType="submit" loading={saving}>
            添加进展
          </Button>
        </Form>
      )}
    </Drawer>
  );
}
