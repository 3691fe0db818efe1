import { useState } from 'react';
import { Alert, Checkbox, Descriptions, Modal, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TableChange, VillageBundlePreviewed } from '../../../../electron/api/contract';
import { conflictKey, VillageConflicts, type ConflictSide } from './VillageConflicts';

export type ConflictChoices = { table: VillageBundlePreviewed['conflicts'][number]['table']; id: string; keep: ConflictSide }[];

/**
 * A 驻村版's file before anything is written: which village and which laptop (its fingerprint, to
 * read back by phone the first time), what it would add, the rows both sides changed with the
 * clerk's choice for each, or why it is refused, in red.
 */
export function VillagePreviewModal(props: { preview: VillageBundlePreviewed | null; busy: boolean; onCancel(): void; onConfirm(confirmPin: boolean, choices: ConflictChoices): void }) {
  const p = props.preview;
  const [checked, setChecked] = useState(false);
  const [choices, setChoices] = useState<Record<string, ConflictSide>>({});
  const conflicts = p && !p.refusal && !p.duplicate ? p.conflicts : [];
  const unchosen = conflicts.some((c) => !choices[conflictKey(c)]);
  const refused = !!p?.refusal;
  const needsPin = !!p && !refused && !p.duplicate && p.pin !== 'known';
  const closeOnly = refused || !!p?.duplicate;
  return (
    <Modal
      open={!!p}
      title="驻村版数据导入预览"
      width={760}
      okText={refused ? '关闭' : p?.duplicate ? '重新下载回执' : '确认导入'}
      cancelText="取消"
      cancelButtonProps={{ style: refused ? { display: 'none' } : undefined }}
      confirmLoading={props.busy}
      okButtonProps={{ disabled: (needsPin && !checked) || unchosen }}
      onCancel={props.onCancel}
      onOk={() => (refused ? props.onCancel() : props.onConfirm(checked, conflicts.map((c) => ({ table: c.table, id: c.id, keep: choices[conflictKey(c)]! }))))}
      afterOpenChange={(open) => {
        if (open) return;
        setChecked(false);
        setChoices({});
      }}
      destroyOnHidden
    >
      {p && (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={2} styles={{ label: { whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label={refused ? '文件所称村（社区）' : '村（社区）'}>{p.village ? p.village.name : '无法识别'}</Descriptions.Item>
            <Descriptions.Item label="文件序号">{p.bundleSeq ? `第 ${p.bundleSeq} 号` : '—'}</Descriptions.Item>
            <Descriptions.Item label="文件" span={closeOnly && !p.createdAt ? 2 : 1}>
              {p.fileName}
            </Descriptions.Item>
            {p.createdAt && <Descriptions.Item label="导出时间（驻村版电脑时钟）">{dayjs(p.createdAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>}
            {p.signerFingerprint && (
              <Descriptions.Item label="驻村版电脑指纹" span={2}>
                <Typography.Text code data-testid="laptop-fingerprint">
                  {p.signerFingerprint}
                </Typography.Text>
              </Descriptions.Item>
            )}
          </Descriptions>
          {refused && <Alert type="error" showIcon message="此文件已拒绝导入，未写入任何数据" description={<span data-testid="village-refusal">{p.refusal}</span>} />}
          {p.notes.map((n) => (
            <Alert key={n} type={p.duplicate ? 'info' : 'warning'} showIcon message={n} />
          ))}
          {p.duplicate && <Alert type="info" showIcon message="此文件此前已导入，不会重复写入；可重新下载回执交给驻村工作队。" />}
          {needsPin && (
            <Alert
              type="warning"
              showIcon
              message={p.pin === 'first' ? `首次收到${p.village?.name ?? ''}驻村版电脑的文件` : `${p.village?.name ?? ''}的文件来自一台新的驻村版电脑`}
              description={
                <Space direction="vertical">
                  {p.previousFingerprints.length > 0 && (
                    <span>
                      此前登记的本村电脑指纹：
                      {p.previousFingerprints.map((f) => (
                        <Typography.Text code key={f.fingerprint}>
                          {f.fingerprint}
                          {f.revoked ? '（已停用）' : ''}
                        </Typography.Text>
                      ))}
                    </span>
                  )}
                  <span>请打电话给驻村第一书记，请对方在驻村版“数据同步”页面读出本机指纹，与上面的驻村版电脑指纹逐组核对。一致才可导入，今后只接受这台电脑的文件。</span>
                  <Checkbox checked={checked} onChange={(e) => setChecked(e.target.checked)}>
                    已电话核对，驻村版电脑指纹一致
                  </Checkbox>
                </Space>
              }
            />
          )}
          {conflicts.length > 0 && <VillageConflicts conflicts={conflicts} choices={choices} onChoose={(k, side) => setChoices((c) => ({ ...c, [k]: side }))} />}
          {!refused && (
            <Table<TableChange>
              rowKey="table"
              size="small"
              bordered
              pagination={false}
              dataSource={p.tables}
              locale={{ emptyText: '文件中没有新的记录' }}
              columns={[
                { title: '数据', dataIndex: 'label' },
                { title: '新增', dataIndex: 'new', width: 80 },
                { title: '修改', dataIndex: 'changed', width: 80 },
                { title: '删除', dataIndex: 'deleted', width: 80 },
                { title: '无变化', dataIndex: 'unchanged', width: 80 },
              ]}
            />
          )}
        </Space>
      )}
    </Modal>
  );
}
