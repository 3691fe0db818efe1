import { Input } from 'antd';

/** The register toolbar's search: Enter or 查询 searches; an empty box searches for everything. */
export function SearchBox(props: { placeholder: string; defaultValue?: string; onSearch(text: string | null): void }) {
  return (
    <Input.Search
      placeholder={props.placeholder}
      defaultValue={props.defaultValue}
      aria-label="搜索"
      allowClear
      enterButton="查询"
      style={{ width: 320 }}
      onSearch={(v) => props.onSearch(v.trim() || null)}
    />
  );
}
