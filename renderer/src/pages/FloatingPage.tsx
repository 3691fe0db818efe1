import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Flex, Select, Statistic } from 'antd';
import type { FloatingListItem, Input as ApiInput, Output } from '../../../electron/api/contract';
import { FLOAT_STATUSES, type FloatStatus } from '../../../electron/domain/floating';
import { call, callEarly, showError } from '../api/client';
import { options } from '../components/options';
import { openingQuery, RegisterPage, useRegister, type Listed } from '../components/RegisterPage';
import type { TableQuery } from '../components/RegisterTable';
import { VillageSelect } from '../components/VillageSelect';
import { memberColumns } from '../registers/floating/columns';
import { ImportModal } from '../registers/floating/ImportModal';
import { MemberDetailDrawer } from '../registers/floating/MemberDetailDrawer';
import { MemberDrawer, type MemberTarget } from '../registers/floating/MemberDrawer';
import { useAppStore, useCan } from '../stores/appStore';
import { usePendingFilter } from '../registers/dashboard/filters';
import { PersonTag } from '../registers/dashboard/PersonTag';
import { ActionLink } from '../components/ActionLink';

type Sort = 'name' | 'left_date' | 'last_contact_date' | 'updated_at';
type Flag = 'overdue' | 'noContact';
type Query = TableQuery<Sort> & { id?: string | null; search: string | null; villageId: string | null; status: FloatStatus | null; flag: Flag | null };

const BLANK: Query = { search: null, villageId: null, status: null, flag: null, id: null, page: 1, pageSize: 20, sort: null, order: null };
const load = (q: Listed<Query>) => call('floating.list', q satisfies ApiInput<'floating.list'>);
/** At the menu click (nav.tsx): the list's first page is asked for while the page renders. */
export const early = () => callEarly('floating.list', openingQuery('floating', BLANK) satisfies ApiInput<'floating.list'>);
const remove = (row: FloatingListItem) => call('floating.remove', { id: row.id, version: row.version });
const exportFile = ({ search, township, villageId, status, flag }: Listed<Query>) => call('floating.exportXlsx', { search, township, villageId, status, flag });
const FLAG_OPTIONS = [
  { value: 'overdue', label: '逾期未联系' },
  { value: 'noContact', label: '无一对一联系人' },
];

/** The overdue / no-contact counts of the township (or the one picked at the district); a click filters the list. */
function AlertSummary({ alerts, onFilter }: { alerts: Output<'floating.alerts'> | null; onFilter(f: Flag): void }) {
  if (!alerts) return null;
  const ok = alerts.overdue === 0 && alerts.noContact === 0;
  return (
    <Alert
      type={ok ? 'success' : 'warning'}
      style={{ marginBottom: 16 }}
      title={
        <Flex gap={48} wrap align="center">
          <Statistic title="外出中" value={alerts.out} suffix="名" />
          <ActionLink onClick={() => onFilter('overdue')} aria-label={`逾期未联系 ${alerts.overdue} 名`}>
            <Statistic title={`超过${alerts.intervalDays}天未联系`} value={alerts.overdue} suffix="名" styles={{ content: { color: alerts.overdue ? '#d4380d' : undefined } }} />
          </ActionLink>
          <ActionLink onClick={() => onFilter('noContact')} aria-label={`无联系人 ${alerts.noContact} 名`}>
            <Statistic title="无一对一联系人" value={alerts.noContact} suffix="名" styles={{ content: { color: alerts.noContact ? '#cf1322' : undefined } }} />
          </ActionLink>
        </Flex>
      }
    />
  );
}

/** 流动党员 register: alerts, search and filters, server-paged roster, member ledger drawers. */
export function FloatingPage() {
  const can = useCan();
  const readOnly = !can.registers;
  const township = useAppStore((s) => s.township);
  // A dashboard number opens this list already filtered (overdue, or without a contact cadre).
  // A quality-check row opens one member's contact drawer, or narrows the list to one person.
  const pending = usePendingFilter('floating');
  const [person, setPerson] = useState(pending?.person ?? null);
  const [target, setTarget] = useState<MemberTarget>(null);
  const [detailId, setDetailId] = useState<string | null>(pending?.openId ?? null);
  const [importOpen, setImportOpen] = useState(false);
  const [alerts, setAlerts] = useState<Output<'floating.alerts'> | null>(null);

  const loadAlerts = useCallback(() => void call('floating.alerts', { township }).then(setAlerts).catch(showError), [township]);
  useEffect(loadAlerts, [loadAlerts]);
  const initial = useMemo(() => (pending ? { ...BLANK, flag: pending.flag ?? null, id: pending.person?.id ?? null } : undefined), [pending]);
  const reg = useRegister({ key: 'floating', blank: BLANK, initial, load, remove, exportFile, onChanged: loadAlerts });
  const { query, patch, reload: reloadList, remove: removeRow } = reg;
  const reload = useCallback(() => {
    reloadList();
    loadAlerts();
  }, [reloadList, loadAlerts]);

  const closeDrawer = useCallback(() => setTarget(null), []);
  const closeDetail = useCallback(() => setDetailId(null), []);
  const columns = useMemo(
    () => memberColumns({ readOnly, onDetail: (r) => setDetailId(r.id), onEdit: (r) => setTarget(r.id), onRemove: (r) => void removeRow(r) }),
    [readOnly, removeRow],
  );

  return (
    <RegisterPage
      register={reg}
      title="流动党员"
      banner={<AlertSummary alerts={alerts} onFilter={(flag) => patch({ flag, status: null })} />}
      searchPlaceholder="搜索姓名、身份证号、手机、流入地"
      filters={
        <>
          <PersonTag person={person} onClear={() => (setPerson(null), patch({ id: null }))} />
          <VillageSelect aria-label="村（社区）" placeholder="全部村（社区）" allowClear style={{ width: 200 }} value={query.villageId ?? undefined} onChange={(v) => patch({ villageId: v ?? null })} />
          <Select<FloatStatus> aria-label="状态" placeholder="全部状态" allowClear style={{ width: 140 }} options={options(FLOAT_STATUSES)} value={query.status ?? undefined} onChange={(v) => patch({ status: v ?? null })} />
          <Select<Flag> aria-label="提醒" placeholder="全部提醒" allowClear style={{ width: 160 }} options={FLAG_OPTIONS} value={query.flag ?? undefined} onChange={(v) => patch({ flag: v ?? null })} />
        </>
      }
      onReset={() => setPerson(null)}
      exportLabel="导出名册"
      importLabel="导入名册"
      onImport={() => setImportOpen(true)}
      onNew={() => setTarget((t) => t ?? 'new')}
      columns={columns}
      chrome={420}
    >
      <MemberDetailDrawer memberId={detailId} readOnly={readOnly} canRecord={can.contacts} onClose={closeDetail} onChanged={reload} />
      {!readOnly && (
        <>
          <MemberDrawer target={target} onClose={closeDrawer} onSaved={reload} />
          <ImportModal open={importOpen} onClose={() => setImportOpen(false)} onImported={reload} />
        </>
      )}
    </RegisterPage>
  );
}
