import { useEffect, useState, type FocusEvent, type KeyboardEvent, type Ref } from 'react';
import { Button, Calendar, Form, Input, Popover, Typography } from 'antd';
import type { FormItemProps, InputRef } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { parseDateText } from '../../../electron/domain/dates';

/**
 * What a refused text said was wrong. The form holds an invalid Dayjs for it, so a save is blocked
 * by the field's rule and never falls back to the previous date or today.
 */
const refusals = new WeakMap<Dayjs, string>();

const refused = (message: string): Dayjs => {
  const d = dayjs(NaN);
  refusals.set(d, message);
  return d;
};

const ISO = 'YYYY-MM-DD';
/** How a month field shows the month it understood (what the month picker showed before). */
const MONTH = 'YYYY年MM月';
const shown = (v: Dayjs | null | undefined, format = ISO) => (v && v.isValid() ? v.format(format) : '');
const MONTH_EXAMPLE = '如 2026-03、2026.3、2026年3月、202603';

export interface ReadDateOptions {
  allowMonth?: boolean;
  notAfterToday?: boolean;
  /** A month field: only month spellings, meaning the month's first day; a full date is refused, not cut. */
  month?: boolean;
}

/** The date a text means, the refusal a bad text gets, or null for no date. */
export function readDate(text: string, opts: ReadDateOptions = {}): Dayjs | null {
  const r = parseDateText(text, { allowMonth: opts.allowMonth || opts.month });
  if (!r) return null;
  const t = text.trim();
  if (opts.month && !r.ok) return refused(/不是有效日期/.test(r.message) ? `“${t}”不是有效月份` : `“${t}”不是可识别的月份（${MONTH_EXAMPLE}）`);
  if (!r.ok) return refused(r.message);
  if (opts.month && !r.monthOnly) return refused(`“${t}”是具体日期，这里只填月份（${MONTH_EXAMPLE}）`);
  if (opts.notAfterToday && r.value > dayjs().format(ISO)) return refused(`${r.value} 晚于今天，不能填写将来的日期`);
  return dayjs(r.value);
}

/** The message for a value the date input refused, or null for a real date or no date. */
export function dateRefusal(v: unknown): string | null {
  if (!dayjs.isDayjs(v) || v.isValid()) return null;
  return refusals.get(v) ?? '不是有效日期（如 2026-03-05、2026.3.5、2026年3月5日）';
}

export interface DateInputProps {
  id?: string;
  value?: Dayjs | null;
  onChange?(v: Dayjs | null): void;
  onBlur?(e: FocusEvent<HTMLInputElement>): void;
  onKeyDown?(e: KeyboardEvent<HTMLInputElement>): void;
  /**
   * The clerk has finished with a date it understood: Enter, leaving the field, or a pick in the
   * calendar (onChange follows every keystroke, and 2026-11-1 is a date on the way to 2026-11-15).
   */
  onCommit?(v: Dayjs): void;
  allowMonth?: boolean;
  notAfterToday?: boolean;
  /** A month field (a list's month filter): see ReadDateOptions.month; shown as 2026年03月. */
  month?: boolean;
  disabled?: boolean;
  placeholder?: string;
  /** The input's own style (its width); a refusal shown under it may be wider. */
  style?: React.CSSProperties;
  'aria-label'?: string;
  /** Outside a Form.Item nobody else shows the refusal: show it under the input. */
  standalone?: boolean;
  /**
   * Standalone: the field's name in its refusals, which then also say what still applies (the
   * value the parent kept, e.g. a list's month), so nothing is used that the clerk does not see.
   */
  title?: string;
  /** Standalone: empty text is refused (请填写…) rather than passed on as no date. */
  required?: boolean;
  inputRef?: Ref<InputRef>;
}

/**
 * The one date field of the app: the clerk types a date the way it is written on paper
 * (2026-3-5, 2026/3/5, 2026.3.5, 20260305, 2026年3月5日), the value follows every keystroke,
 * Tab or Enter shows it back as 2026-03-05, and anything else stays visible and is refused.
 * A month field takes 2026-3, 2026.03, 2026年3月, 202603 and shows 2026年03月.
 * A calendar button remains for picking with the mouse.
 */
export function DateInput({ value, onChange, onBlur, onCommit, allowMonth, notAfterToday, month, standalone, title, required, inputRef, style, ...rest }: DateInputProps) {
  const format = month ? MONTH : ISO;
  const [text, setText] = useState(() => shown(value, format));
  const [open, setOpen] = useState(false);

  // Follow a value set from outside (reset, load, a calendar pick); keep what the clerk typed
  // while it means the same date or was refused. A refusal is keyed by its object, a date by its day.
  const key: Dayjs | string = dateRefusal(value) ? (value as Dayjs) : shown(value, format);
  const [seen, setSeen] = useState(key);
  if (key !== seen) {
    setSeen(key);
    const typed = readDate(text, { allowMonth, month });
    if (typeof key === 'string' && (shown(typed, format) !== key || dateRefusal(typed))) setText(key);
  }

  // Standalone, a half-typed text (2026年3) is not refused in red until a pause, Tab or Enter.
  const [quiet, setQuiet] = useState(text);
  useEffect(() => {
    const t = setTimeout(() => setQuiet(text), 600);
    return () => clearTimeout(t);
  }, [text]);

  const opts = { allowMonth, notAfterToday, month };
  const change = (t: string) => {
    setText(t);
    onChange?.(readDate(t, opts));
  };
  const understood = readDate(text, opts);
  const empty = standalone && required && !text.trim();
  const error = empty ? `请填写${title ?? '日期'}` : dateRefusal(understood);
  // Shown while typing, so the clerk sees the date that will be saved before leaving the field.
  const hint = understood && !error && shown(understood, format) !== text.trim() ? `即 ${shown(understood, format)}` : null;
  const canonical = (byEnter = false) => {
    if (understood && !error) {
      setText(shown(understood, format));
      // After the key's own events: a dialog the commit opens (放弃未保存的修改？) would otherwise
      // take this Enter on the button it focuses, and answer itself.
      if (onCommit) {
        const day = understood;
        if (byEnter) setTimeout(() => onCommit(day), 0);
        else onCommit(day);
      }
    }
    setQuiet(text);
  };
  const kept = title && value && value.isValid() ? `，仍按 ${shown(value, format)}` : '';
  const shownError = standalone && error && quiet === text ? `${title && !empty ? `${title}：` : ''}${error}${kept}` : null;

  const picker = (
    <Calendar
      fullscreen={false}
      // Its own width: unsized, the calendar took the popover's, which grew to the whole window
      // (1366 px at 1366×768, its left edge off screen).
      style={{ width: 300 }}
      mode={month ? 'year' : undefined}
      value={value && value.isValid() ? value : dayjs()}
      disabledDate={notAfterToday ? (d) => d.isAfter(dayjs(), 'day') : undefined}
      onSelect={(d, info) => {
        if (info.source !== (month ? 'month' : 'date')) return;
        setOpen(false);
        change(d.format(format));
        onCommit?.(dayjs(d.format(format)));
      }}
    />
  );

  return (
    <div>
      <Input
        {...rest}
        ref={inputRef}
        style={style}
        value={text}
        autoComplete="off"
        placeholder={rest.placeholder ?? (month ? '如 2026-03 或 2026年3月' : allowMonth ? '如 2026-03-05 或 2026年3月' : '如 2026-03-05 或 2026年3月5日')}
        status={shownError ? 'error' : undefined}
        onChange={(e) => change(e.target.value)}
        onBlur={(e) => {
          canonical();
          onBlur?.(e);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') canonical(true);
          rest.onKeyDown?.(e);
        }}
        suffix={
          <>
            {hint && <Typography.Text type="secondary">{hint}</Typography.Text>}
            <Popover content={picker} trigger="click" open={open && !rest.disabled} onOpenChange={setOpen} placement="bottomRight">
              <Button type="text" size="small" tabIndex={-1} aria-label="从日历选择" icon={<CalendarOutlined aria-hidden />} disabled={rest.disabled} />
            </Popover>
          </>
        }
      />
      {shownError && (
        <Typography.Text type="danger" role="alert" style={{ display: 'block', fontSize: 12, maxWidth: 420 }}>
          {shownError}
        </Typography.Text>
      )}
    </div>
  );
}

interface DateItemProps extends Pick<FormItemProps, 'label' | 'name' | 'extra' | 'noStyle'> {
  /** The field's name in messages (请填写…); the label when that is text. */
  title: string;
  required?: boolean;
  allowMonth?: boolean;
  notAfterToday?: boolean;
  disabled?: boolean;
  /** The input's width where the form does not set one (an inline form): its placeholder shown whole. */
  inputStyle?: React.CSSProperties;
}

/** A labelled date field whose refusals and emptiness block the save with a message under it. */
export function DateItem({ title, required, allowMonth, notAfterToday, disabled, label, inputStyle, ...item }: DateItemProps) {
  return (
    <Form.Item
      {...item}
      label={label ?? title}
      validateTrigger={['onChange', 'onBlur']}
      // Half-typed dates (2026年3月) are not errors yet: wait for a pause, Tab or the save.
      validateDebounce={600}
      rules={[
        { required, message: `请填写${title}` },
        {
          validator: (_, v: unknown) => {
            const msg = dateRefusal(v);
            return msg ? Promise.reject(new Error(`${title}：${msg}`)) : Promise.resolve();
          },
        },
      ]}
    >
      <DateInput allowMonth={allowMonth} notAfterToday={notAfterToday} disabled={disabled} style={inputStyle} />
    </Form.Item>
  );
}
