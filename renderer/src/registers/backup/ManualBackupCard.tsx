import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Space, Typography } from 'antd';
import type { BackupMade } from '../../../../electron/api/contract';
import { call, reportError } from '../../api/client';
import { downloadOffered } from '../../api/files';
import { formatSize } from './format';

/**
 * 立即备份: to the backups folder or a folder the clerk types or pastes (browser mode cannot show
 * a folder dialog), then 下载备份 hands the finished, checked copy to the browser's download.
 */
export function ManualBackupCard({ defaultFolder, onMade }: { defaultFolder: string; onMade: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ folder: string }>();
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<BackupMade | null>(null);

  useEffect(() => {
    if (defaultFolder && !form.getFieldValue('folder')) form.setFieldsValue({ folder: defaultFolder });
  }, [defaultFolder, form]);

  const create = async ({ folder }: { folder: string }) => {
    setBusy(true);
    try {
      const r = await call('backup.create', { folder: folder?.trim() || undefined });
      setMade(r);
      void message.success('备份完成，已通过完整性检查');
      onMade();
    } catch (err) {
      reportError(form, err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="立即备份" size="small" style={{ marginBottom: 16 }}>
      <Form form={form} layout="vertical" onFinish={(v) => void create(v)}>
        <Form.Item name="folder" label="备份到文件夹" extra="默认是数据库旁的 backups 文件夹；也可粘贴其他文件夹的完整路径（如U盘）。">
          <Input style={{ maxWidth: 560 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          立即备份
        </Button>
      </Form>
      {made && (
        <Space direction="vertical" style={{ marginTop: 12 }} data-testid="backup-made">
          <Typography.Text>
            已备份到：<Typography.Text code>{made.file}</Typography.Text>（{formatSize(made.size)}）
          </Typography.Text>
          <Button onClick={() => downloadOffered({ downloadId: made.downloadId, fileName: made.name })}>下载备份</Button>
        </Space>
      )}
    </Card>
  );
}
