import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';

/** Passed to a Drawer or Modal so antd does not move focus itself when it has closed. */
export const NO_FOCUS_RETURN = { focusTriggerAfterClose: false } as const;

/**
 * Gives focus back to what opened a drawer or dialog once it has finished closing, but only if
 * the clerk has not already moved on. antd does it unconditionally when the closing animation
 * ends: on a slow PC a clerk who saved with Enter and clicked straight into the search box had
 * the rest of the words typed there sent to the 新增 button, and the Enter reopened an empty form.
 * Pair `NO_FOCUS_RETURN` on the component with `closed()` in its afterOpenChange(false).
 */
export function useFocusBack(open: boolean): { closed(): void } {
  const opener = useRef<HTMLElement | null>(null);
  // A layout effect runs before the drawer's own (passive) autofocus: focus is still on the opener.
  useLayoutEffect(() => {
    if (!open) return;
    const active = document.activeElement;
    opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
  }, [open]);
  const closed = useCallback(() => {
    const el = opener.current;
    opener.current = null;
    const active = document.activeElement;
    const idle = !active || active === document.body || !!active.closest('.ant-drawer, .ant-modal-wrap, .ant-popover');
    if (el?.isConnected && idle) el.focus({ preventScroll: true });
  }, []);
  // Many dialogs are mounted only while in use ({editing && <EditModal/>}): closing unmounts them
  // before their closing animation, so afterOpenChange(false) never comes. Focus goes back then,
  // once the dialog's elements have left the page.
  // Only when unmounted while open: React's development mode mounts each component twice, and
  // the first cleanup must not take focus out of the dialog that just opened.
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      setTimeout(() => !mounted.current && opener.current && closed());
    };
  }, [closed]);
  return { closed };
}
