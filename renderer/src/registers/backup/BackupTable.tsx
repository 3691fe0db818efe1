import { App, Button, Table, Tag } from 'antd';
import type { BackupInfo } from '../../../../electron/api/contract';
import { confirmRestore } from './restoreFlow';
import { formatSize, formatTime, KIND_LABELS } from './format';

/** The backups in the backups folder, newest first, each with 恢复. */
export function BackupTable({ backups, loading }: { backups: BackupInfo[]; loading?: boolean }) {
  const { modal } = App.useApp();
  return (
    <Table<BackupInfo>
      rowKey="file"
      size="small"
      loading={loading}
      dataSource={backups}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: '还没有备份' }}
      columns={[
        { title: '备份时间', dataIndex: 'createdAt', width: 180, render: (v: string) => formatTime(v) },
        { title: '类型', dataIndex: 'kind', width: 140, render: (k: BackupInfo['kind']) => <Tag>{KIND_LABELS[k]}</Tag> },
        { title: '大小', dataIndex: 'size', width: 100, render: (s: number) => formatSize(s) },
        { title: '文件名', dataIndex: 'name', ellipsis: true },
        {
          title: '操作',
          width: 90,
          render: (_, b) => (
            <Button size="small" onClick={() => void confirmRestore(modal, b)}>
              恢复
            </Button>
          ),
        },
      ]}
    />
  );
}
