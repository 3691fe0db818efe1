import { message as staticMessage } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';

/**
 * The themed message instance from <App>, registered once at startup so plain functions
 * (showError) toast with the same locale and theme as components do.
 */
let bound: MessageInstance | null = null;

export function bindMessage(instance: MessageInstance): void {
  bound = instance;
}

export function toast(): MessageInstance {
  return bound ?? staticMessage;
}
