import { useCallback, useMemo, useState } from 'react';
import { App, Flex, Select, Space, Typography } from 'antd';
import { CloudDownloadOutlined } from '@ant-design/icons';
import type { Input as ApiInput, VillageListItem } from '../../../electron/api/contract';
import { VILLAGE_KINDS, type VillageKind } from '../../../electron/domain/divisionCodes';
import { call, showError } from '../api/client';
import { saveFile } from '../api/files';
import { RegisterTable, type TableQuery } from '../components/RegisterTable';
import { useServerList } from '../components/useServerList';
import { villageColumns } from '../registers/villages/columns';
import { ImportOfficialModal } from '../registers/villages/ImportOfficialModal';
import { VillageDrawer, type VillageTarget } from '../registers/villages/VillageDrawer';
import { FLAG_OPTIONS } from '../registers/villages/villageForm';
import { useReadOnly, useUnit, useTownshipQuery } from '../stores/appStore';
import { useNewShortcut } from '../components/useNewShortcut';
import { SearchBox } from '../components/SearchBox';
import { RegisterActions } from '../components/RegisterActions';

type VillageSort = 'name' | 'code' | 'kind' | 'updated_at';
type Flag = (typeof FLAG_OPTIONS)[number]['value'];
type VillageQuery = TableQuery<VillageSort> & { search: string | null; kind: VillageKind | null; flag: Flag | null };

const loadVillages = (q: VillageQuery) => call('villages.list', q satisfies ApiInput<'villages.list'>);
const kindOptions = VILLAGE_KINDS.map((k) => ({ value: k, label: k }));

/** 村（社区） register: search, filters, server-paged list, add/edit drawer, delete, import. */
export function VillagesPage() {
  const { message } = App.useApp();
  const unit = useUnit();
  const readOnly = useReadOnly();
  const [query, setQuery] = useState<VillageQuery>({ search: null, kind: null, flag: null, page: 1, pageSize: 20, sort: null, order: null });
  const [target, setTarget] = useState<VillageTarget>(null);
  const [importOpen, setImportOpen] = useState(false);
  const listQuery = useTownshipQuery(query);
  const { data, loading, reload } = useServerList(loadVillages, listQuery);

  const exportXlsx = async () => {
    try {
      saveFile(await call('villages.exportXlsx', { search: query.search, township: listQuery.township, kind: query.kind, flag: query.flag }));
    } catch (err) {
      showError(err);
    }
  };

  const patch = (p: Partial<VillageQuery>) => setQuery((q) => ({ ...q, page: 1, ...p }));
  const closeDrawer = useCallback(() => setTarget(null), []);

  const remove = useCallback(
    async (row: VillageListItem) => {
      try {
        await call('villages.remove', { id: row.id, version: row.version });
        void message.success('已删除');
        if (data?.rows.length === 1 && query.page > 1) setQuery((q) => ({ ...q, page: q.page - 1 }));
        else reload();
      } catch (err) {
        showError(err);
      }
    },
    [data, query.page, reload, message],
  );

  const columns = useMemo(
    () => villageColumns({ readOnly, onEdit: (r) => setTarget(r.id), onRemove: (r) => void remove(r) }),
    [readOnly, remove],
  );

  useNewShortcut(!readOnly, () => setTarget((t) => t ?? 'new'));

  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        村（社区）
      </Typography.Title>
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Space wrap>
          <SearchBox placeholder="搜索名称、区划代码、书记" onSearch={(search) => patch({ search })} />
          <Select<VillageKind>
            placeholder="全部类型"
            aria-label="类型"
            allowClear
            style={{ width: 140 }}
            options={kindOptions}
            value={query.kind ?? undefined}
            onChange={(v) => patch({ kind: v ?? null })}
          />
          <Select<Flag>
            placeholder="全部标记"
            aria-label="标记"
            allowClear
            style={{ width: 200 }}
            options={[...FLAG_OPTIONS]}
            value={query.flag ?? undefined}
            onChange={(v) => patch({ flag: v ?? null })}
          />
        </Space>
        <RegisterActions
          exportLabel="导出Excel"
          onExport={() => void exportXlsx()}
          importLabel="导入官方名单" importIcon={<CloudDownloadOutlined aria-hidden />}
          onImport={() => setImportOpen(true)}
          onNew={() => setTarget('new')}
          readOnly={readOnly}
        />
      </Flex>
      <RegisterTable<VillageListItem, VillageSort>
        rowKey="id"
        serial
        columns={columns}
        data={data}
        loading={loading}
        query={query}
        onQueryChange={(q) => setQuery((prev) => ({ ...prev, ...q }))}
        scrollX={1150}
      />
      {!readOnly && (
        <>
          <VillageDrawer target={target} onClose={closeDrawer} onSaved={reload} />
          <ImportOfficialModal open={importOpen} townshipCode={unit?.unitCode ?? ''} onClose={() => setImportOpen(false)} onImported={reload} />
        </>
      )}
    </>
  );
}
