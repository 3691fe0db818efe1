import { useCallback, useMemo, useState } from 'react';
import { App, Checkbox, DatePicker, Flex, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Input as ApiInput, CadreList, CadreListItem } from '../../../electron/api/contract';
import { CADRE_LIST_STATUSES, CADRE_ROLES } from '../../../electron/domain/cadres';
import { call, showError } from '../api/client';
import { saveFile } from '../api/files';
import { ImportModal } from '../components/ImportModal';
import { cadreImport } from '../registers/cadres/cadreImport';
import { RegisterTable, type TableQuery } from '../components/RegisterTable';
import { useServerList } from '../components/useServerList';
import { VillageSelect } from '../components/VillageSelect';
import { CadreDrawer, type CadreTarget } from '../registers/cadres/CadreDrawer';
import { CadreSummary } from '../registers/cadres/CadreSummary';
import { options } from '../registers/cadres/cadreForm';
import { useCadreView } from '../registers/cadres/cadreStore';
import { cadreColumns } from '../registers/cadres/columns';
import { LogEntryDrawer, type LogTarget } from '../registers/cadres/LogEntryDrawer';
import { useReadOnly, useTownshipQuery } from '../stores/appStore';
import { CadreLedgerPage } from './CadreLedgerPage';
import { useNewShortcut } from '../components/useNewShortcut';
import { SearchBox } from '../components/SearchBox';
import { usePendingFilter } from '../registers/dashboard/filters';
import { PersonTag } from '../registers/dashboard/PersonTag';
import { RegisterActions } from '../components/RegisterActions';

type CadreSort = NonNullable<ApiInput<'cadres.list'>['sort']>;
type CadreQuery = TableQuery<CadreSort> & Omit<ApiInput<'cadres.list'>, 'page' | 'pageSize' | 'sort' | 'order'>;

const loadCadres = (q: CadreQuery) => call('cadres.list', q);

/** 驻村干部: the register list, or one cadre's ledger when opened from it. */
export function CadresPage() {
  const ledgerId = useCadreView((s) => s.ledgerId);
  return ledgerId ? <CadreLedgerPage id={ledgerId} /> : <CadreList />;
}

function CadreList() {
  const { message } = App.useApp();
  const readOnly = useReadOnly();
  const openLedger = useCadreView((s) => s.openLedger);
  // A dashboard number opens this list already filtered (in post, or short of days last month).
  // A quality-check row (shared ID number) narrows it to one person by record id.
  const { person: pendingPerson, ...pending } = usePendingFilter('cadres') ?? {};
  const [person, setPerson] = useState(pendingPerson ?? null);
  const [query, setQuery] = useState<CadreQuery>({
    search: null, villageId: null, role: null, status: null, month: dayjs().format('YYYY-MM'), belowOnly: false,
    page: 1, pageSize: 50, sort: null, order: null, ...pending, id: person?.id ?? null,
  });
  const [target, setTarget] = useState<CadreTarget>(null);
  const [logTarget, setLogTarget] = useState<LogTarget>(null);
  const listQuery = useTownshipQuery(query);
  const { data: page, loading, reload } = useServerList(loadCadres, listQuery);
  const [importOpen, setImportOpen] = useState(false);
  const exportXlsx = async () => {
    try {
      const { search, township, villageId, role, status, month, belowOnly, sort, order } = listQuery;
      saveFile(await call('cadres.exportXlsx', { search, township, villageId, role, status, month, belowOnly, sort, order }));
    } catch (err) {
      showError(err);
    }
  };
  // The list answers with its month and threshold beside the page.
  const data = page as CadreList | null;
  const patch = (p: Partial<CadreQuery>) => setQuery((q) => ({ ...q, page: 1, ...p }));
  const closeDrawer = useCallback(() => setTarget(null), []);

  const remove = useCallback(
    async (row: CadreListItem) => {
      try {
        await call('cadres.remove', { id: row.id, version: row.version });
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
    () =>
      cadreColumns({
        readOnly,
        month: data?.month ?? query.month ?? '',
        threshold: data?.threshold ?? 20,
        onLedger: (r) => openLedger(r.id),
        onLog: (r) => setLogTarget({ id: r.id, name: r.name }),
        onEdit: (r) => setTarget(r.id),
        onRemove: (r) => void remove(r),
      }),
    [readOnly, data?.month, data?.threshold, query.month, openLedger, remove],
  );

  useNewShortcut(!readOnly, () => setTarget((t) => t ?? 'new'));

  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        驻村干部
      </Typography.Title>
      <CadreSummary version={String(data?.total ?? '')} />
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Space wrap>
          <PersonTag person={person} onClear={() => (setPerson(null), patch({ id: null }))} />
          <SearchBox placeholder="搜索姓名、身份证号、手机、派出单位" onSearch={(search) => patch({ search })} />
          <VillageSelect aria-label="驻村村（社区）" placeholder="全部村（社区）" allowClear style={{ width: 180 }} value={query.villageId ?? undefined} onChange={(v) => patch({ villageId: v ?? null })} />
          <Select aria-label="驻村角色" placeholder="全部角色" allowClear style={{ width: 120 }} options={options(CADRE_ROLES)} value={query.role ?? undefined} onChange={(v) => patch({ role: (v as CadreQuery['role']) ?? null })} />
          <Select aria-label="状态" placeholder="全部状态" allowClear style={{ width: 120 }} options={options(CADRE_LIST_STATUSES)} value={query.status ?? undefined} onChange={(v) => patch({ status: (v as CadreQuery['status']) ?? null })} />
          <DatePicker
            picker="month"
            aria-label="考勤月份"
            allowClear={false}
            value={query.month ? dayjs(`${query.month}-01`) : undefined}
            format="YYYY年MM月"
            onChange={(d) => d && patch({ month: d.format('YYYY-MM') })}
          />
          <Checkbox checked={query.belowOnly} onChange={(e) => patch({ belowOnly: e.target.checked })}>
            只看在村天数不足
          </Checkbox>
        </Space>
        <RegisterActions
          exportLabel="导出Excel"
          onExport={() => void exportXlsx()}
          importLabel="导入名册"
          onImport={() => setImportOpen(true)}
          onNew={() => setTarget('new')}
          readOnly={readOnly}
        />
      </Flex>
      <RegisterTable<CadreListItem, CadreSort>
        rowKey="id"
        serial
        virtual
        columns={columns}
        data={data}
        loading={loading}
        query={query}
        onQueryChange={(q) => setQuery((prev) => ({ ...prev, ...q }))}
        chrome={430}
      />
      {!readOnly && (
        <>
          <CadreDrawer target={target} onClose={closeDrawer} onSaved={reload} />
          <LogEntryDrawer target={logTarget} onClose={() => setLogTarget(null)} onSaved={reload} />
          <ImportModal {...cadreImport} open={importOpen} onClose={() => setImportOpen(false)} onImported={reload} />
        </>
      )}
    </>
  );
}
