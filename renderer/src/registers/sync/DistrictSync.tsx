import { useCallback, useEffect, useState } from 'react';
import { App, Card, Form, Input, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { BundlePreview, Completeness, ImportHistoryItem, SyncStatus } from '../../../../electron/api/contract';
import { call, showError } from '../../api/client';
import { downloadOffered } from '../../api/files';
import { sendBundle } from '../../api/upload';
import { DistrictKeyCard } from './DistrictKeyCard';
import { PickFile } from './PickFile';
import { PinsCard } from './PinsCard';
import { PreviewModal } from './PreviewModal';

const when = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** District: keys, import with preview and confirmation, history, and who has not sent a bundle. */
export function DistrictSync() {
  const { message } = App.useApp();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [history, setHistory] = useState<ImportHistoryItem[]>([]);
  const [grid, setGrid] = useState<Completeness | null>(null);
  const [pass, setPass] = useState('');
  const [preview, setPreview] = useState<BundlePreview | null>(null);
  const [busy, setBusy] = useState(false);

  const [tick, setTick] = useState(0);
  const load = useCallback(() => {
    call('sync.status', {}).then(setStatus, showError);
    call('sync.history', { pageSize: 50 }).then((p) => {
      setHistory(p.rows);
      // The computers list follows every import (a new one is pinned by it).
      setTick((t) => t + 1);
    }, showError);
    call('sync.completeness', { weeks: 8 }).then(setGrid, showError);
  }, []);
  useEffect(load, [load]);

  const confirm = async (flags: { confirmKey: boolean; confirmNewInstallation: boolean }) => {
    if (!preview) return;
    setBusy(true);
    try {
      const r = await call('sync.apply', { stageId: preview.stageId, ...flags });
      const n = r.tables.reduce((a, t) => a + t.new + t.changed + t.deleted, 0);
      void message.success(`已导入${preview.township.name}第 ${preview.bundleSeq} 号同步文件：${n} 条变更。回执已生成，请交给乡镇导入。`);
      downloadOffered(r.receipt);
      setPreview(null);
      load();
    } catch (err) {
      showError(err);
      // A refusal at apply is recorded too: the history shows it at once.
      load();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DistrictKeyCard status={status} onChanged={load} />
      <Card title="导入乡镇同步文件" size="small">
        <Form layout="inline">
          <Form.Item label="私钥口令" htmlFor="bundle-pass">
            <Input.Password id="bundle-pass" aria-label="导入口令" value={pass} onChange={(e) => setPass(e.target.value)} style={{ width: 220 }} autoComplete="off" />
          </Form.Item>
          <PickFile
            label="选择同步文件并预览"
            accept=".tlbundle"
            disabled={!status?.district || !pass || busy}
            onPick={(file) => {
              setBusy(true);
              sendBundle(file)
                .then((source) => call('sync.preview', { ...source, passphrase: pass }))
                .then(setPreview, (err: unknown) => {
                  showError(err);
                  // A refused file is in the history now: show it there at once.
                  load();
                })
                .finally(() => setBusy(false));
            }}
          />
        </Form>
      </Card>
      <Card title="各乡镇报送情况（近8周，按乡镇导出时间）" size="small">
        <Table
          rowKey="code"
          size="small"
          bordered
          pagination={false}
          dataSource={grid?.townships ?? []}
          scroll={{ x: 900 }}
          columns={[
            { title: '乡镇（街道）', dataIndex: 'name', fixed: 'left', width: 140 },
            ...(grid?.weeks ?? []).map((w, i) => ({
              title: `${w.start.slice(5)}起`,
              key: w.start,
              width: 80,
              render: (_: unknown, r: Completeness['townships'][number]) =>
                r.counts[i] === null ? (
                  <Typography.Text type="secondary" title="该乡镇此时尚未首次导出（尚未启用）">
                    —
                  </Typography.Text>
                ) : r.counts[i] ? (
                  <Tag color="green">{r.counts[i]}</Tag>
                ) : (
                  <Tag color="red">未报</Tag>
                ),
            })),
            { title: '数据截至（导出）', dataIndex: 'asOf', width: 150, render: when },
            {
              title: '最近导入',
              dataIndex: 'lastImportAt',
              width: 170,
              render: (at: string | null, r: Completeness['townships'][number]) => (
                <span title={r.clockNote ?? undefined}>
                  {when(at)}
                  {r.clockNote && <Tag color="warning" style={{ marginLeft: 4 }}>时钟</Tag>}
                </span>
              ),
            },
          ]}
        />
      </Card>
      <Card title="导入记录" size="small">
        <Table<ImportHistoryItem>
          rowKey="key"
          size="small"
          bordered
          dataSource={history}
          pagination={{ pageSize: 10, showTotal: (t) => `共 ${t} 条` }}
          columns={[
            {
              title: '结果',
              dataIndex: 'result',
              width: 80,
              render: (r: ImportHistoryItem['result']) => (r === 'applied' ? <Tag color="green">已导入</Tag> : <Tag color="red">已拒绝</Tag>),
            },
            { title: '乡镇', dataIndex: 'township', width: 120, render: (t: string | null) => t ?? '—' },
            { title: '序号', dataIndex: 'bundleSeq', width: 70, render: (n: number | null) => n ?? '—' },
            { title: '文件', dataIndex: 'fileName', ellipsis: true },
            { title: '导入时间', dataIndex: 'importedAt', width: 150, render: when },
            { title: '操作人', dataIndex: 'importedBy', width: 90 },
            { title: '变更数', dataIndex: 'rows', width: 80 },
            { title: '提示或原因', key: 'notes', render: (_: unknown, r: ImportHistoryItem) => r.reason ?? (r.notes.join('；') || '—') },
          ]}
        />
      </Card>
      <PinsCard refreshKey={tick} onChanged={load} />
      <PreviewModal preview={preview} busy={busy} onCancel={() => setPreview(null)} onConfirm={(c) => void confirm(c)} />
    </Space>
  );
}
