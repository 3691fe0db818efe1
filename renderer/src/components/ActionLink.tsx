import { Typography } from 'antd';
import { forwardRef, type ComponentProps, type KeyboardEvent } from 'react';

type Props = Omit<ComponentProps<typeof Typography.Link>, 'href'>;

/**
 * A table's or drawer's action link (编辑, 删除, 联系, 台账...), as Ant Design lays them out, that
 * the keyboard reaches: antd's Typography.Link without an href is an <a> that Tab skips, so a
 * clerk working from the keyboard could not open a member's drawer or edit a record. Tab stops on
 * it, and Enter or Space clicks it — whatever listens (its own onClick, or a Popconfirm around it,
 * which hands its child the click handler and needs the ref).
 */
export const ActionLink = forwardRef<HTMLElement, Props>(function ActionLink({ onKeyDown, ...rest }, ref) {
  const press = (e: KeyboardEvent<HTMLElement>) => {
    onKeyDown?.(e as never);
    if (e.defaultPrevented || (e.key !== 'Enter' && e.key !== ' ')) return;
    e.preventDefault();
    e.currentTarget.click();
  };
  return <Typography.Link ref={ref as never} role="button" tabIndex={0} onKeyDown={press} {...rest} />;
});
