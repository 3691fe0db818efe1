import { call } from '../../api/client';
import { RecordDrawer, type DrawerTarget } from '../../components/RecordDrawer';
import { MemberFields } from './MemberFields';
import { fromMemberDetail, NEW_MEMBER, toMemberInput, type MemberFormValues } from './memberForm';

export type MemberTarget = DrawerTarget;

const load = async (id: string) => {
  // Editing needs the full ID number: opening the form is a reveal, logged in 操作日志.
  const [d, full] = await Promise.all([call('floating.get', { id }), call('floating.revealId', { id, purpose: 'edit' })]);
  return { id: d.id, version: d.version, values: fromMemberDetail({ ...d, idNumber: full.idNumber }) };
};
const save = (v: MemberFormValues, existing: { id: string; version: number } | null) =>
  existing ? call('floating.update', { ...existing, ...toMemberInput(v) }) : call('floating.create', toMemberInput(v));

/** Add / edit drawer for a floating member's roster entry. */
export function MemberDrawer(props: { target: MemberTarget; onClose(): void; onSaved(): void }) {
  return (
    <RecordDrawer<MemberFormValues, unknown>
      {...props}
      titles={['新增流动党员', '编辑流动党员']}
      formName="floatingMember"
      initialValues={NEW_MEMBER}
      focusField="name"
      width={640}
      load={load}
      save={save}
    >
      <MemberFields />
    </RecordDrawer>
  );
}
