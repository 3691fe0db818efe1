import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Form, Space, Typography } from 'antd';
import type { BackupList } from '../../../electron/api/contract';
import { call, reportError, showError } from '../api/client';
import { useFirstFill } from '../components/formState';
import { BackupTable } from '../registers/backup/BackupTable';
import { ManualBackupCard } from '../registers/backup/ManualBackupCard';
import { RestoreFromFile } from '../registers/backup/RestoreFromFile';
import { WholeNumber } from '../components/WholeNumber';

/** 数据备份: manual backup, the automatic backups kept, and restore from any of them. */
export function BackupPage() {
  const { message } = App.useApp();
  const [list, setList] = useState<BackupList | null>(null);
  const [loading, setLoading] = useState(true);
  const [keepForm] = Form.useForm<{ backupKeep: number }>();
  const { filled, fill } = useFirstFill(keepForm);

  const load = useCallback(() => {
    call('backup.list', {})
      .then((l) => {
        setList(l);
        fill({ backupKeep: l.keep });
      })
      .catch(showError)
      .finally(() => setLoading(false));
  }, [fill]);

  useEffect(load, [load]);

  const saveKeep = async ({ backupKeep }: { backupKeep: number }) => {
    try {
      await call('settings.update', { backupKeep });
      void message.success('已保存');
      load();
    } catch (err) {
      reportError(keepForm, err);
    }
  };

  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        数据备份
      </Typography.Title>
      <ManualBackupCard defaultFolder={list?.folder ?? ''} onMade={load} />
      <Card title="自动备份" size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">
          每次启动程序时自动备份一次到 <Typography.Text code>{list?.folder}</Typography.Text>，只保留最近的若干份；升级前、恢复前的备份和手动备份不会被自动删除。
        </Typography.Paragraph>
        <Form form={keepForm} layout="inline" disabled={!filled} onFinish={(v) => void saveKeep(v)}>
          <Form.Item name="backupKeep" label="自动备份保留份数" rules={[{ required: true, message: '请填写保留份数' }]}>
            <WholeNumber style={{ width: 120 }} />
          </Form.Item>
          <Button htmlType="submit">保存</Button>
        </Form>
      </Card>
      <Card title="从备份恢复" size="small">
        <Space direction="vertical" style={{ width: '100%' }}>
          <BackupTable backups={list?.backups ?? []} loading={loading} />
          <RestoreFromFile />
        </Space>
      </Card>
    </>
  );
}
