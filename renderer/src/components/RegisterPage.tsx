import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { App, Button, Flex, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { UndoOutlined } from '@ant-design/icons';
import type { FilePayload, Page } from '../../../electron/api/contract';
import { showError } from '../api/client';
import { saveFile } from '../api/files';
import { useAppStore, useCan, useTownshipQuery } from '../stores/appStore';
import { RegisterActions } from './RegisterActions';
import { RegisterTable, type TableQuery } from './RegisterTable';
import { SearchBox } from './SearchBox';
import { useNewShortcut } from './useNewShortcut';
import { useServerList } from './useServerList';

/** Every register list has a search box. */
export type SearchQuery = TableQuery & { search: string | null };

/** The query a register list sends: its filters, paging and sort, plus the district's township. */
export type Listed<Q> = Q & { township: string | null };

interface RegisterOptions<Q extends SearchQuery, T> {
  /** Names the register's remembered query (search, filters, sort) in the app store. */
  key: string;
  /** The list with no filter set (重置 returns to it, keeping the page size). */
  blank: Q;
  /**
   * The first query when the page opens already filtered (e.g. from a dashboard figure);
   * otherwise the query the clerk left the list with, or blank.
   */
  initial?: Q;
  load(query: Listed<Q>): Promise<Page<T>>;
  remove(row: T): Promise<unknown>;
  /** The export of the list as filtered. */
  exportFile(query: Listed<Q>): Promise<FilePayload>;
  /** After a delete (besides the list's own reload), e.g. to refresh a summary. */
  onChanged?(): void;
}

/**
 * A register list's state and handlers: filters and paging, the district's township, server
 * paging, delete (stepping back a page when the last row of a page goes), 重置 and export.
 */
export function useRegister<Q extends SearchQuery, T>(opts: RegisterOptions<Q, T>) {
  const { message } = App.useApp();
  const { blank, load, remove: removeRow, exportFile, onChanged } = opts;
  const [first] = useState<Q>(() => opts.initial ?? remembered(opts.key, blank));
  const [query, setQuery] = useState<Q>(first);
  // Kept for the next visit and across F5. A dashboard figure's filter is for that visit only
  // (kept once the clerk changes it), and the one-person narrowing (id) is never kept.
  const drilled = opts.initial !== undefined;
  useEffect(() => {
    if (drilled && query === first) return;
    useAppStore.getState().setRegisterQuery(opts.key, { ...query, id: undefined });
  }, [opts.key, query, first, drilled]);
  // Bumped by 重置 so the search box forgets its text too.
  const [generation, setGeneration] = useState(0);
  const listQuery = useTownshipQuery(query);
  const { data, loading, reload } = useServerList(load, listQuery);

  /** Changes filters; the list starts again at page 1. */
  const patch = useCallback((p: Partial<Q>) => setQuery((q) => ({ ...q, page: 1, ...p })), []);
  const reset = useCallback(() => {
    setQuery((q) => ({ ...blank, pageSize: q.pageSize }));
    setGeneration((g) => g + 1);
  }, [blank]);

  const rows = data?.rows.length ?? 0;
  const remove = useCallback(
    async (row: T) => {
      try {
        await removeRow(row);
        void message.success('已删除');
        if (rows === 1 && query.page > 1) setQuery((q) => ({ ...q, page: q.page - 1 }));
        else reload();
        onChanged?.();
      } catch (err) {
        showError(err);
      }
    },
    [removeRow, rows, query.page, reload, message, onChanged],
  );

  const exportList = useCallback(async () => {
    try {
      saveFile(await exportFile(listQuery));
    } catch (err) {
      showError(err);
    }
  }, [exportFile, listQuery]);

  return { query, setQuery, listQuery, patch, reset, generation, data, loading, reload, remove, exportList };
}

/**
 * The query the clerk left this register with (search, filters, sort, page size) over today's
 * blank, from page 1: the rows may have changed since, and an emptied page would look like data lost.
 */
function remembered<Q extends SearchQuery>(key: string, blank: Q): Q {
  const saved = useAppStore.getState().registerQueries[key];
  if (!saved || typeof saved !== 'object') return blank;
  const known = Object.fromEntries(Object.entries(saved).filter(([k, v]) => k in blank && k !== 'id' && v !== undefined));
  return { ...blank, ...known, page: 1 };
}

/**
 * The query a register's list opens with from the menu (no dashboard filter): what useRegister's
 * first call sends, so a call made at the click (callEarly) is the one the page takes.
 */
export function openingQuery<Q extends SearchQuery>(key: string, blank: Q): Listed<Q> {
  return { ...remembered(key, blank), township: useAppStore.getState().township };
}

export type Register<Q extends SearchQuery, T> = ReturnType<typeof useRegister<Q, T>>;

interface PageProps<Q extends SearchQuery, T extends object> {
  register: Register<Q, T>;
  /** Omitted where a tab already names the list. */
  title?: string;
  /** Above the toolbar, e.g. a summary of the register. */
  banner?: ReactNode;
  searchPlaceholder: string;
  /** The filter widgets, bound with register.query / register.patch. */
  filters: ReactNode;
  /** Also run by 重置 (e.g. dropping a person picked on the dashboard). */
  onReset?(): void;
  exportLabel: string;
  /** Both left out where the register has no Excel import yet. */
  importLabel?: string;
  importIcon?: ReactNode;
  onImport?(): void;
  onNew(): void;
  /** More toolbar buttons before export (e.g. 打印). */
  actions?: ReactNode;
  columns: TableColumnsType<T>;
  /** Height of everything around the table body (see RegisterTable). */
  chrome?: number;
  scrollX?: number;
  virtual?: boolean;
  /** The register's drawers and dialogs. */
  children?: ReactNode;
}

/**
 * The one register page: title, optional banner, a toolbar (search, filters, 重置; export, and
 * unless read-only import and 新增 with Alt+N), the server-paged table, then the register's
 * drawers. A register supplies its columns, filters and forms.
 */
export function RegisterPage<Q extends SearchQuery, T extends object>(props: PageProps<Q, T>) {
  const { register: r, onNew } = props;
  // 新增 and 导入 write the register's own rows: a township's alone (not the district, not a 驻村版).
  const readOnly = !useCan().registers;
  useNewShortcut(!readOnly, onNew);
  return (
    <>
      {props.title && (
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {props.title}
        </Typography.Title>
      )}
      {props.banner}
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Space wrap>
          <SearchBox key={r.generation} defaultValue={r.query.search ?? undefined} placeholder={props.searchPlaceholder} onSearch={(search) => r.patch({ search } as Partial<Q>)} />
          {props.filters}
        </Space>
        <Space wrap>
          <Button
            icon={<UndoOutlined aria-hidden />}
            title="清除搜索和全部筛选条件"
            onClick={() => {
              r.reset();
              props.onReset?.();
            }}
          >
            重置
          </Button>
          {props.actions}
          <RegisterActions
            exportLabel={props.exportLabel}
            onExport={() => void r.exportList()}
            importLabel={props.importLabel}
            importIcon={props.importIcon}
            onImport={props.onImport}
            onNew={onNew}
            readOnly={readOnly}
          />
        </Space>
      </Flex>
      <RegisterTable<T, NonNullable<Q['sort']>>
        rowKey="id"
        serial
        columns={props.columns}
        data={r.data}
        loading={r.loading}
        query={r.query as TableQuery<NonNullable<Q['sort']>>}
        onQueryChange={(q) => r.setQuery((prev) => ({ ...prev, ...q }))}
        chrome={props.chrome}
        scrollX={props.scrollX}
        virtual={props.virtual}
      />
      {props.children}
    </>
  );
}
