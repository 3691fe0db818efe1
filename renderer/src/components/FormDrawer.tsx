import { useEffect, useRef, type ReactNode } from 'react';
import { Button, Drawer, Form, Space, Spin } from 'antd';
import type { FormInstance } from 'antd';
import { NO_FOCUS_RETURN, useFocusBack } from './focusBack';
import { formState, useConfirmDiscard, useEdits, FIRST_ERROR } from './formState';

interface Props<V> {
  open: boolean;
  title: string;
  /** Also the form's DOM id, so the footer's submit button belongs to it (Enter submits). */
  formName: string;
  form: FormInstance<V>;
  /** Values for a new record. */
  initialValues: Partial<V>;
  /** An existing record's values; null while it is being loaded. Undefined for a new record. */
  values?: Partial<V> | null;
  saving: boolean;
  /** Field to focus when the drawer has opened. */
  focusField?: string;
  width?: number;
  onClose(): void;
  onSubmit(values: V): void;
  children: ReactNode;
}

/**
 * The one add/edit drawer of the app: vertical form, 取消/保存 footer, Enter submits; Esc, 取消
 * and the close button ask before unsaved changes are thrown away. Registers supply the fields
 * and the submit handler.
 */
export function FormDrawer<V extends object>(props: Props<V>) {
  const { open, title, formName, form, initialValues, values, saving, focusField, width = 560, onClose, onSubmit, children } = props;
  const loading = values === null;
  const confirmDiscard = useConfirmDiscard();
  const edits = useEdits(form);
  // Enter does not send a save twice: Enter presses the form's hidden submit button, not the
  // footer's 保存 (which ignores clicks while saving), so a submit while saving is dropped here;
  // a register's own guard (RecordDrawer's) covers a second Enter before `saving` has rendered.
  const cancel = () => confirmDiscard(formState(edits.isEdited(), saving), onClose);
  const back = useFocusBack(open);

  // Cleared as the drawer closes, not as it opens: a reset on opening can run after the clerk
  // (or a fast test) has already typed into the new form, and silently drop what was typed.
  useEffect(() => {
    if (!open) form.resetFields();
    edits.settle();
  }, [open, form, edits]);

  const box = useRef<HTMLDivElement>(null);
  /** The opening animation has ended (the drawer is shown). */
  const shown = useRef(false);
  // Focus the first field when the opening animation ends, unless the clerk is already typing in
  // one: on a slow PC the animation can end mid-word, and moving focus then sends the rest of
  // the word into another field. While a record loads the form is disabled (typing then would be
  // overwritten by the record as it arrives, and saved as the old value): focus waits for it.
  const focus = () => {
    if (!focusField || !shown.current) return;
    const active = document.activeElement;
    if (active && box.current?.contains(active)) return;
    const el = form.getFieldInstance(focusField) as { focus?: () => void } | undefined;
    el?.focus?.();
  };
  useEffect(() => {
    if (!open || !values) return;
    form.setFieldsValue(values as Parameters<typeof form.setFieldsValue>[0]);
    // Loaded after the drawer opened: the field it could not focus while disabled.
    focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- focus reads refs and the form only
  }, [open, values, form]);

  return (
    <Drawer
      open={open}
      title={title}
      size={width}
      forceRender
      mask={{ closable: false }}
      onClose={cancel}
      focusable={NO_FOCUS_RETURN}
      afterOpenChange={(isOpen) => {
        shown.current = isOpen;
        if (!isOpen) back.closed();
        else if (!loading) focus();
      }}
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={cancel} disabled={saving}>
            取消
          </Button>
          <Button type="primary" htmlType="submit" form={formName} loading={saving} disabled={loading}>
            保存
          </Button>
        </Space>
      }
    >
      <div ref={box}>
        <Spin spinning={loading} description="正在读取…">
          <Form<V>
            id={formName}
            name={formName}
            form={form}
            layout="vertical"
            initialValues={initialValues}
            onFinish={(v) => saving || onSubmit(v)}
            onValuesChange={edits.onValuesChange}
            scrollToFirstError={FIRST_ERROR}
            disabled={loading}
          >
            {children}
            {/* Lets Enter in any input submit the form even though 保存 lives in the footer. */}
            <button type="submit" hidden aria-hidden tabIndex={-1} />
          </Form>
        </Spin>
      </div>
    </Drawer>
  );
}
