import { useEffect, useState } from 'react';
import { Button, Card, Result, Space, Typography } from 'antd';
import type { BackupList, DamagedExport } from '../../../electron/api/contract';
import { call, showError } from '../api/client';
import { downloadOffered } from '../api/files';
import { BackupTable } from '../registers/backup/BackupTable';
import { RestoreFromFile } from '../registers/backup/RestoreFromFile';
import { useAppStore } from '../stores/appStore';

/** The database failed its check at start: offer the backups, and to keep the damaged file aside. */
export function DamagedPage() {
  const status = useAppStore((s) => s.status);
  const [list, setList] = useState<BackupList | null>(null);
  const [aside, setAside] = useState<DamagedExport | null>(null);

  useEffect(() => {
    call('backup.list', {}).then(setList).catch(showError);
  }, []);

  const exportDamaged = async () => {
    try {
      const r = await call('backup.exportDamaged', {});
      setAside(r);
      downloadOffered({ downloadId: r.downloadId, fileName: r.fileName });
    } catch (err) {
      showError(err);
    }
  };

  return (
    <div style={{ maxWidth: 960, margin: '24px auto', padding: '0 16px' }}>
      <Result status="error" title="数据库文件已损坏" subTitle={status?.damaged} style={{ paddingBottom: 8 }} />
      <Card title="从备份恢复" size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">数据文件：{status?.dbFile}。请选择一份备份恢复（恢复前程序会先把损坏的文件另存一份）。</Typography.Paragraph>
        <Space direction="vertical" style={{ width: '100%' }}>
          <BackupTable backups={list?.backups ?? []} loading={!list} />
          <RestoreFromFile />
        </Space>
      </Card>
      <Card title="另存损坏的文件" size="small">
        <Space direction="vertical">
          <Typography.Text type="secondary">把损坏的数据库原样另存一份，交给信息化人员尝试修复。</Typography.Text>
          <Button onClick={() => void exportDamaged()}>另存损坏的文件</Button>
          {aside && (
            <Typography.Text>
              已另存到：<Typography.Text code>{aside.file}</Typography.Text>
            </Typography.Text>
          )}
        </Space>
      </Card>
    </div>
  );
}
