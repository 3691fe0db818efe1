import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { call, showError } from '../api/client';
import { useAppStore } from '../stores/appStore';
import { CLEARABLE } from './clearable';

/** District mode: one township picker in the header narrows every register list. */
export function TownshipFilter() {
  const township = useAppStore((s) => s.township);
  const setTownship = useAppStore((s) => s.setTownship);
  const page = useAppStore((s) => s.page);
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  // Re-read when the clerk changes page: an import on the sync page may have added a township.
  useEffect(() => {
    call('sync.townships', {})
      .then((ts) => setOptions(ts.map((t) => ({ value: t.code, label: `${t.name}（${t.sent ? t.code : '未报送'}）` }))))
      .catch(showError);
  }, [page]);
  return (
    <Select<string>
      aria-label="乡镇筛选"
      placeholder="全部乡镇"
      allowClear={CLEARABLE}
      style={{ width: 220 }}
      options={options}
      value={township ?? undefined}
      onChange={(v) => setTownship(v ?? null)}
    />
  );
}
