import type { App } from 'antd';
import { ApiFailure, call, showError } from '../../api/client';
import { formatTime } from './format';

type Modal = ReturnType<typeof App.useApp>['modal'];

export interface RestoreTarget {
  file: string;
  /** When known (a listed backup): shown in the confirmation. */
  createdAt?: string;
}

function ask(modal: Modal, title: string, content: string, okText: string): Promise<boolean> {
  return new Promise((resolve) => {
    modal.confirm({ title, content, okText, okButtonProps: { danger: true }, cancelText: '取消', onOk: () => resolve(true), onCancel: () => resolve(false) });
  });
}

/**
 * 恢复: asks with the backup's time and what will happen, restores (the core copies the current
 * state first), asks again if the backup is another installation's, then reloads the page so
 * every list shows the restored data.
 */
export async function confirmRestore(modal: Modal, target: RestoreTarget): Promise<boolean> {
  const when = target.createdAt ? `${formatTime(target.createdAt)} 的备份` : `备份文件“${target.file}”`;
  const ok = await ask(
    modal,
    '确认从备份恢复？',
    `将用 ${when} 替换当前全部台账数据；此后录入的内容将不再显示。恢复前程序会先把当前数据另存一份备份（类型为“恢复前的备份”），需要时可再恢复回来。`,
    '恢复',
  );
  if (!ok) return false;
  let allowOtherInstallation = false;
  for (;;) {
    try {
      await call('backup.restore', { file: target.file, allowOtherInstallation });
      window.location.reload();
      return true;
    } catch (err) {
      if (err instanceof ApiFailure && err.error.code === 'other_installation' && !allowOtherInstallation) {
        if (!(await ask(modal, '这不是本机台账的备份', err.error.message, '仍然恢复'))) return false;
        allowOtherInstallation = true;
        continue;
      }
      showError(err);
      return false;
    }
  }
}
