import { useState } from 'react';
import { Alert, Checkbox, Descriptions, Modal, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import type { BundlePreview, TableChange } from '../../../../electron/api/contract';

/** What an import would change, shown before anything is written; a first key must be confirmed. */
export function PreviewModal(props: { preview: BundlePreview | null; busy: boolean; onCancel(): void; onConfirm(confirmKey: boolean): void }) {
  const p = props.preview;
  const [checked, setChecked] = useState(false);
  return (
    <Modal
      open={!!p}
      title="导入预览"
      width={760}
      okText={p?.duplicate ? '关闭' : '确认导入'}
      cancelText="取消"
      confirmLoading={props.busy}
      okButtonProps={{ disabled: !!p?.firstKey && !checked && !p.duplicate }}
      onCancel={props.onCancel}
      onOk={() => (p?.duplicate ? props.onCancel() : props.onConfirm(checked))}
      afterOpenChange={(open) => !open && setChecked(false)}
      destroyOnHidden
    >
      {p && (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label="乡镇">{`${p.township.name}（${p.township.code}）`}</Descriptions.Item>
            <Descriptions.Item label="文件序号">{`第 ${p.bundleSeq} 号${p.full ? '（完整导出）' : ''}`}</Descriptions.Item>
            <Descriptions.Item label="文件">{p.fileName}</Descriptions.Item>
            <Descriptions.Item label="导出时间（乡镇电脑时钟）">{dayjs(p.createdAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
          </Descriptions>
          {p.notes.map((n) => (
            <Alert key={n} type={p.duplicate ? 'info' : 'warning'} showIcon message={n} />
          ))}
          {p.firstKey && !p.duplicate && (
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
