import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type Ref, type RefObject } from 'react';
import { Alert, App, Button, Col, Drawer, Form, Row, Space, Switch, Table, Tag, Typography } from 'antd';
import type { InputRef } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Input as ApiInput, LogDay, MonthAttendance, WorkLog, WorkLogValues } from '../../../../electron/api/contract';
import { attendanceLabel, WORK_KINDS } from '../../../../electron/domain/cadres';
import { addDays } from '../../../../electron/domain/dates';
import { call, reportError, showError } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { SelectItem, TextItem } from '../../components/fields';
import { formState, useConfirmDiscard, useEdits, type FormState } from '../../components/formState';
import { AttendanceTag } from './LedgerSections';
import { NO_FOCUS_RETURN, useFocusBack } from '../../components/focusBack';
import { ConfirmPop } from '../../components/ConfirmPop';
import { WholeNumber } from '../../components/WholeNumber';

export type LogTarget = { id: string; name: string } | null;

interface Props {
  target: LogTarget;
  onClose(): void;
  onSaved(): void;
}

/**
 * Quick daily log entry for one cadre: a few keystrokes per day for a month of days. Esc or the
 * close button asks before a day's unsaved changes are thrown away.
 */
export function LogEntryDrawer({ target, onClose, onSaved }: Props) {
  const focusContent = useRef<() => void>(() => undefined);
  const state = useRef<() => FormState>(() => 'clean');
  const confirmDiscard = useConfirmDiscard();
  const back = useFocusBack(target !== null);
  return (
    <Drawer
      open={target !== null}
      title={target ? `填写驻村日志：${target.name}` : '填写驻村日志'}
      size={760}
      destroyOnHidden
      mask={{ closable: false }}
      onClose={() => confirmDiscard(state.current(), onClose)}
      // The drawer focuses its own panel when the opening animation ends; take it back.
      focusable={NO_FOCUS_RETURN}
      afterOpenChange={(open) => (open ? focusContent.current() : back.closed())}
    >
      {target && <LogEntry cadreId={target.id} onSaved={onSaved} focusRef={focusContent} stateRef={state} />}
    </Drawer>
  );
}

const BLANK: WorkLogValues = { inVillage: true, workKind: '走访农户', households: 0, content: null, problems: null, followUp: null };
const today = () => dayjs().format('YYYY-MM-DD');

interface MonthView {
  logs: WorkLog[];
  attendance: MonthAttendance;
  threshold: number;
}

function LogEntry(props: { cadreId: string; onSaved(): void; focusRef: RefObject<() => void>; stateRef: RefObject<() => FormState> }) {
  const { cadreId, onSaved, focusRef, stateRef } = props;
  const { message } = App.useApp();
  const [form] = Form.useForm<WorkLogValues>();
  const edits = useEdits(form);
  const [date, setDate] = useState(today);
  const [day, setDay] = useState<LogDay | null>(null);
  const [month, setMonth] = useState<MonthView | null>(null);
  const [nonce, setNonce] = useState(0);
  const [saving, setSaving] = useState(false);
  const loading = day?.date !== date;
  const resumed = useRef(false);
  const content = useRef<TextAreaRef>(null);
  const dateBox = useRef<InputRef>(null);

  // Keyboard-first: whenever a day is ready, the cursor waits in 工作内容 with its text selected,
  // so typing replaces yesterday's text and the shortcuts work without a click. Not while the
  // clerk is typing a date, which loads days as it becomes readable.
  const focusContent = useCallback(() => {
    if (dateBox.current?.input && document.activeElement === dateBox.current.input) return;
    content.current?.focus({ cursor: 'all' });
  }, []);
  useEffect(() => {
    focusRef.current = focusContent;
    stateRef.current = () => formState(edits.isEdited(), saving);
  }, [focusRef, focusContent, stateRef, edits, saving]);
  useEffect(() => {
    if (!loading) focusContent();
  }, [loading, day, focusContent]);

  useEffect(() => {
    let stale = false;
    Promise.all([call('cadres.logDay', { cadreId, date }), call('cadres.monthLogs', { cadreId, month: date.slice(0, 7) })])
      .then(([d, m]) => {
        if (stale) return;
        // On opening, continue the day after the latest entry rather than today.
        const resume = d.lastDate ? addDays(d.lastDate, 1) : null;
        const first = !resumed.current;
        resumed.current = true;
        if (first && !d.log && resume && resume < date) {
          setDate(resume);
          return;
        }
        form.resetFields();
        // An existing entry is edited; a new day starts from the previous entry's values.
        form.setFieldsValue(d.log ?? d.defaults ?? BLANK);
        edits.settle();
        setDay(d);
        setMonth(m);
      })
      .catch((err: unknown) => !stale && showError(err));
    return () => {
      stale = true;
    };
  }, [cadreId, date, nonce, form, edits]);

  /**
   * A day the clerk chose (a step, a typed date, a month row): the opening's jump to the day
   * after the latest entry no longer applies, even if the first day has not loaded yet (it took
   * the clerk from the day chosen to the resume day, where the next text typed was saved).
   */
  const confirmDiscard = useConfirmDiscard();
  /** Remounts the date box, which then shows the day still open rather than a date typed. */
  const [dateBoxKey, setDateBoxKey] = useState(0);
  const choose = useCallback(
    (d: string | ((d: string) => string)) =>
      // Leaving a day with unsaved text asks first, as closing the drawer does (PageUp dropped it).
      confirmDiscard(
        formState(edits.isEdited(), saving),
        () => {
          resumed.current = true;
          setDate(d);
        },
        { content: '换到其他日期后，本日填写或修改的内容不会保存。', keep: () => setDateBoxKey((k) => k + 1) },
      ),
    [confirmDiscard, edits, saving],
  );
  const step = useCallback((n: number) => choose((d) => (addDays(d, n) > today() ? d : addDays(d, n))), [choose]);

  async function save(next: boolean) {
    if (loading || saving || !day) return;
    let v: WorkLogValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await call('cadres.saveLog', { id: day.log?.id ?? null, version: day.log?.version ?? null, cadreId, logDate: date, ...v, workKind: v.workKind as ApiInput<'cadres.saveLog'>['workKind'], households: v.households ?? 0 });
      void message.success(`已保存 ${date} 的日志`);
      onSaved();
      if (next && addDays(date, 1) <= today()) setDate(addDays(date, 1));
      else setNonce((n) => n + 1);
    } catch (err) {
      reportError(form, err);
    } finally {
      setSaving(false);
    }
  }

  async function remove() {
    if (!day?.log) return;
    try {
      await call('cadres.removeLog', { id: day.log.id, version: day.log.version });
      void message.success('已删除');
      onSaved();
      setNonce((n) => n + 1);
    } catch (err) {
      showError(err);
    }
  }

  const onKeyDown = (e: KeyboardEvent) => {
    // Keys in the delete question (a layer of its own, whose events React still passes up here)
    // answer the question: PageUp there must not move to another day under it.
    if (e.target instanceof Element && e.target.closest('.ant-popover')) return;
    const back = (e.altKey && e.key === 'ArrowLeft') || e.key === 'PageUp';
    const fwd = (e.altKey && e.key === 'ArrowRight') || e.key === 'PageDown';
    if (back || fwd) {
      e.preventDefault();
      e.stopPropagation();
      step(back ? -1 : 1);
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      e.stopPropagation();
      void save(true);
    }
  };

  return (
    <div onKeyDownCapture={onKeyDown}>
      <Space align="center" wrap style={{ marginBottom: 12 }}>
        <label htmlFor="log-date">日期</label>
        <Button icon={<LeftOutlined aria-hidden />} aria-label="前一天" title="前一天（Alt+← 或 PageUp）" onClick={() => step(-1)} />
        <DateInput
          key={dateBoxKey}
          id="log-date"
          inputRef={dateBox}
          standalone
          notAfterToday
          title="日期"
          value={dayjs(date)}
          style={{ width: 220 }}
          // A day with nothing unsaved follows the date as it is typed; one with unsaved text asks
          // when the date is finished (Enter, Tab, a calendar pick), not at 2026-11-1 on the way to
          // 2026-11-15 (which then lost its last digit and sat on the 1st).
          onChange={(d) => d?.isValid() && !edits.isEdited() && choose(d.format('YYYY-MM-DD'))}
          onCommit={(d) => d.format('YYYY-MM-DD') !== date && choose(d.format('YYYY-MM-DD'))}
        />
        <Button icon={<RightOutlined aria-hidden />} aria-label="后一天" title="后一天（Alt+→ 或 PageDown）" onClick={() => step(1)} />
        <Typography.Text type="secondary">{dayjs(date).format('dddd')}</Typography.Text>
        {day?.log ? <Tag color="blue">已填写，可修改</Tag> : <Tag>新日志</Tag>}
      </Space>
      {day && !day.posting && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="该日期不在驻村期间内，不能填写日志" />}
      {day?.posting && (
        <Typography.Paragraph type="secondary">
          驻村：{day.posting.villageName}（{day.posting.role}）{'\u3000'}快捷键：Ctrl+Enter 保存并下一天，Alt+←/→ 或 PageUp/PageDown 换日期
        </Typography.Paragraph>
      )}
      <Form<WorkLogValues> form={form} layout="vertical" name="worklog" initialValues={BLANK} onFinish={() => void save(false)} onValuesChange={edits.onValuesChange} disabled={loading || saving}>
        <LogFields contentRef={content} />
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          {day?.log && (
            <ConfirmPop title={`确定删除 ${date} 的日志吗？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => void remove()}>
              <Button danger>删除本日</Button>
            </ConfirmPop>
          )}
          <Button htmlType="submit" loading={saving}>
            保存
          </Button>
          <Button type="primary" title="Ctrl+Enter" loading={saving} onClick={() => void save(true)}>
            保存并下一天
          </Button>
        </Space>
      </Form>
      {month && <MonthSummary month={month} onPick={choose} />}
    </div>
  );
}

/** The day's entry; names equal the keys of the 'cadres.saveLog' input. */
function LogFields({ contentRef }: { contentRef: Ref<TextAreaRef> }) {
  return (
    <>
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item label="是否在村" name="inVillage" valuePropName="checked">
            <Switch checkedChildren="在村" unCheckedChildren="不在村" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <SelectItem label="工作类型" name="workKind" required values={WORK_KINDS} />
        </Col>
        <Col span={8}>
          <Form.Item label="走访户数" name="households">
            <WholeNumber style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <TextItem label="工作内容" name="content" max={1000} rows={2} areaRef={contentRef} />
      <Row gutter={16}>
        <Col span={12}>
          <TextItem label="发现问题" name="problems" max={500} rows={2} />
        </Col>
        <Col span={12}>
          <TextItem label="跟进措施" name="followUp" max={500} rows={2} />
        </Col>
      </Row>
    </>
  );
}

function MonthSummary({ month, onPick }: { month: MonthView; onPick(day: string): void }) {
  const a = month.attendance;
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {a.month.replace('-', '年')}月：已填 {a.logged} 天，在村 {a.inVillage} 天
        <Typography.Text type="secondary" style={{ margin: '0 8px', fontSize: 14, fontWeight: 'normal' }}>
          （本月应在村{a.required}天，标准每月{month.threshold}天）
        </Typography.Text>
        <AttendanceTag label={attendanceLabel(a)} />
      </Typography.Title>
      <Table<WorkLog>
        rowKey="id"
        size="small"
        bordered
        pagination={false}
        scroll={{ y: 260 }}
        dataSource={month.logs}
        onRow={(r) => ({ onClick: () => onPick(r.logDate), style: { cursor: 'pointer' } })}
        columns={[
          { title: '日期', dataIndex: 'logDate', width: 110 },
          { title: '在村', dataIndex: 'inVillage', width: 64, render: (b: boolean) => (b ? '是' : <Tag color="orange">否</Tag>) },
          { title: '工作类型', dataIndex: 'workKind', width: 90 },
          { title: '户数', dataIndex: 'households', width: 60 },
          { title: '工作内容', dataIndex: 'content', ellipsis: true },
        ]}
      />
    </>
  );
}
