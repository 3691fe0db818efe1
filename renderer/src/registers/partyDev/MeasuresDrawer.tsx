import { useRef, useState } from 'react';
import { Button, Descriptions, Drawer, Spin, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { CaseDetail } from '../../../../electron/api/contract';
import { call, showError } from '../../api/client';
import { NO_FOCUS_RETURN, useFocusBack } from '../../components/focusBack';
import { MeasureModal } from './CaseForms';
import { useDetail } from './useDetail';
import { ActionLink } from '../../components/ActionLink';
import { ConfirmPop } from '../../components/ConfirmPop';

const readCase = (id: string) => call('rectification.get', { id });

type Measure = CaseDetail['measureList'][number];

/**
 * The measures taken in one 排查整顿 case, by date: each added here or, when recorded by mistake,
 * deleted after a confirmation (a tombstone that reaches the district, and an operation-log entry).
 */
export function MeasuresDrawer({ caseId, readOnly, onClose, onChanged }: { caseId: string | null; readOnly: boolean; onClose(): void; onChanged(): void }) {
  const [adding, setAdding] = useState(false);
  const [generation, setGeneration] = useState(0);
  const { shown, setDetail } = useDetail(caseId, readCase, onClose, generation);
  const back = useFocusBack(caseId !== null);
  const addButton = useRef<HTMLButtonElement>(null);

  const remove = async (m: Measure) => {
    try {
      setDetail(await call('rectification.removeMeasure', { id: m.id, version: m.version }));
      onChanged();
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Drawer
      open={caseId !== null}
      title={shown ? `处置措施：${shown.name}` : '处置措施'}
      size={680}
      focusable={NO_FOCUS_RETURN}
      afterOpenChange={(o) => (o ? addButton.current?.focus() : back.closed())}
      onClose={onClose}
      destroyOnHidden
    >
      <Spin spinning={!shown} description="正在读取…">
        {shown && (
          <>
            <Descriptions size="small" bordered column={2} style={{ marginBottom: 12 }}>
              <Descriptions.Item label="所属村（社区）">{shown.villageName}</Descriptions.Item>
              <Descriptions.Item label="认定日期">{shown.findingDate}</Descriptions.Item>
              <Descriptions.Item label="认定的违规违纪问题" span={2}>
                {shown.finding}
              </Descriptions.Item>
            </Descriptions>
            {!readOnly && (
              <Button ref={addButton} type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)} style={{ marginBottom: 12 }}>
                添加措施
              </Button>
            )}
            <Table<Measure>
              size="small"
              bordered
              rowKey="id"
              dataSource={shown.measureList}
              pagination={false}
              locale={{ emptyText: '尚未记录处置措施' }}
              columns={[
                { title: '处置日期', dataIndex: 'date', width: 110 },
                { title: '处置措施', dataIndex: 'measure', width: 170 },
                { title: '说明', dataIndex: 'note', render: (s: string | null) => s ?? '—' },
                ...(readOnly
                  ? []
                  : [
                      {
                        title: '操作',
                        key: 'op',
                        width: 70,
                        render: (_: unknown, m: Measure) => (
                          <ConfirmPop
                            title={`确定删除处置措施“${m.measure}”（${m.date}）吗？删除后可在操作日志中查到记录。`}
                            okText="删除"
                            cancelText="取消"
                            okButtonProps={{ danger: true }}
                            onConfirm={() => void remove(m)}
                          >
                            <ActionLink type="danger" aria-label={`删除${m.measure}`}>
                              删除
                            </ActionLink>
                          </ConfirmPop>
                        ),
                      },
                    ]),
              ]}
            />
          </>
        )}
      </Spin>
      {/* Mounted only while open: a closed modal kept in the drawer would take Escape from it. */}
      {shown && adding && (
        <MeasureModal
          target={shown}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setGeneration((g) => g + 1);
            onChanged();
          }}
        />
      )}
    </Drawer>
  );
}
