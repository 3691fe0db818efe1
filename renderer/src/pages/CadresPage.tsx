import { useCallback, useMemo, useState } from 'react';
import { Checkbox, Select } from 'antd';
import dayjs from 'dayjs';
import type { Input as ApiInput, CadreList, CadreListItem } from '../../../electron/api/contract';
import { CADRE_LIST_STATUSES, CADRE_ROLES } from '../../../electron/domain/cadres';
import { call } from '../api/client';
import { DateInput } from '../components/DateInput';
import { ImportModal } from '../components/ImportModal';
import { options } from '../components/options';
import { RegisterPage, useRegister, type Listed } from '../components/RegisterPage';
import type { TableQuery } from '../components/RegisterTable';
import { VillageSelect } from '../components/VillageSelect';
import { cadreImport } from '../registers/cadres/cadreImport';
import { CadreDrawer, type CadreTarget } from '../registers/cadres/CadreDrawer';
import { CadreSummary } from '../registers/cadres/CadreSummary';
import { useCadreView } from '../registers/cadres/cadreStore';
import { cadreColumns } from '../registers/cadres/columns';
import { LogEntryDrawer, type LogTarget } from '../registers/cadres/LogEntryDrawer';
import { useCan } from '../stores/appStore';
import { CadreLedgerPage } from './CadreLedgerPage';
import { usePendingFilter } from '../registers/dashboard/filters';
import { PersonTag } from '../registers/dashboard/PersonTag';

type CadreSort = NonNullable<ApiInput<'cadres.list'>['sort']>;
type CadreQuery = TableQuery<CadreSort> & Omit<ApiInput<'cadres.list'>, 'page' | 'pageSize' | 'sort' | 'order' | 'search'> & { search: string | null };

const blank = (): CadreQuery => ({
  search: null, villageId: null, role: null, status: null, month: dayjs().format('YYYY-MM'), belowOnly: false, id: null,
  page: 1, pageSize: 50, sort: null, order: null,
});
const load = (q: Listed<CadreQuery>) => call('cadres.list', q);
const remove = (row: CadreListItem) => call('cadres.remove', { id: row.id, version: row.version });
const exportFile = ({ search, township, villageId, role, status, month, belowOnly, sort, order }: Listed<CadreQuery>) =>
  call('cadres.exportXlsx', { search, township, villageId, role, status, month, belowOnly, sort, order });

/** 驻村干部: the register list, or one cadre's ledger when opened from it. */
export function CadresPage() {
  const ledgerId = useCadreView((s) => s.ledgerId);
  return ledgerId ? <CadreLedgerPage id={ledgerId} /> : <CadreList />;
}

function CadreList() {
  const can = useCan();
  const readOnly = !can.registers;
  const openLedger = useCadreView((s) => s.openLedger);
  // A dashboard number opens this list already filtered (in post, or short of days last month).
  // A quality-check row (shared ID number) narrows it to one person by record id.
  const { person: pendingPerson, ...pending } = usePendingFilter('cadres') ?? {};
  const [person, setPerson] = useState(pendingPerson ?? null);
  const [target, setTarget] = useState<CadreTarget>(null);
  const [logTarget, setLogTarget] = useState<LogTarget>(null);
  const [importOpen, setImportOpen] = useState(false);
  // 重置 also clears a refused month text when the month itself did not change.
  const [resets, setResets] = useState(0);
  const [blankQuery] = useState(blank);
  const [initial] = useState(() => (pendingPerson || Object.keys(pending).length ? { ...blankQuery, ...pending, id: person?.id ?? null } : undefined));
  const reg = useRegister({ key: 'cadres', blank: blankQuery, initial, load, remove, exportFile });
  const { query, patch, reload, remove: removeRow } = reg;
  // The list answers with its month and threshold beside the page.
  const data = reg.data as CadreList | null;
  const closeDrawer = useCallback(() => setTarget(null), []);

  const columns = useMemo(
    () =>
      cadreColumns({
        readOnly,
        canLog: can.logs,
        month: data?.month ?? query.month ?? '',
        threshold: data?.threshold ?? 20,
        onLedger: (r) => openLedger(r.id),
        onLog: (r) => setLogTarget({ id: r.id, name: r.name }),
        onEdit: (r) => setTarget(r.id),
        onRemove: (r) => void removeRow(r),
      }),
    [readOnly, can.logs, data?.month, data?.threshold, query.month, openLedger, removeRow],
  );

  return (
    <RegisterPage
      register={reg}
      title="驻村干部"
      banner={<CadreSummary version={String(data?.total ?? '')} />}
      searchPlaceholder="搜索姓名、身份证号、手机、派出单位"
      filters={
        <>
          <PersonTag person={person} onClear={() => (setPerson(null), patch({ id: null }))} />
          <VillageSelect aria-label="驻村村（社区）" placeholder="全部村（社区）" allowClear style={{ width: 180 }} value={query.villageId ?? undefined} onChange={(v) => patch({ villageId: v ?? null })} />
          <Select aria-label="驻村角色" placeholder="全部角色" allowClear style={{ width: 120 }} options={options(CADRE_ROLES)} value={query.role ?? undefined} onChange={(v) => patch({ role: v ?? null })} />
          <Select aria-label="状态" placeholder="全部状态" allowClear style={{ width: 120 }} options={options(CADRE_LIST_STATUSES)} value={query.status ?? undefined} onChange={(v) => patch({ status: v ?? null })} />
          {/* A refused or empty month is never applied: the list keeps the month the field names in red. */}
          <DateInput
            key={resets}
            month
            standalone
            required
            title="考勤月份"
            aria-label="考勤月份"
            style={{ width: 200 }}
            value={query.month ? dayjs(`${query.month}-01`) : null}
            onChange={(d) => d?.isValid() && patch({ month: d.format('YYYY-MM') })}
          />
          <Checkbox checked={query.belowOnly} onChange={(e) => patch({ belowOnly: e.target.checked })}>
            只看在村天数不足
          </Checkbox>
        </>
      }
      onReset={() => (setPerson(null), setResets((n) => n + 1))}
      exportLabel="导出Excel"
      importLabel="导入名册"
      onImport={() => setImportOpen(true)}
      onNew={() => setTarget((t) => t ?? 'new')}
      columns={columns}
      chrome={430}
      virtual
    >
      {can.logs && <LogEntryDrawer target={logTarget} onClose={() => setLogTarget(null)} onSaved={reload} />}
      {!readOnly && (
        <>
          <CadreDrawer target={target} onClose={closeDrawer} onSaved={reload} />
          <ImportModal {...cadreImport} open={importOpen} onClose={() => setImportOpen(false)} onImported={reload} />
        </>
      )}
    </RegisterPage>
  );
}
