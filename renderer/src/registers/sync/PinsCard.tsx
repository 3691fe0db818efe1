import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { PinnedInstallation } from '../../../../electron/api/contract';
import { call, showError } from '../../api/client';

const when = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/**
 * District: which township computer (and signing key) each township's bundles are accepted from.
 * A computer that is lost or replaced can be stopped, with a reason that goes to the audit log.
 */
export function PinsCard(props: { refreshKey: unknown; onChanged(): void }) {
  const { message } = App.useApp();
  const [pins, setPins] = useState<PinnedInstallation[]>([]);
  const [revoking, setRevoking] = useState<PinnedInstallation | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => void call('sync.pins', {}).then(setPins, showError), []);
  useEffect(load, [load, props.refreshKey]);

  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    try {
      await call('sync.revokePin', { installationId: revoking.installationId, reason });
      void message.success(`已停用${revoking.townshipName}的这台电脑，今后不再接受它的同步文件`);
      setRevoking(null);
      setReason('');
      load();
      props.onChanged();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="已登记的乡镇电脑（签名密钥）" size="small">
      <Table<PinnedInstallation>
        rowKey="installationId"
        size="small"
        bordered
        dataSource={pins}
        pagination={{ pageSize: 10, showTotal: (t) => `共 ${t} 台` }}
        columns={[
          { title: '乡镇（街道）', dataIndex: 'townshipName', width: 130 },
          { title: '代码', dataIndex: 'townshipCode', width: 100 },
          { title: '签名指纹', dataIndex: 'fingerprint', render: (f: string) => <Typography.Text code>{f}</Typography.Text> },
          { title: '登记时间', dataIndex: 'pinnedAt', width: 150, render: when },
          {
            title: '状态',
            key: 'state',
            width: 200,
            render: (_: unknown, p) => (p.revokedAt ? <Tag color="red">已停用 {when(p.revokedAt)}：{p.revokeReason}</Tag> : <Tag color="green">使用中</Tag>),
          },
          {
            title: '操作',
            key: 'ops',
            width: 80,
            render: (_: unknown, p) =>
              p.revokedAt ? null : (
                <Button size="small" danger onClick={() => setRevoking(p)}>
                  停用
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={!!revoking}
        title={`停用${revoking?.townshipName ?? ''}的这台电脑`}
        okText="停用"
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void revoke()}
        onCancel={() => setRevoking(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>
          指纹 <Typography.Text code>{revoking?.fingerprint}</Typography.Text>。停用后不再接受这台电脑导出的同步文件；已导入的数据保留。
        </Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label="停用原因" required>
            <Input.TextArea aria-label="停用原因" value={reason} maxLength={200} showCount onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
