import { useCallback, useEffect, useState } from 'react';
import { App, Card, Space, Table, Tag, Typography } from 'antd';
import type { VillageBundlePreviewed, VillageImportItem, VillageLaptopItem, VillageSyncStatus } from '../../../../electron/api/contract';
import { call, showError } from '../../api/client';
import { downloadOffered } from '../../api/files';
import { sendBundle } from '../../api/upload';
import { PickFile } from './PickFile';
import { PinnedTable, when } from './PinnedTable';
import { VillagePreviewModal, type ConflictChoices } from './VillagePreviewModal';

/**
 * Township: the files the 驻村版 laptops send (preview, confirm the laptop's fingerprint the first
 * time, import, hand the receipt back), what was imported or refused, and the laptops accepted.
 */
export function TownshipVillages() {
  const { message } = App.useApp();
  const [status, setStatus] = useState<VillageSyncStatus['township']>(null);
  const [preview, setPreview] = useState<VillageBundlePreviewed | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => void call('sync.villageStatus', {}).then((s) => setStatus(s.township), showError), []);
  useEffect(load, [load]);

  const pick = (file: File) => {
    setBusy(true);
    sendBundle(file)
      .then((source) => call('sync.villagePreview', source))
      .then(setPreview, showError)
      .finally(() => {
        setBusy(false);
        load();
      });
  };

  const confirm = async (confirmPin: boolean, choices: ConflictChoices) => {
    if (!preview?.stageId) return;
    setBusy(true);
    try {
      const r = await call('sync.villageApply', { stageId: preview.stageId, confirmPin, choices });
      const n = r.tables.reduce((a, t) => a + t.new + t.changed + t.deleted, 0);
      downloadOffered(r.receipt);
      void message.success(
        r.result === 'duplicate'
          ? `${r.village}第 ${r.bundleSeq} 号文件此前已导入，已重新生成回执，请交给驻村工作队`
          : `已导入${r.village}第 ${r.bundleSeq} 号文件：${n} 条变更。回执已下载，请交给驻村工作队导入。`,
      );
      setPreview(null);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
      load();
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title="导入驻村版数据" size="small">
        <Typography.Paragraph type="secondary">
          驻村工作队用驻村版导出的文件（.tlbundle）拷到本机后在这里导入：先预览，首次导入需与第一书记电话核对驻村版电脑指纹；导入后会下载一份回执文件，请拷回驻村版导入。
        </Typography.Paragraph>
        <PickFile label="选择驻村版文件并预览" accept=".tlbundle" disabled={busy} onPick={pick} />
      </Card>
      <Card title="驻村版导入记录" size="small">
        <Table<VillageImportItem>
          rowKey="key"
          size="small"
          bordered
          dataSource={status?.imports ?? []}
          pagination={{ pageSize: 5, showTotal: (t) => `共 ${t} 条` }}
          columns={[
            {
              title: '结果',
              dataIndex: 'result',
              width: 80,
              render: (r: VillageImportItem['result']) => (r === 'applied' ? <Tag color="green">已导入</Tag> : <Tag color="red">已拒绝</Tag>),
            },
            { title: '村（社区）', dataIndex: 'village', width: 110, render: (v: string | null) => v ?? '—' },
            { title: '序号', dataIndex: 'bundleSeq', width: 60, render: (n: number | null) => n ?? '—' },
            { title: '导入时间', dataIndex: 'importedAt', width: 140, render: when },
            { title: '操作人', dataIndex: 'importedBy', width: 80 },
            { title: '变更数', dataIndex: 'rows', width: 70 },
            {
              title: '拒绝原因',
              dataIndex: 'reason',
              render: (r: string | null) => (r ? <Typography.Text type="danger">{r}</Typography.Text> : '—'),
            },
          ]}
        />
      </Card>
      <LaptopsCard laptops={status?.laptops ?? []} onChanged={load} />
      <VillagePreviewModal preview={preview} busy={busy} onCancel={() => setPreview(null)} onConfirm={(c, choices) => void confirm(c, choices)} />
    </Space>
  );
}

/** The laptops whose files are accepted, one per village; a lost one is stopped with a reason (audited). */
function LaptopsCard(props: { laptops: VillageLaptopItem[]; onChanged(): void }) {
  const { message } = App.useApp();
  return (
    <PinnedTable<VillageLaptopItem>
      title="驻村版电脑"
      rows={props.laptops}
      pageSize={5}
      emptyText="尚未导入过驻村版的文件"
      leading={[{ title: '村（社区）', dataIndex: 'villageName', width: 120 }]}
      fingerprintTitle="电脑指纹"
      which={(p) => `${p.villageName}的这台驻村版电脑`}
      note="电脑丢失或损坏时停用：今后不再接受它导出的文件，已导入的数据保留。新电脑请用新生成的驻村版配置包设置，首次导入时再核对指纹。"
      revoke={async (p, reason) => {
        await call('sync.villageRevoke', { installationId: p.installationId, reason });
        void message.success(`已停用${p.villageName}的这台驻村版电脑，今后不再接受它的文件`);
        props.onChanged();
      }}
    />
  );
}
