import { useState } from 'react';
import { Alert, Checkbox, Descriptions, Modal, Space, Table, Typography } from 'antd';
import { TruthNotice } from './TruthNotice';
import dayjs from 'dayjs';
import type { BundlePreview, TableChange } from '../../../../electron/api/contract';

/**
 * What an import would change, shown before anything is written. A first key must be confirmed,
 * and so must a new computer for a known township (both fingerprints shown); a full export taken
 * as the township's truth lists what it will correct first.
 */
export function PreviewModal(props: { preview: BundlePreview | null; busy: boolean; onCancel(): void; onConfirm(confirm: { confirmKey: boolean; confirmNewInstallation: boolean }): void }) {
  const p = props.preview;
  const [checked, setChecked] = useState(false);
  const [newPc, setNewPc] = useState(false);
  const needsNewPc = !!p && !p.duplicate && p.previousInstallations.length > 0;
  return (
    <Modal
      open={!!p}
      title="导入预览"
      width={760}
      okText={p?.duplicate ? '关闭' : '确认导入'}
      cancelText="取消"
      confirmLoading={props.busy}
      okButtonProps={{ disabled: (!!p?.firstKey && !checked && !p.duplicate) || (needsNewPc && !newPc) }}
      onCancel={props.onCancel}
      onOk={() => (p?.duplicate ? props.onCancel() : props.onConfirm({ confirmKey: checked, confirmNewInstallation: newPc }))}
      afterOpenChange={(open) => {
        if (open) return;
        setChecked(false);
        setNewPc(false);
      }}
      destroyOnHidden
    >
      {p && (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          {/* Labels on one line: squeezed by the long file name they wrapped 乡/镇 one character per line. */}
          <Descriptions size="small" bordered column={2} styles={{ label: { whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label="乡镇">{`${p.township.name}（${p.township.code}）`}</Descriptions.Item>
            <Descriptions.Item label="文件序号">{`第 ${p.bundleSeq} 号${p.full ? '（完整导出）' : ''}`}</Descriptions.Item>
            <Descriptions.Item label="文件">{p.fileName}</Descriptions.Item>
            <Descriptions.Item label="导出时间（乡镇电脑时钟）">{dayjs(p.createdAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
          </Descriptions>
          {p.notes.map((n) => (
            <Alert key={n} type={p.duplicate ? 'info' : 'warning'} showIcon message={n} />
          ))}
          {needsNewPc && (
            <Alert
              type="error"
              showIcon
              message={`${p.township.name}的文件来自一台新电脑`}
              description={
                <Space direction="vertical">
                  <span>
                    本区县此前登记的{p.township.name}电脑指纹：
                    {p.previousInstallations.map((i) => (
                      <Typography.Text code key={i.installationId}>
                        {i.fingerprint}
                        {i.revokedAt ? '（已停用）' : ''}
                      </Typography.Text>
                    ))}
                  </span>
                  <span>
                    本文件的签名指纹：<Typography.Text code>{p.signerFingerprint}</Typography.Text>
                  </span>
                  <span>只有乡镇确实更换或重装了电脑时才可确认。请电话与乡镇核对新指纹；无法确认时请取消。</span>
                  <Checkbox checked={newPc} onChange={(e) => setNewPc(e.target.checked)}>
                    已与乡镇电话核对：乡镇更换了电脑，新指纹一致
                  </Checkbox>
                </Space>
              }
            />
          )}
          {p.truth && !p.duplicate && <TruthNotice preview={p} />}
          {p.firstKey && !p.duplicate && !needsNewPc && (
            <Alert
              type="warning"
              showIcon
              message={`首次收到${p.township.name}的同步文件`}
              description={
                <Space direction="vertical">
                  <span>
                    请电话与乡镇核对其签名密钥指纹：<Typography.Text code>{p.signerFingerprint}</Typography.Text>
                  </span>
                  <Checkbox checked={checked} onChange={(e) => setChecked(e.target.checked)}>
                    已核对，指纹一致
                  </Checkbox>
                </Space>
              }
            />
          )}
          <Table<TableChange>
            rowKey="table"
            size="small"
            bordered
            pagination={false}
            dataSource={p.tables}
            columns={[
              { title: '数据', dataIndex: 'label' },
              { title: '新增', dataIndex: 'new', width: 80 },
              { title: '修改', dataIndex: 'changed', width: 80 },
              { title: '删除', dataIndex: 'deleted', width: 80 },
              { title: '无变化', dataIndex: 'unchanged', width: 80 },
            ]}
          />
          {p.villages.length > 0 && (
            <Table
              rowKey="name"
              size="small"
              bordered
              pagination={{ pageSize: 8, size: 'small' }}
              dataSource={p.villages}
              columns={[
                { title: '村（社区）', dataIndex: 'name' },
                { title: '新增', dataIndex: 'new', width: 80 },
                { title: '修改', dataIndex: 'changed', width: 80 },
                { title: '删除', dataIndex: 'deleted', width: 80 },
              ]}
            />
          )}
        </Space>
      )}
    </Modal>
  );
}
