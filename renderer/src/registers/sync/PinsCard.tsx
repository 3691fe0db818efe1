import { useCallback, useEffect, useState } from 'react';
import { App } from 'antd';
import type { PinnedInstallation } from '../../../../electron/api/contract';
import { call, showError } from '../../api/client';
import { PinnedTable } from './PinnedTable';

/**
 * District: which township computer (and signing key) each township's bundles are accepted from.
 * A computer that is lost or replaced can be stopped, with a reason that goes to the audit log.
 */
export function PinsCard(props: { refreshKey: unknown; onChanged(): void }) {
  const { message } = App.useApp();
  const [pins, setPins] = useState<PinnedInstallation[]>([]);
  const load = useCallback(() => void call('sync.pins', {}).then(setPins, showError), []);
  useEffect(load, [load, props.refreshKey]);

  return (
    <PinnedTable<PinnedInstallation>
      title="已登记的乡镇电脑（签名密钥）"
      rows={pins}
      pageSize={10}
      leading={[
        { title: '乡镇（街道）', dataIndex: 'townshipName', width: 130 },
        { title: '代码', dataIndex: 'townshipCode', width: 100 },
      ]}
      fingerprintTitle="签名指纹"
      which={(p) => `${p.townshipName}的这台电脑`}
      note="停用后不再接受这台电脑导出的同步文件；已导入的数据保留。"
      revoke={async (p, reason) => {
        await call('sync.revokePin', { installationId: p.installationId, reason });
        void message.success(`已停用${p.townshipName}的这台电脑，今后不再接受它的同步文件`);
        load();
        props.onChanged();
      }}
    />
  );
}
