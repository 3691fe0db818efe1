import { useState, type ReactNode } from 'react';
import { Button, Card, Form, Input, Modal, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { showError } from '../../api/client';

export const when = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

interface Pin {
  installationId: string;
  fingerprint: string;
  pinnedAt: string;
  revokedAt: string | null;
  revokeReason: string | null;
}

/**
 * The computers whose files are accepted (a district's township PCs, a township's 驻村版 laptops),
 * each with its fingerprint and state; a lost one is stopped with a reason that goes to the audit
 * log. The caller names the computer and sends the revocation.
 */
export function PinnedTable<P extends Pin>(props: {
  title: string;
  rows: P[];
  pageSize: number;
  emptyText?: string;
  /** Columns before the fingerprint (whose computer it is). */
  leading: TableColumnsType<P>;
  fingerprintTitle: string;
  /** "雁山镇的这台电脑": the dialog's title and the confirmation speak of it so. */
  which(p: P): string;
  /** What stopping it means, under the fingerprint in the dialog. */
  note: ReactNode;
  revoke(p: P, reason: string): Promise<void>;
}) {
  const [revoking, setRevoking] = useState<P | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    try {
      await props.revoke(revoking, reason);
      setRevoking(null);
      setReason('');
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<P> = [
    ...props.leading,
    { title: props.fingerprintTitle, dataIndex: 'fingerprint', render: (f: string) => <Typography.Text code>{f}</Typography.Text> },
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
  ];

  return (
    <Card title={props.title} size="small">
      <Table<P>
        rowKey="installationId"
        size="small"
        bordered
        dataSource={props.rows}
        locale={props.emptyText ? { emptyText: props.emptyText } : undefined}
        pagination={{ pageSize: props.pageSize, showTotal: (t) => `共 ${t} 台` }}
        columns={columns}
      />
      <Modal
        open={!!revoking}
        title={revoking ? `停用${props.which(revoking)}` : ''}
        okText="停用"
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void revoke()}
        onCancel={() => setRevoking(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>
          指纹 <Typography.Text code>{revoking?.fingerprint}</Typography.Text>。{props.note}
        </Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label="停用原因" required>
            <Input.TextArea aria-label="停用原因" value={reason} count={{ show: true, max: 200 }} autoFocus onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
