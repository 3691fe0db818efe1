import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { App, Form } from 'antd';
import { reportError, showError } from '../api/client';
import { FormDrawer } from './FormDrawer';

/** 'new', the id of a record to edit, or null when closed. */
export type DrawerTarget = 'new' | string | null;

export interface Loaded<V> {
  id: string;
  version: number;
  values: Partial<V>;
}

interface Props<V, D> {
  target: DrawerTarget;
  /** [title when adding, title when editing]. */
  titles: [string, string];
  formName: string;
  initialValues: Partial<V>;
  focusField?: string;
  width?: number;
  /** Reads a record for editing (full values: the drawer is the detail view). */
  load(id: string): Promise<Loaded<V>>;
  /** Creates (existing null) or updates (with the version read) and returns the saved record. */
  save(values: V, existing: { id: string; version: number } | null): Promise<D>;
  onClose(): void;
  onSaved(saved: D): void;
  children: ReactNode;
}

/**
 * The add/edit drawer every register uses: loads the record when editing, sends the version it
 * read (a record changed meanwhile is refused, not overwritten), puts server field errors under
 * their inputs, and closes on success.
 */
export function RecordDrawer<V extends object, D>(props: Props<V, D>) {
  const { target, load, save, onClose, onSaved } = props;
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [loaded, setLoaded] = useState<Loaded<V> | null>(null);
  const [saving, setSaving] = useState(false);
  const editId = target && target !== 'new' ? target : null;
  const current = editId && loaded?.id === editId ? loaded : null;

  // The page's callbacks through refs: a page passing an inline onClose or load (new on each of
  // its renders) must not have the record loaded again — and the form refilled over what the
  // clerk is typing — whenever the page renders (a ledger reload after another save did).
  const latest = useRef({ load, onClose });
  useEffect(() => {
    latest.current = { load, onClose };
  });
  const close = useCallback(() => {
    setLoaded(null);
    latest.current.onClose();
  }, []);
  /** A save on its way: Enter pressed again meanwhile (the hidden submit button) is not a second save. */
  const inFlight = useRef(false);

  useEffect(() => {
    if (!editId) return;
    let stale = false;
    latest.current
      .load(editId)
      .then((l) => !stale && setLoaded(l))
      .catch((err: unknown) => {
        if (stale) return;
        showError(err);
        close();
      });
    return () => {
      stale = true;
    };
  }, [editId, close]);

  async function submit(v: V) {
    if (inFlight.current || (editId && !current)) return;
    inFlight.current = true;
    setSaving(true);
    try {
      const saved = await save(v, current && { id: current.id, version: current.version });
      void message.success('已保存');
      close();
      onSaved(saved);
    } catch (err) {
      reportError(form, err);
    } finally {
      inFlight.current = false;
      setSaving(false);
    }
  }

  return (
    <FormDrawer<V>
      open={target !== null}
      title={editId ? props.titles[1] : props.titles[0]}
      formName={props.formName}
      form={form}
      initialValues={props.initialValues}
      values={editId ? (current?.values ?? null) : undefined}
      saving={saving}
      focusField={props.focusField}
      width={props.width}
      onClose={close}
      onSubmit={(v) => void submit(v)}
    >
      {props.children}
    </FormDrawer>
  );
}
