import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';

/**
 * What closing a form would do: nothing to lose, the clerk's unsaved edits, or a save still on
 * its way. A save in flight cannot be called back: while it waits (the start-up check can hold
 * it for seconds on a large file), closing must leave the form as it is rather than offer a
 * discard the save would then contradict.
 */
export type FormState = 'clean' | 'edited' | 'saving';
export const formState = (edited: boolean, saving: boolean): FormState => (saving ? 'saving' : edited ? 'edited' : 'clean');

/**
 * Asks before unsaved changes are thrown away (Esc, 取消, the close button): `close(state, discard)`
 * discards at once when nothing was changed, otherwise only after 放弃, and does nothing while a
 * save is on its way. A second Esc while the question is open does not stack a second question. The question counts as closed once it is
 * answered, not when its closing animation ends (afterClose): a close button clicked during that
 * animation, right after 继续编辑, used to do nothing at all, and on a loaded machine the
 * animation's end can come late.
 */
export function useConfirmDiscard(): (state: FormState, discard: () => void, opts?: { content?: string; keep?: () => void }) => void {
  const { modal } = App.useApp();
  const asking = useRef(false);
  return useCallback(
    (state, discard, opts) => {
      if (state === 'saving') return;
      if (state === 'clean') return discard();
      if (asking.current) return;
      asking.current = true;
      const answered = () => {
        asking.current = false;
      };
      modal.confirm({
        title: '放弃未保存的修改？',
        content: opts?.content ?? '关闭后，本次填写或修改的内容不会保存。',
        okText: '放弃',
        okButtonProps: { danger: true },
        cancelText: '继续编辑',
        // Enter keeps the clerk's work: only a deliberate click or Tab to 放弃 throws it away.
        autoFocusButton: 'cancel',
        onOk: () => {
          answered();
          discard();
        },
        onCancel: () => {
          answered();
          opts?.keep?.();
        },
        afterClose: answered,
      });
    },
    [modal],
  );
}

/**
 * Whether the clerk has changed a form since it was last filled or saved. antd counts a value
 * set by the program (a record loaded for editing, yesterday's log carried over) as touched, so
 * this follows the clerk's own edits only (onValuesChange fires for those alone); `settle()`
 * after the form is filled, reset or saved.
 *
 * Every change also checks again each field that shows an error, so an error the clerk has fixed
 * (or a server error about a sum another field has since set right) disappears, while one still
 * true stays. `fields` limits what counts as an edit (e.g. only the typed text of a record whose
 * date and way are carried over).
 */
export function useEdits(form: FormInstance, fields?: string[]) {
  const edited = useRef(false);
  const onValuesChange = useCallback(
    (changed: object) => {
      if (!fields || Object.keys(changed).some((k) => fields.includes(k))) edited.current = true;
      const stale = form.getFieldsError().filter((f) => f.errors.length > 0).map((f) => f.name);
      if (stale.length) form.validateFields(stale).catch(() => undefined);
    },
    // The field list is fixed per form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [form],
  );
  const isEdited = useCallback(() => edited.current, []);
  const settle = useCallback(() => {
    edited.current = false;
  }, []);
  // One object for the form's lifetime, so effects may depend on it.
  return useMemo(() => ({ onValuesChange, isEdited, settle }), [onValuesChange, isEdited, settle]);
}

/**
 * What holds several forms — a drawer (a member's ledger) or the main layout's page (系统设置) —
 * asks each what closing, or leaving by the menu, would do to it.
 */
export type DirtyChecks = Set<() => FormState>;
export const DirtyForms = createContext<DirtyChecks | null>(null);

/**
 * Registers a form's state with the drawer or page around it (DirtyForms), which asks before
 * closing or leaving while any form holds edits, and stays while any is saving.
 */
export function useDirtyCheck(state: () => FormState): void {
  const checks = useContext(DirtyForms);
  const latest = useRef(state);
  useEffect(() => {
    latest.current = state;
  });
  useEffect(() => {
    if (!checks) return;
    const check = () => latest.current();
    checks.add(check);
    return () => {
      checks.delete(check);
    };
  }, [checks]);
}

/** The drawer's (or page's) state: saving if any of its forms is, else edited if any is. */
export function drawerState(checks: DirtyChecks): FormState {
  const states = [...checks].map((c) => c());
  return states.includes('saving') ? 'saving' : states.includes('edited') ? 'edited' : 'clean';
}

/** A refused save (a field left empty, a date out of range) puts the cursor in the first field named, scrolled into view. */
export const FIRST_ERROR = { focus: true, block: 'center' } as const;

/**
 * A page's form filled from the store once, when its values first arrive: `filled` is false
 * until then and the form stays disabled, so nothing can be typed that the late answer would
 * overwrite (a save then stores the old value as if it had been typed). Later loads of the same
 * page (after a save, a backup) leave the fields alone: they hold the clerk's words or the saved
 * ones.
 */
export function useFirstFill<T>(form: FormInstance<T>): { filled: boolean; fill: (values: Parameters<FormInstance<T>['setFieldsValue']>[0]) => void } {
  const [filled, setFilled] = useState(false);
  const done = useRef(false);
  const fill = useCallback(
    (values: Parameters<FormInstance<T>['setFieldsValue']>[0]) => {
      if (done.current) return;
      done.current = true;
      form.setFieldsValue(values);
      setFilled(true);
    },
    [form],
  );
  return { filled, fill };
}
