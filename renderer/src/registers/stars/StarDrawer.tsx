import { useMemo } from 'react';
import { call } from '../../api/client';
import { RecordDrawer, type DrawerTarget } from '../../components/RecordDrawer';
import { StarFields } from './StarFields';
import { fromStarDetail, newRating, toStarInput, type StarFormValues } from './starForm';

export type StarTarget = DrawerTarget;

const load = async (id: string) => {
  const d = await call('stars.get', { id });
  return { id: d.id, version: d.version, values: fromStarDetail(d) };
};
const save = (v: StarFormValues, existing: { id: string; version: number } | null) =>
  existing ? call('stars.update', { ...existing, ...toStarInput(v) }) : call('stars.create', toStarInput(v));

/** Add / edit drawer for the 评星定级 register. */
export function StarDrawer(props: { target: StarTarget; onClose(): void; onSaved(): void }) {
  const initialValues = useMemo(() => newRating(), []);
  return (
    <RecordDrawer<StarFormValues, unknown>
      {...props}
      titles={['新增评星定级', '编辑评星定级']}
      formName="stars"
      initialValues={initialValues}
      focusField="villageId"
      width={640}
      load={load}
      save={save}
    >
      <StarFields />
    </RecordDrawer>
  );
}
