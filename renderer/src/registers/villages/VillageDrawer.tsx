import { call } from '../../api/client';
import { RecordDrawer, type DrawerTarget } from '../../components/RecordDrawer';
import { VillageFields } from './VillageFields';
import { fromVillageDetail, NEW_VILLAGE, toVillageInput, type VillageFormValues } from './villageForm';

export type VillageTarget = DrawerTarget;

const load = async (id: string) => {
  const d = await call('villages.get', { id });
  return { id: d.id, version: d.version, values: fromVillageDetail(d) };
};
const save = (v: VillageFormValues, existing: { id: string; version: number } | null) =>
  existing ? call('villages.update', { ...existing, ...toVillageInput(v) }) : call('villages.create', toVillageInput(v));

/** Add / edit drawer for the 村（社区） register. */
export function VillageDrawer(props: { target: VillageTarget; onClose(): void; onSaved(): void }) {
  return (
    <RecordDrawer<VillageFormValues, unknown>
      {...props}
      titles={['新增村（社区）', '编辑村（社区）']}
      formName="village"
      initialValues={NEW_VILLAGE}
      focusField="name"
      load={load}
      save={save}
    >
      <VillageFields />
    </RecordDrawer>
  );
}
