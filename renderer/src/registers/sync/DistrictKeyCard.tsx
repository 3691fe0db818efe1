import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Space, Typography } from 'antd';
import type { SyncStatus } from '../../../../electron/api/contract';
import { call, showError } from '../../api/client';
import { downloadOffered } from '../../api/files';
import { PickFile } from './PickFile';

/** The district's key pair: created once (or loaded from its file), fingerprint read out to townships. */
export function DistrictKeyCard(props: { status: SyncStatus | null; onChanged(): void }) {
  const { message, modal } = App.useApp();
  const [pass, setPass] = useState('');
  const [busy, setBusy] = useState(false);
  const d = props.status?.district;

  const create = async () => {
    setBusy(true);
    try {
      const r = await call('sync.createDistrictKeys', { passphrase: pass });
      downloadOffered(r.publicKey);
      setTimeout(() => downloadOffered(r.privateKey), 300);
      modal.success({
        title: '已生成区县密钥',
        content: `公钥指纹 ${r.fingerprint}。请将 district.pub 发给各乡镇，并把 district.key 与口令分开妥善保存。`,
      });
      props.onChanged();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="区县密钥" size="small">
      {d ? (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="区县">{`${d.name}（${d.code}）`}</Descriptions.Item>
          <Descriptions.Item label="公钥指纹">
            <Typography.Text code>{d.fingerprint}</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Paragraph type="secondary">尚未设置。首次使用请设置口令生成密钥；如已有 district.key，可直接导入。</Typography.Paragraph>
      )}
      <Form layout="inline" style={{ marginTop: 8 }}>
        <Form.Item label="私钥口令" htmlFor="district-key-pass">
          <Input.Password id="district-key-pass" value={pass} onChange={(e) => setPass(e.target.value)} style={{ width: 220 }} autoComplete="new-password" />
        </Form.Item>
        <Space>
          {!d && (
            <Button type="primary" loading={busy} disabled={pass.length < 8} onClick={() => void create()}>
              生成区县密钥
            </Button>
          )}
          <PickFile
            label="导入私钥文件"
            accept=".key"
            disabled={busy || !pass}
            onFile={(file) =>
              void call('sync.loadDistrictKey', { file, passphrase: pass }).then((r) => {
                void message.success(`已导入区县私钥，指纹 ${r.fingerprint}`);
                props.onChanged();
              }, showError)
            }
          />
        </Space>
      </Form>
    </Card>
  );
}
