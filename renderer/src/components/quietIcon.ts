import { createElement, forwardRef } from 'react';
import AntdIconLight, { type IconComponentProps } from '@ant-design/icons/es/components/AntdIconLight';

/**
 * Every Ant Design icon, inside antd's components too, is drawn through this (vite.config.ts sends
 * the icons' import of their base component here): an icon is decorative and hidden from screen
 * readers unless given a name of its own. The base names each icon in English by its file ("down",
 * "close", "close-circle"), which a reader speaks in the middle of a Chinese form; the controls
 * around the icons carry their Chinese names (关闭, 上一页…).
 */

const QuietIcon = forwardRef<HTMLSpanElement, IconComponentProps>(function QuietIcon(props, ref) {
  // An empty name is none: the base would put its English one back.
  if (props['aria-label']) return createElement(AntdIconLight, { ...props, ref });
  return createElement(AntdIconLight, { ...props, role: undefined, 'aria-label': undefined, 'aria-hidden': true, ref });
});

export default QuietIcon;
