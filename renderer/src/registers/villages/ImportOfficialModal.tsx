import { useEffect, useState } from 'react';
import { App, Button, Modal, Space, Typography } from 'antd';
import type { OfficialVillage } from '../../../../electron/api/contract';
import { call, showError } from '../../api/client';
import { defaultSelection, OfficialVillagesTable } from '../../components/OfficialVillagesTable';
import { NO_FOCUS_RETURN, useFocusBack } from '../../components/focusBack';

interface Props {
  open: boolean;
  townshipCode: string;
  onClose(): void;
  onImported(): void;
}

/** Adds villages from the official list that are not yet in the register. */
export function ImportOfficialModal({ open, townshipCode, onClose, onImported }: Props) {
  const back = useFocusBack(open);
  return (
    <Modal open={open} title="导入官方名单" width={820} footer={null} onCancel={onClose} destroyOnHidden focusable={NO_FOCUS_RETURN} afterOpenChange={(o) => o || back.closed()}>
      <ImportBody townshipCode={townshipCode} onClose={onClose} onImported={onImported} />
    </Modal>
  );
}

/** Mounted only while the modal is open, so every opening reads the list afresh. */
function ImportBody({ townshipCode, onClose, onImported }: Omit<Props, 'open'>) {
  const { message } = App.useApp();
  const [rows, setRows] = useState<OfficialVillage[] | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let stale = false;
    call('setup.officialVillages', { code: townshipCode })
      .then((r) => {
        if (stale) return;
        setRows(r);
        setSelected(defaultSelection(r));
      })
      .catch((err: unknown) => {
        if (stale) return;
        showError(err);
        setRows([]);
      });
    return () => {
      stale = true;
    };
  }, [townshipCode]);

  async function importSelected() {
    setSaving(true);
    try {
      const r = await call('villages.importOfficial', { codes: selected });
      void message.success(`已导入 ${r.imported} 个，跳过 ${r.skipped} 个`);
      onClose();
      onImported();
    } catch (err) {
      showError(err);
      setSaving(false);
    }
  }

  const list = rows ?? [];
  return (
    <>
      <Space size="large" style={{ marginBottom: 12 }}>
        <Typography.Text strong>共 {list.length} 个村（社区）</Typography.Text>
        <Typography.Text type="secondary">已登记 {list.filter((r) => r.exists).length} 个</Typography.Text>
        <Typography.Text type="secondary">已选 {selected.length} 个</Typography.Text>
      </Space>
      <OfficialVillagesTable rows={list} loading={rows === null} selected={selected} onSelect={setSelected} disableExisting />
      <Space style={{ marginTop: 16, width: '100%', justifyContent: 'flex-end' }}>
        <Button onClick={onClose}>取消</Button>
        <Button type="primary" loading={saving} disabled={!selected.length} onClick={() => void importSelected()}>
          导入所选
        </Button>
      </Space>
    </>
  );
}
