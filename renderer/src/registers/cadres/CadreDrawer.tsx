import type { CadreDetail } from '../../../../electron/api/contract';
import { call } from '../../api/client';
import { RecordDrawer, type DrawerTarget } from '../../components/RecordDrawer';
import { CadreFields } from './CadreFields';
import { fromCadreDetail, NEW_CADRE, toCadreInput, type CadreFormValues } from './cadreForm';

export type CadreTarget = DrawerTarget;

const load = async (id: string) => {
  // Editing needs the full ID number: opening the form is a reveal, logged in 操作日志.
  const [d, full] = await Promise.all([call('cadres.get', { id }), call('cadres.revealId', { id, purpose: 'edit' })]);
  return { id: d.id, version: d.version, values: fromCadreDetail({ ...d, idNumber: full.idNumber }) };
};
const save = (v: CadreFormValues, existing: { id: string; version: number } | null): Promise<CadreDetail> =>
  existing ? call('cadres.update', { ...existing, ...toCadreInput(v) }) : call('cadres.create', toCadreInput(v));

/** Add / edit drawer for a cadre's profile. */
export function CadreDrawer(props: { target: CadreTarget; onClose(): void; onSaved(cadre: CadreDetail): void }) {
  return (
    <RecordDrawer<CadreFormValues, CadreDetail>
      {...props}
      titles={['新增驻村干部', '编辑驻村干部']}
      formName="cadre"
      initialValues={NEW_CADRE}
      focusField="name"
      width={640}
      load={load}
      save={save}
    >
      <CadreFields />
    </RecordDrawer>
  );
}
