import { useEffect, useRef, useState, type RefObject } from 'react';
import { Table } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import type { SorterResult, SortOrder as AntSortOrder } from 'antd/es/table/interface';
import type { Page } from '../../../electron/api/contract';

export type SortOrder = 'asc' | 'desc';

/** Server-side paging and sorting state shared by every register list. */
export interface TableQuery<S extends string = string> {
  page: number;
  pageSize: number;
  sort?: S | null;
  order?: SortOrder | null;
}

interface Props<T, S extends string> {
  /** Columns that can be sorted on the server set `key` to the sort field and `sorter: true`. */
  columns: TableColumnsType<T>;
  data: Page<T> | null;
  loading: boolean;
  query: TableQuery<S>;
  onQueryChange(query: TableQuery<S>): void;
  /** Prepend a 序号 column numbered across pages. */
  serial?: boolean;
  /** Defaults to the sum of the column widths, so no column is stretched past its width. */
  scrollX?: number;
  /** Height taken by everything above and below the table body, until the page has been measured (useBodyHeight). */
  chrome?: number;
  rowKey: TableProps<T>['rowKey'];
  /** Render only the visible rows (for lists offering pages of hundreds); needs scrollX. */
  virtual?: boolean;
}

/** The window's inner height, kept current: a virtual table needs its body height as a number. */
function useWindowHeight(): number {
  const [h, setH] = useState(() => window.innerHeight);
  useEffect(() => {
    const on = () => setH(window.innerHeight);
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return h;
}

/** Below the table body: the pagination row (16 + 32 + 16) and the content area's padding and margin (16 + 16). */
const BELOW_BODY = 96;

/**
 * The scrolling body's height that fits the window: from the bottom of the table's header, as
 * the page lays it out (a banner, a summary, filters wrapping onto a second line), to the
 * pagination above the window's bottom edge. A fixed allowance per page was wrong whenever
 * what is above the table changed height: the page itself then scrolled too, two scrollbars,
 * and the pagination below the window.
 */
function useBodyHeight(wrap: RefObject<HTMLDivElement | null>, chrome: number): number {
  const windowHeight = useWindowHeight();
  const [top, setTop] = useState<number | null>(null);
  useEffect(() => {
    const el = wrap.current;
    const page = el?.parentElement;
    if (!el || !page) return;
    const measure = () => {
      const header = el.querySelector('.ant-table-header');
      if (!header) return;
      const scroller = el.closest('.ant-layout-content');
      // Unchanged, React keeps the state and renders nothing more.
      setTop(Math.round(header.getBoundingClientRect().bottom + (scroller?.scrollTop ?? 0)));
    };
    // Each element above the table (and the header) as it changes size, a filter row wrapping;
    // each arriving or leaving (a banner shown once its figures are in). Observing reports the
    // sizes once at the start, which is the first measure.
    // Measured in the next frame, not inside the observer's callback: the body's new height can
    // resize the header (its scrollbar gutter), and a size change inside the callback is the
    // browser's "ResizeObserver loop" error.
    let frame = 0;
    const later = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(measure);
    };
    const sizes = new ResizeObserver(later);
    const watch = () => {
      sizes.disconnect();
      for (const child of page.children) if (child !== el) sizes.observe(child);
      sizes.observe(el.querySelector('.ant-table-header') ?? el);
    };
    const children = new MutationObserver(() => (watch(), later()));
    children.observe(page, { childList: true });
    watch();
    return () => {
      cancelAnimationFrame(frame);
      sizes.disconnect();
      children.disconnect();
    };
  }, [wrap]);
  return Math.max(200, windowHeight - (top === null ? chrome : top + BELOW_BODY));
}

const toAntOrder = (o: SortOrder | null | undefined): AntSortOrder => (o === 'asc' ? 'ascend' : o === 'desc' ? 'descend' : null);

/** The one list component of the app: server paging/sorting, 序号, 共 N 条, fixed header, always-visible scrollbars. */
export function RegisterTable<T extends object, S extends string = string>(props: Props<T, S>) {
  const { columns, data, loading, query, onQueryChange, serial, scrollX, chrome = 330, rowKey, virtual } = props;
  const wrap = useRef<HTMLDivElement>(null);
  const bodyHeight = useBodyHeight(wrap, chrome);
  const offset = (query.page - 1) * query.pageSize;
  const cols: TableColumnsType<T> = [
    ...(serial ? [{ title: '序号', key: '__serial', width: 56, align: 'center' as const, render: (_: unknown, __: T, i: number) => offset + i + 1 }] : []),
    ...columns.map((c) => (c.sorter && c.key ? { ...c, sortOrder: c.key === query.sort ? toAntOrder(query.order) : null } : c)),
  ];

  const width = scrollX ?? cols.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 120), 0);

  const onChange: TableProps<T>['onChange'] = (pagination, _filters, sorter) => {
    const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined;
    const order: SortOrder | null = s?.order === 'ascend' ? 'asc' : s?.order === 'descend' ? 'desc' : null;
    const sort = order && s?.columnKey ? (String(s.columnKey) as S) : null;
    const sortChanged = sort !== (query.sort ?? null) || order !== (query.order ?? null);
    const pageSize = pagination.pageSize ?? query.pageSize;
    onQueryChange({
      page: sortChanged || pageSize !== query.pageSize ? 1 : (pagination.current ?? 1),
      pageSize,
      sort,
      order,
    });
  };

  return (
    <div ref={wrap}>
      <Table<T>
        rowKey={rowKey}
        size="middle"
        bordered
        // Not `sticky`: with scroll.y the header stays put anyway, and sticky hides the body's
        // horizontal scrollbar until the table's bottom leaves the window.
        loading={loading}
        columns={cols}
        dataSource={data?.rows ?? []}
        onChange={onChange}
        virtual={virtual}
        className="register-table"
        scroll={{ x: width, y: bodyHeight }}
        showSorterTooltip={false}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showQuickJumper: true,
          pageSizeOptions: virtual ? [20, 50, 100, 200, 500] : [10, 20, 50, 100],
          showTotal: (total) => `共 ${total} 条`,
        }}
      />
    </div>
  );
}
