import { useEffect, useState, type ReactNode } from 'react';
import { App, Button, Form, Modal, Space } from 'antd';
import type { FormInstance } from 'antd';
import { reportError } from '../api/client';
import { NO_FOCUS_RETURN, useFocusBack } from './focusBack';
import { formState, useConfirmDiscard, useEdits, FIRST_ERROR } from './formState';

interface Props<V> {
  open: boolean;
  title: string;
  name: string;
  initialValues: Partial<V>;
  /** Returns when saved; a thrown ApiFailure lands under its fields. */
  onSubmit(values: V, form: FormInstance<V>): Promise<void>;
  onClose(): void;
  onSaved(): void;
  children: ReactNode;
}

/**
 * A small labelled form in a modal (posting, ending a posting, reviews, a contact record); Enter
 * submits; Esc, 取消 and the close button ask before unsaved changes are thrown away.
 */
export function ModalForm<V extends object>({ open, title, name, initialValues, onSubmit, onClose, onSaved, children }: Props<V>) {
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [saving, setSaving] = useState(false);
  const confirmDiscard = useConfirmDiscard();
  const edits = useEdits(form);
  // A save is not sent twice: Enter submits through the hidden button below, which a loading
  // 保存 does not guard (finish does).
  const cancel = () => confirmDiscard(formState(edits.isEdited(), saving), onClose);
  const back = useFocusBack(open);

  useEffect(() => {
    if (open) form.resetFields();
    edits.settle();
  }, [open, form, edits]);

  async function finish(v: V) {
    if (saving) return;
    setSaving(true);
    try {
      await onSubmit(v, form);
      void message.success('已保存');
      onClose();
      onSaved();
    } catch (err) {
      reportError(form, err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={title}
      onCancel={cancel}
      // The cursor starts in the first field, as in the drawers, so the clerk can type at once.
      afterOpenChange={(isOpen) => (isOpen ? focusFirstField(name) : back.closed())}
      focusable={NO_FOCUS_RETURN}
      forceRender
      mask={{ closable: false }}
      footer={
        <Space>
          <Button onClick={cancel} disabled={saving}>
            取消
          </Button>
          <Button type="primary" htmlType="submit" form={name} loading={saving}>
            保存
          </Button>
        </Space>
      }
    >
      <Form<V> id={name} name={name} form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void finish(v)} onValuesChange={edits.onValuesChange} scrollToFirstError={FIRST_ERROR}>
        {children}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

/**
 * Unless the clerk is already in one of its fields: a click into a later field before the opening
 * animation ended had focus taken back, closing that field's open list (as in FormDrawer).
 */
function focusFirstField(formId: string): void {
  const form = document.querySelector<HTMLFormElement>(`form#${CSS.escape(formId)}`);
  if (!form || form.contains(document.activeElement)) return;
  form.querySelector<HTMLElement>(':is(input, textarea):not([type=hidden]):not([disabled]):not([tabindex="-1"])')?.focus();
}
