import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { VillageBundleItem, VillageExported, VillageOriginInfo, VillageReceiptApplied, VillageSyncStatus } from '../../../../electron/api/contract';
import { call, showError } from '../../api/client';
import { downloadOffered } from '../../api/files';
import { PickFile } from './PickFile';

const when = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/**
 * 数据同步 on a 驻村版: the team's entries go to the township as one file (on a USB stick), and
 * the township's receipt comes back the same way, confirming that file and bringing what the
 * township changed for the village. Whose package set this laptop up stays at hand, with the
 * township's fingerprint to check again by phone.
 */
export function VillageSync() {
  const { message } = App.useApp();
  const [origin, setOrigin] = useState<VillageOriginInfo | null>(null);
  const [status, setStatus] = useState<VillageSyncStatus['laptop']>(null);
  const [exported, setExported] = useState<VillageExported | null>(null);
  const [receipt, setReceipt] = useState<VillageReceiptApplied | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => void call('sync.villageStatus', {}).then((s) => setStatus(s.laptop), showError), []);
  useEffect(() => {
    call('setup.villageOrigin', {}).then(setOrigin, showError);
    load();
  }, [load]);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
      load();
    }
  };

  const exportNow = () =>
    run(async () => {
      const r = await call('sync.villageExport', {});
      downloadOffered(r);
      setExported(r);
      setReceipt(null);
      void message.success(`已导出第 ${r.bundleSeq} 号同步文件（${r.rows} 条记录），请拷贝给乡镇（街道）`);
    });

  const importReceipt = (file: { fileName: string; base64: string }) =>
    run(async () => {
      const r = await call('sync.villageReceipt', { file });
      setReceipt(r);
      setExported(null);
      void message.success(r.already ? `第 ${r.bundleSeq} 号同步文件此前已确认` : `乡镇已确认收到第 ${r.bundleSeq} 号同步文件`);
    });

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title="报送乡镇（街道）" size="small">
        <Space size={48} align="start" wrap>
          <Statistic title="待乡镇确认的记录" value={status?.pending ?? 0} suffix="条" />
          <Statistic title="上次导出" value={when(status?.lastExportAt ?? null)} />
          <Statistic title="上次收到乡镇回执" value={when(status?.lastReceiptAt ?? null)} />
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 12 }}>
          导出的文件只含本机录入的驻村日志、流动党员联系记录和项目进展，已加密，只有{origin?.township.name ?? '乡镇（街道）'}能打开。请用U盘交给乡镇，乡镇导入后会给一份回执文件，拿回来在这里导入。
        </Typography.Paragraph>
        <Space wrap>
          <Button type="primary" icon={<ExportOutlined aria-hidden />} loading={busy} onClick={() => void exportNow()}>
            导出给乡镇
          </Button>
          <PickFile label="导入乡镇回执" accept=".tlreceipt" disabled={busy} onFile={(file) => void importReceipt(file)} />
        </Space>
        {exported && (
          <Alert
            type="success"
            showIcon
            style={{ marginTop: 12 }}
            data-testid="village-exported"
            message={`第 ${exported.bundleSeq} 号同步文件已导出：${exported.rows} 条记录${exported.tables.length ? `（${exported.tables.map((t) => `${t.label} ${t.rows} 条`).join('，')}）` : ''}`}
            description={
              <span>
                浏览器已下载 {exported.fileName}；本机另存有一份：<Typography.Text code>{exported.savedPath}</Typography.Text>
              </span>
            }
          />
        )}
        {receipt && <ReceiptWords r={receipt} />}
      </Card>
      <Card title="已导出的同步文件" size="small">
        <Table<VillageBundleItem>
          rowKey="bundleSeq"
          size="small"
          bordered
          pagination={{ pageSize: 5, showTotal: (t) => `共 ${t} 个` }}
          dataSource={status?.bundles ?? []}
          columns={[
            { title: '序号', dataIndex: 'bundleSeq', width: 70 },
            { title: '文件名', dataIndex: 'fileName', ellipsis: true },
            { title: '导出时间', dataIndex: 'createdAt', width: 150, render: when },
            { title: '记录数', dataIndex: 'rows', width: 80 },
            {
              title: '状态',
              dataIndex: 'ackedAt',
              width: 190,
              render: (a: string | null) => (a ? <Tag color="green">乡镇已确认 {when(a)}</Tag> : <Tag color="orange">待乡镇回执</Tag>),
            },
          ]}
        />
      </Card>
      {origin && (
        <Card title="驻村版" size="small">
          <Descriptions
            column={2}
            size="small"
            items={[
              { key: 'village', label: '村（社区）', children: origin.village.name },
              { key: 'township', label: '所属乡镇（街道）', children: `${origin.township.name}（${origin.township.code}）` },
              {
                key: 'fp',
                label: '乡镇密钥指纹',
                children: (
                  <Typography.Text strong style={{ fontFamily: 'monospace' }}>
                    {origin.township.fingerprint}
                  </Typography.Text>
                ),
              },
              { key: 'made', label: '配置包生成日期', children: origin.packageCreatedAt.slice(0, 10) },
              {
                key: 'own',
                label: '本机指纹',
                children: (
                  <Typography.Text strong style={{ fontFamily: 'monospace' }} data-testid="laptop-own-fingerprint">
                    {status?.signerFingerprint}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}

/** What the receipt changed here, as the first secretary would say it. */
function ReceiptWords({ r }: { r: VillageReceiptApplied }) {
  return (
    <Alert
      type={r.already ? 'info' : 'success'}
      showIcon
      style={{ marginTop: 12 }}
      data-testid="village-receipt"
      message={r.already ? `第 ${r.bundleSeq} 号同步文件此前已确认，本次没有新的变化` : `乡镇已确认收到第 ${r.bundleSeq} 号同步文件`}
      description={
        r.changes.length ? (
          <>
            <div>乡镇带回的变化：</div>
            <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
              {r.changes.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </>
        ) : r.already ? undefined : (
          '乡镇这边本村的人员、项目和设置没有变化。'
        )
      }
    />
  );
}
