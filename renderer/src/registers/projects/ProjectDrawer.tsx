import { useMemo } from 'react';
import { call } from '../../api/client';
import { RecordDrawer, type DrawerTarget } from '../../components/RecordDrawer';
import { ProjectFields } from './ProjectFields';
import { fromProjectDetail, newProject, toProjectInput, type ProjectFormValues } from './projectForm';

export type ProjectTarget = DrawerTarget;

const load = async (id: string) => {
  const d = await call('projects.get', { id });
  return { id: d.id, version: d.version, values: fromProjectDetail(d) };
};
const save = (v: ProjectFormValues, existing: { id: string; version: number } | null) =>
  existing ? call('projects.update', { ...existing, ...toProjectInput(v) }) : call('projects.create', toProjectInput(v));

/** Add / edit drawer for the 一村一项目 register. */
export function ProjectDrawer(props: { target: ProjectTarget; onClose(): void; onSaved(): void }) {
  const initialValues = useMemo(() => newProject(), []);
  return (
    <RecordDrawer<ProjectFormValues, unknown>
      {...props}
      titles={['新增项目', '编辑项目']}
      formName="project"
      initialValues={initialValues}
      focusField="villageId"
      width={640}
      load={load}
      save={save}
    >
      <ProjectFields />
    </RecordDrawer>
  );
}
