import { useEffect, useState } from 'react';
import { Form, Select, Spin } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { Posting } from '../../../../electron/api/contract';
import { CADRE_ROLES, POSTING_END_STATUSES } from '../../../../electron/domain/cadres';
import { call } from '../../api/client';
import { DateItem } from '../../components/DateInput';
import { SelectItem, TextItem } from '../../components/fields';
import { VillageSelect } from '../../components/VillageSelect';
import { fromDay, opt, toDay } from './cadreForm';
import { ModalForm } from '../../components/ModalForm';
import { CLEARABLE } from '../../components/clearable';

interface PostValues {
  villageId: string;
  role: (typeof CADRE_ROLES)[number];
  startDate: Dayjs;
  plannedEnd?: Dayjs | null;
}

/** 派驻: opens a new posting for the cadre. */
export function PostModal({ cadreId, open, onClose, onSaved }: { cadreId: string; open: boolean; onClose(): void; onSaved(): void }) {
  return (
    <ModalForm<PostValues>
      open={open}
      title="派驻到村"
      name="cadre-post"
      initialValues={{ role: '工作队员', startDate: dayjs() }}
      onClose={onClose}
      onSaved={onSaved}
      onSubmit={async (v) => {
        await call('cadres.post', { cadreId, villageId: v.villageId, role: v.role, startDate: toDay(v.startDate) ?? '', plannedEnd: toDay(v.plannedEnd) });
      }}
    >
      <PostingFields />
    </ModalForm>
  );
}

/** The fields a posting is opened with; the edit form shows the same ones. */
function PostingFields() {
  return (
    <>
      <Form.Item label="驻村村（社区）" name="villageId" rules={[{ required: true, message: '请选择驻村村（社区）' }]}>
        <VillageSelect />
      </Form.Item>
      <SelectItem label="驻村角色" name="role" required values={CADRE_ROLES} />
      <DateItem title="驻村开始日期" name="startDate" required notAfterToday />
      <DateItem title="计划结束日期" name="plannedEnd" />
    </>
  );
}

/**
 * 编辑: corrects a posting typed wrong. The version read with the ledger goes with the save, so an
 * edit made meanwhile elsewhere is refused rather than overwritten. A closed posting's actual end
 * may be corrected too; ending one stays 离岗.
 */
export function EditPostingModal({ posting, onClose, onSaved }: { posting: Posting | null; onClose(): void; onSaved(): void }) {
  const closed = posting !== null && !posting.inPost;
  return (
    <ModalForm<PostValues & { actualEnd?: Dayjs | null }>
      open={posting !== null}
      title="编辑驻村经历"
      name="cadre-edit-posting"
      initialValues={
        posting
          ? { villageId: posting.villageId, role: posting.role as PostValues['role'], startDate: dayjs(posting.startDate), plannedEnd: fromDay(posting.plannedEnd), actualEnd: fromDay(posting.actualEnd) }
          : {}
      }
      onClose={onClose}
      onSaved={onSaved}
      onSubmit={async (v) => {
        if (!posting) return;
        await call('cadres.updatePosting', {
          id: posting.id,
          version: posting.version,
          villageId: v.villageId,
          role: v.role,
          startDate: toDay(v.startDate) ?? '',
          plannedEnd: toDay(v.plannedEnd),
          actualEnd: closed ? (toDay(v.actualEnd) ?? '') : null,
        });
      }}
    >
      <PostingFields />
      {closed && (
        <DateItem title="实际结束日期" name="actualEnd" required />
      )}
    </ModalForm>
  );
}

interface EndValues {
  status: (typeof POSTING_END_STATUSES)[number];
  actualEnd: Dayjs;
  reason?: string | null;
  replacedByCadreId?: string | null;
}

type CadreOption = { value: string; label: string };

/**
 * Cadres found by name or ID as the clerk types (the register can hold thousands). Only the
 * answer to what is typed now is offered: the list of an earlier search, left highlighted while
 * the new one was on its way, had Enter pick a cadre of that list; Enter before the answer
 * waits.
 */
function CadrePicker(props: { value?: string | null; onChange?(v: string | null): void; id?: string; excludeId: string }) {
  const [found, setFound] = useState<{ search: string; opts: CadreOption[] }>({ search: '\u0000', opts: [] });
  const [picked, setPicked] = useState<CadreOption | null>(null);
  const [search, setSearch] = useState('');
  useEffect(() => {
    let stale = false;
    call('cadres.list', { search: search || null, pageSize: 30 })
      .then((p) => !stale && setFound({ search, opts: p.rows.filter((r) => r.id !== props.excludeId).map((r) => ({ value: r.id, label: `${r.name}（${r.unit}）` })) }))
      .catch(() => undefined);
    return () => {
      stale = true;
    };
  }, [search, props.excludeId]);
  const answered = found.search === search;
  const current = answered ? found.opts : [];
  // The cadre picked keeps its name shown when a later list no longer holds it.
  const options = picked && picked.value === props.value && !current.some((o) => o.value === picked.value) ? [picked, ...current] : current;
  return (
    <Select
      id={props.id}
      allowClear={CLEARABLE}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder="输入姓名查找，可不填"
      options={options}
      notFoundContent={answered ? undefined : <Spin size="small" />}
      onInputKeyDown={(e) => {
        // Enter while the list is on its way does nothing (the select would close, pick no one
        // and drop the typed name); the clerk presses it again once the list is there.
        if (e.key === 'Enter' && !answered) {
          e.preventDefault();
          e.stopPropagation();
        }
      }}
      value={props.value ?? undefined}
      onChange={(v, o) => {
        setPicked(v ? (o as CadreOption) : null);
        props.onChange?.(v ?? null);
      }}
    />
  );
}

/** 离岗: closes a posting (rotation, recall or adjustment), with reason and replacement. */
export function EndPostingModal({ cadreId, posting, onClose, onSaved }: { cadreId: string; posting: Posting | null; onClose(): void; onSaved(): void }) {
  return (
    <ModalForm<EndValues>
      open={posting !== null}
      title="办理离岗"
      name="cadre-end-posting"
      initialValues={{ status: '期满轮换', actualEnd: dayjs() }}
      onClose={onClose}
      onSaved={onSaved}
      onSubmit={async (v) => {
        if (!posting) return;
        await call('cadres.endPosting', {
          id: posting.id,
          version: posting.version,
          status: v.status,
          actualEnd: toDay(v.actualEnd) ?? '',
          reason: opt(v.reason),
          replacedByCadreId: v.replacedByCadreId ?? null,
        });
      }}
    >
      <SelectItem label="离岗方式" name="status" required values={POSTING_END_STATUSES} />
      <DateItem title="实际结束日期" name="actualEnd" required />
      <TextItem label="调整原因" name="reason" max={200} rows={2} extra="召回调整或其他原因离岗时必填" />
      <Form.Item label="接替人" name="replacedByCadreId" extra="接替人尚未在岗时，将自次日起派驻到同一村、同一角色">
        <CadrePicker excludeId={cadreId} />
      </Form.Item>
    </ModalForm>
  );
}
