import { useState } from 'react';
import { App, Button, Input, Space } from 'antd';
import { confirmRestore } from './restoreFlow';

/** 从其他文件恢复: a backup kept elsewhere (a USB stick), by its full path. */
export function RestoreFromFile() {
  const { modal } = App.useApp();
  const [file, setFile] = useState('');
  return (
    <Space.Compact style={{ width: '100%', maxWidth: 640 }}>
      <Input placeholder="备份文件的完整路径，如 E:\台账备份\ledger.v9.20260105T080000.manual.db" value={file} onChange={(e) => setFile(e.target.value)} aria-label="备份文件路径" />
      <Button disabled={!file.trim()} onClick={() => void confirmRestore(modal, { file: file.trim() })}>
        从此文件恢复
      </Button>
    </Space.Compact>
  );
}
