import { Popconfirm, type PopconfirmProps } from 'antd';
import { useId, useState } from 'react';
import { useFocusBack } from './focusBack';

/**
 * antd's Popconfirm (确定删除…吗？) that the keyboard can answer. It opens in a layer outside the
 * drawer or table it belongs to, with focus left on the link that opened it, and Tab never reached
 * its buttons: a clerk working from the keyboard could open the question but neither confirm nor
 * cancel it. Focus now moves to 取消 when it opens (the safe answer: Enter twice deletes nothing;
 * Tab goes on to the confirming button, Esc closes), and back to the link when it closes, as the
 * drawers and dialogs give it back (useFocusBack).
 */
export function ConfirmPop({ onOpenChange, rootClassName, ...props }: PopconfirmProps) {
  const cls = `confirm-pop-${useId().replace(/[^\w-]/g, '')}`;
  const [open, setOpen] = useState(false);
  const back = useFocusBack(open);
  const changed = (next: boolean) => {
    onOpenChange?.(next);
    setOpen(next);
    if (next) whenShown(`.${cls} .ant-popconfirm-buttons button`, (b) => b.focus());
    // After the layer has gone, unless the answer moved focus on (a dialog it opened, a field).
    else setTimeout(back.closed);
  };
  return <Popconfirm destroyOnHidden {...props} rootClassName={[rootClassName, cls].filter(Boolean).join(' ')} onOpenChange={changed} />;
}

/** Runs `fn` on the first element matching `selector` once it is shown (a few frames at most). */
function whenShown(selector: string, fn: (el: HTMLElement) => void, frames = 30): void {
  const el = document.querySelector<HTMLElement>(selector);
  if (el?.checkVisibility()) fn(el);
  else if (frames > 0) requestAnimationFrame(() => whenShown(selector, fn, frames - 1));
}
