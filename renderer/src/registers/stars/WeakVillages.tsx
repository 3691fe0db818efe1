import { useEffect, useState } from 'react';
import { Alert } from 'antd';
import type { WeakVillageItem } from '../../../../electron/api/contract';
import { call, showError } from '../../api/client';
import { useAppStore } from '../../stores/appStore';
import { ActionLink } from '../../components/ActionLink';

/**
 * 首页: the village Party organizations rated one star in their latest rated year, which are
 * 软弱涣散 and to be 整顿. Nothing shows when there are none. `refresh` refetches (刷新).
 */
export function WeakVillages({ township, refresh }: { township: string | null; refresh: number }) {
  const [loaded, setLoaded] = useState<{ key: string; rows: WeakVillageItem[] } | null>(null);
  const key = `${township ?? ''}/${refresh}`;
  useEffect(() => {
    let stale = false;
    call('stars.weak', { township })
      .then((rows) => !stale && setLoaded({ key, rows }))
      .catch((err: unknown) => !stale && showError(err));
    return () => {
      stale = true;
    };
  }, [township, key]);
  const rows = loaded?.key === key ? loaded.rows : [];
  if (!rows.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="region"
      aria-label="软弱涣散村（社区）党组织"
      style={{ marginBottom: 16 }}
      title={`软弱涣散村（社区）党组织 ${rows.length} 个`}
      description={
        <>
          {rows.map((v) => `${v.name}（${v.year}年度一星）`).join('、')}：按软弱涣散党组织整顿，逐项落实整改事项。{' '}
          <ActionLink onClick={() => useAppStore.getState().openPage('stars')}>查看评星定级</ActionLink>
        </>
      }
    />
  );
}
