import { useEffect, useState } from 'react';
import { Descriptions, Divider, Drawer, Spin, Tag } from 'antd';
import type { FloatingDetail, RecordSaved } from '../../../../electron/api/contract';
import { applyRecordSaved } from '../../../../electron/domain/floating';
import { call, showError } from '../../api/client';
import { drawerState, DirtyForms, useConfirmDiscard, type DirtyChecks } from '../../components/formState';
import { RevealId } from '../../components/RevealId';
import { ContactSection } from './ContactSection';
import { RecordSection } from './RecordSection';
import { StatusSection } from './StatusSection';
import { NO_FOCUS_RETURN, useFocusBack } from '../../components/focusBack';

interface Props {
  memberId: string | null;
  /** The member itself (one-to-one contact, status). */
  readOnly: boolean;
  /** Contact records may be added and edited (a township, and a 驻村版 for its own members). */
  canRecord: boolean;
  onClose(): void;
  /** Something changed: the list's flags and dates need a reload. */
  onChanged(): void;
}

/** A member's ledger: full details, one-to-one contact, contact records and status. */
export function MemberDetailDrawer({ memberId, readOnly, canRecord, onClose, onChanged }: Props) {
  const [detail, setDetail] = useState<FloatingDetail | null>(null);
  const shown = detail && detail.id === memberId ? detail : null;
  // The contact, record and status forms below: closing asks while one holds typed text.
  const [forms] = useState<DirtyChecks>(() => new Set());
  const confirmDiscard = useConfirmDiscard();
  const back = useFocusBack(memberId !== null);

  useEffect(() => {
    if (!memberId) return;
    let stale = false;
    call('floating.get', { id: memberId })
      .then((d) => !stale && setDetail(d))
      .catch((err: unknown) => {
        if (stale) return;
        showError(err);
        onClose();
      });
    return () => {
      stale = true;
    };
  }, [memberId, onClose]);

  const changed = (d: FloatingDetail) => {
    setDetail(d);
    onChanged();
  };
  // A contact record's save answers with the record and what it moved on the member, not the whole ledger.
  const recorded = (saved: RecordSaved) => {
    setDetail((d) => d && applyRecordSaved(d, saved));
    onChanged();
  };

  return (
    <Drawer open={memberId !== null} focusable={NO_FOCUS_RETURN} afterOpenChange={(o) => o || back.closed()} title={shown ? `联系情况：${shown.name}` : '联系情况'} size={760} onClose={() => confirmDiscard(drawerState(forms), onClose)} destroyOnHidden>
      <DirtyForms.Provider value={forms}>
      <Spin spinning={!shown} description="正在读取…">
        {shown && (
          <>
            <Descriptions size="small" bordered column={2}>
              <Descriptions.Item label="所属村（社区）">{shown.villageName}</Descriptions.Item>
              <Descriptions.Item label="身份证号">
                <RevealId masked={shown.idNumber} rowId={shown.id} channel="floating.revealId" />
              </Descriptions.Item>
              <Descriptions.Item label="性别 / 出生日期">{`${shown.gender} / ${shown.birthDate}`}</Descriptions.Item>
              <Descriptions.Item label="手机号码">{shown.mobile ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="流入地" span={2}>{[shown.destText, shown.workplace].filter(Boolean).join(' ')}</Descriptions.Item>
              <Descriptions.Item label="外出时间">{shown.leftDate}</Descriptions.Item>
              <Descriptions.Item label="提醒">
                {shown.noContact && <Tag color="red">无联系人</Tag>}
                {shown.overdue && <Tag color="orange">逾期未联系</Tag>}
                {!shown.noContact && !shown.overdue && '—'}
              </Descriptions.Item>
            </Descriptions>
            <Divider />
            <ContactSection member={shown} readOnly={readOnly} onChanged={changed} />
            <Divider />
            <RecordSection member={shown} readOnly={!canRecord} onSaved={recorded} />
            <Divider />
            <StatusSection member={shown} readOnly={readOnly} onChanged={changed} />
          </>
        )}
      </Spin>
      </DirtyForms.Provider>
    </Drawer>
  );
}
