import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Progress, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { ExportedBundle, SyncStatus } from '../../../../electron/api/contract';
import { call, showError } from '../../api/client';
import { downloadOffered } from '../../api/files';
import { PickFile } from './PickFile';

const when = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** Township: load the district key once, export bundles, import the district's receipts. */
export function TownshipSync() {
  const { message } = App.useApp();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [full, setFull] = useState(false);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const load = useCallback(() => call('sync.status', {}).then(setStatus, showError), []);
  useEffect(() => void load(), [load]);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
      await load();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const exportNow = () =>
    run(async () => {
      // Large exports take a while: the bar follows the rows written so far.
      const timer = setInterval(() => void call('sync.exportProgress', {}).then((p) => p && setProgress(p), () => undefined), 400);
      try {
        const r = await call('sync.export', { full });
        downloadOffered(r);
        void message.success(`已导出第 ${r.bundleSeq} 号同步文件（${r.rows} 条记录）：${r.fileName}`);
      } finally {
        clearInterval(timer);
        setProgress(null);
      }
    });

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title="区县公钥" size="small">
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="区县">{status?.district ? `${status.district.name}（${status.district.code}）` : '尚未导入'}</Descriptions.Item>
          <Descriptions.Item label="公钥指纹">
            {status?.district ? <Typography.Text code>{status.district.fingerprint}</Typography.Text> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="本机签名指纹">
            <Typography.Text code>{status?.signerFingerprint}</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
        {status?.district && !status.districtKeyConfirmed ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message="请先电话核对区县公钥指纹"
            description={
              <Space direction="vertical">
                <span>请与区委组织部电话逐组核对上面的公钥指纹。一致后点击下面的按钮，才可导出同步文件；不一致请勿使用，并重新索取公钥。</span>
                <Button
                  disabled={busy}
                  onClick={() =>
                    void run(async () => {
                      await call('sync.confirmDistrictKey', { fingerprint: status.district!.fingerprint });
                      void message.success('已确认区县公钥指纹');
                    })
                  }
                >
                  已电话核对，指纹一致
                </Button>
              </Space>
            }
          />
        ) : (
          <Typography.Paragraph type="secondary">{status?.district ? '区县公钥指纹已核对。' : '请导入区县组织部提供的公钥文件（district.pub），并电话核对指纹。'}</Typography.Paragraph>
        )}
        <PickFile
          label={status?.district ? '更换区县公钥' : '导入区县公钥'}
          accept=".pub"
          disabled={busy}
          onFile={(file) =>
            void run(async () => {
              const r = await call('sync.setDistrictKey', { file });
              void message.success(`已导入 ${r.name} 的公钥，指纹 ${r.fingerprint}`);
            })
          }
        />
      </Card>
      <Card title="导出同步文件" size="small">
        <Space size={48} align="start" wrap>
          <Statistic title="待同步的变更" value={status?.pendingChanges ?? 0} suffix="条" />
          <Statistic title="上次导出" value={when(status?.lastExportAt ?? null)} />
        </Space>
        {status?.nextExportFull && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 16 }}
            message="本机数据已从备份恢复，下一次导出为完整导出"
            description="区县导入后，将以本乡镇现有的数据为准，更正区县中本乡镇范围内的数据（区县会在导入前看到差异清单）。"
          />
        )}
        <div style={{ marginTop: 16 }}>
          <Space wrap>
            <Checkbox checked={full || !!status?.nextExportFull} disabled={!!status?.nextExportFull} onChange={(e) => setFull(e.target.checked)}>
              完整导出（包含全部数据，区县要求时使用）
            </Checkbox>
            <Button type="primary" icon={<ExportOutlined aria-hidden />} loading={busy} disabled={!status?.district || !status.districtKeyConfirmed} onClick={() => void exportNow()}>
              导出同步文件
            </Button>
            {progress && progress.total > 0 && (
              <Progress percent={Math.floor((progress.done * 100) / progress.total)} size="small" style={{ width: 200 }} format={() => `${progress.done}/${progress.total}`} />
            )}
            <PickFile
              label="导入回执"
              accept=".tlreceipt"
              disabled={busy}
              onFile={(file) =>
                void run(async () => {
                  const r = await call('sync.importReceipt', { file });
                  void message.success(r.already ? `第 ${r.bundleSeq} 号此前已确认` : `区县已确认收到第 ${r.bundleSeq} 号同步文件`);
                })
              }
            />
          </Space>
        </div>
      </Card>
      <Card title="已导出的同步文件" size="small">
        <Table<ExportedBundle>
          rowKey="bundleSeq"
          size="middle"
          bordered
          pagination={false}
          dataSource={status?.bundles ?? []}
          columns={[
            { title: '序号', dataIndex: 'bundleSeq', width: 70 },
            { title: '文件名', dataIndex: 'fileName' },
            { title: '导出时间', dataIndex: 'createdAt', width: 160, render: when },
            { title: '记录数', dataIndex: 'rows', width: 90 },
            { title: '类型', dataIndex: 'full', width: 90, render: (f: boolean) => (f ? '完整' : '增量') },
            {
              title: '状态',
              dataIndex: 'ackedAt',
              width: 170,
              render: (a: string | null) => (a ? <Tag color="green">区县已确认 {when(a)}</Tag> : <Tag color="orange">待区县确认</Tag>),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
