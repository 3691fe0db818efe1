import { useEffect, useState } from 'react';
import { Cascader } from 'antd';
import { call, showError } from '../../api/client';
import { CLEARABLE } from '../../components/clearable';
import { destinationPathText } from '../../../../electron/domain/floating';

interface Option {
  value: string;
  label: string;
  isLeaf?: boolean;
  children?: Option[];
}

const toOptions = (list: { code: string; name: string }[], leaf: boolean): Option[] => list.map((d) => ({ value: d.code, label: d.name, isLeaf: leaf }));

interface Props {
  id?: string;
  value?: string[];
  onChange?: (v: string[]) => void;
  'aria-label'?: string;
}

/**
 * Province → city → county from the bundled division list, loaded level by level (the whole
 * country is thousands of entries). An existing value's path is loaded up front so it shows.
 */
export function DestinationCascader({ id, value, onChange, ...rest }: Props) {
  const [options, setOptions] = useState<Option[]>([]);
  const path = (value ?? []).join('/');

  // Loads what the current value needs to show (provinces, and its city and county lists)
  // once; picking further down loads through loadData.
  useEffect(() => {
    let live = true;
    (async () => {
      const [p, c] = path ? path.split('/') : [];
      let tree = options;
      if (!tree.length) tree = toOptions(await call('floating.divisions', { parent: null }), false);
      const prov = tree.find((o) => o.value === p);
      if (prov && !prov.children) prov.children = toOptions(await call('floating.divisions', { parent: prov.value }), false);
      const city = prov?.children?.find((o) => o.value === c);
      if (city && !city.children) city.children = toOptions(await call('floating.divisions', { parent: city.value }), true);
      if (live) setOptions([...tree]);
    })().catch(showError);
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- options are filled in here; re-running on them would loop
  }, [path]);

  const loadData = (selected: Option[]) => {
    const target = selected[selected.length - 1]!;
    call('floating.divisions', { parent: target.value })
      .then((list) => {
        target.children = toOptions(list, selected.length === 2);
        if (!list.length) target.isLeaf = true;
        setOptions((o) => [...o]);
      })
      .catch(showError);
  };

  return (
    <Cascader<Option>
      id={id}
      aria-label={rest['aria-label']}
      options={options}
      loadData={loadData}
      changeOnSelect
      allowClear={CLEARABLE}
      displayRender={(labels: string[]) => destinationPathText(labels)}
      value={value}
      onChange={(v) => onChange?.((v ?? []) as string[])}
      placeholder="选择省 / 市 / 县（区）"
      style={{ width: '100%' }}
    />
  );
}
