import { useEffect, useState } from 'react';
import { Select, type SelectProps } from 'antd';
import type { VillageListItem } from '../../../electron/api/contract';
import { call, showError } from '../api/client';

let cache: Promise<VillageListItem[]> | null = null;

/** All live villages (a township has dozens, a district a few hundred), loaded once per session. */
export function loadVillageOptions(refresh = false): Promise<VillageListItem[]> {
  if (!cache || refresh) {
    cache = call('villages.list', { page: 1, pageSize: 500, sort: 'code', order: 'asc' }).then((p) => p.rows);
    cache.catch(() => (cache = null));
  }
  return cache;
}

/** The one village picker of the app: searchable by name or code, value is the village id. */
export function VillageSelect(props: Omit<SelectProps<string>, 'options' | 'showSearch'>) {
  const [villages, setVillages] = useState<VillageListItem[]>([]);
  useEffect(() => {
    let live = true;
    loadVillageOptions()
      .then((v) => live && setVillages(v))
      .catch(showError);
    return () => {
      live = false;
    };
  }, []);
  return (
    <Select<string>
      placeholder="选择村（社区）"
      {...props}
      showSearch={{ optionFilterProp: 'label' }}
      options={villages.map((v) => ({ value: v.id, label: v.code ? `${v.name}（${v.code}）` : v.name }))}
    />
  );
}
