import { useCallback, useEffect, useState } from 'react';
import { App, Form } from 'antd';
import { call, reportError, showError } from '../../api/client';
import { FormDrawer } from '../../components/FormDrawer';
import { VillageFields } from './VillageFields';
import { fromVillageDetail, NEW_VILLAGE, toVillageInput, type VillageFormValues } from './villageForm';

/** 'new', a village id to edit, or null when closed. */
export type VillageTarget = 'new' | string | null;

interface Props {
  target: VillageTarget;
  onClose(): void;
  onSaved(): void;
}

/** Add / edit drawer for the 村（社区） register. */
export function VillageDrawer({ target, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<VillageFormValues>();
  const [loaded, setLoaded] = useState<{ id: string; version: number; values: Partial<VillageFormValues> } | null>(null);
  const [saving, setSaving] = useState(false);
  const editId = target && target !== 'new' ? target : null;
  const current = editId && loaded?.id === editId ? loaded : null;

  const close = useCallback(() => {
    setLoaded(null);
    onClose();
  }, [onClose]);

  useEffect(() => {
    if (!editId) return;
    let stale = false;
    call('villages.get', { id: editId })
      .then((d) => {
        if (!stale) setLoaded({ id: d.id, version: d.version, values: fromVillageDetail(d) });
      })
      .catch((err: unknown) => {
        if (stale) return;
        showError(err);
        close();
      });
    return () => {
      stale = true;
    };
  }, [editId, close]);

  async function submit(v: VillageFormValues) {
    setSaving(true);
    try {
      const input = toVillageInput(v);
      if (editId && current) await call('villages.update', { id: editId, version: current.version, ...input });
      else if (!editId) await call('villages.create', input);
      else return;
      void message.success('已保存');
      close();
      onSaved();
    } catch (err) {
      reportError(form, err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <FormDrawer<VillageFormValues>
      open={target !== null}
      title={editId ? '编辑村（社区）' : '新增村（社区）'}
      formName="village"
      form={form}
      initialValues={NEW_VILLAGE}
      values={editId ? (current?.values ?? null) : undefined}
      saving={saving}
      focusField="name"
      onClose={close}
      onSubmit={(v) => void submit(v)}
    >
      <VillageFields />
    </FormDrawer>
  );
}
