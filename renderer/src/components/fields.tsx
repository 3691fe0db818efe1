import type { ReactNode, Ref } from 'react';
import { Form, Input, Select, Typography } from 'antd';
import type { FormItemProps, InputRef, SelectProps } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import type { Rule } from 'antd/es/form';
import { checkIdNumber } from '../../../electron/domain/idNumber';
import { parseWanToFen } from '../../../electron/domain/money';
import { isMobile, normalizeMobile, normalizePhone } from '../../../electron/domain/phone';
import { withinChars } from '../../../electron/domain/textRules';
import { options } from './options';
import { CLEARABLE } from './clearable';

/**
 * The register kit's form fields. Each is a labelled Form.Item whose messages name the field, so
 * every register asks, checks and refuses the same way. DateItem (DateInput.tsx) is the date field.
 */

type Name = FormItemProps['name'];
type ItemBase = Pick<FormItemProps, 'extra' | 'style' | 'noStyle' | 'normalize'> & { label: string; name: Name; required?: boolean };

const requiredRule = (label: string, verb = '填写'): Rule => ({ required: true, whitespace: true, message: `请${verb}${label}` });
/** Characters as the server counts them (code points, not UTF-16 units). */
const chars = (s: string) => [...s].length;

interface TextItemProps extends ItemBase {
  /** The server's limit for this field, in characters. */
  max: number;
  /** A multi-line box of this many rows. */
  rows?: number;
  placeholder?: string;
  autoFocus?: boolean;
  inputMode?: 'numeric' | 'text';
  inputRef?: Ref<InputRef>;
  areaRef?: Ref<TextAreaRef>;
  extraRules?: Rule[];
}

/**
 * Text with its counter. Text over the limit is kept as typed or pasted, never cut: the counter
 * turns red and a message naming the field refuses the save until the clerk shortens it.
 */
export function TextItem({ label, name, required, max, rows, placeholder, autoFocus, inputMode, inputRef, areaRef, extraRules = [], ...item }: TextItemProps) {
  const count = { show: true, max, strategy: chars };
  const rules: Rule[] = [
    ...(required ? [requiredRule(label)] : []),
    {
      validator: (_, v: unknown) =>
        typeof v !== 'string' || withinChars(v, max)
          ? Promise.resolve()
          : Promise.reject(new Error(`${label}不能超过${max}个字（现有${chars(v)}个字），请删减后再保存`)),
    },
    ...extraRules,
  ];
  return (
    <Form.Item {...item} label={label} name={name} rules={rules}>
      {rows ? (
        <Input.TextArea ref={areaRef} autoSize={{ minRows: rows, maxRows: Math.max(rows, 6) }} count={count} placeholder={placeholder} autoFocus={autoFocus} />
      ) : (
        <Input ref={inputRef} count={count} placeholder={placeholder} autoFocus={autoFocus} autoComplete="off" inputMode={inputMode} />
      )}
    </Form.Item>
  );
}

/** Birth date and sex as read from the ID number in the field: shown, never typed. */
function DerivedFromId({ name }: { name: Name }) {
  const raw = Form.useWatch<string | undefined>(name as string);
  const r = raw ? checkIdNumber(raw) : null;
  return (
    <Typography.Text type="secondary" aria-live="polite">
      {r?.ok ? `出生日期：${r.birthDate}\u3000性别：${r.gender}（由身份证号自动得出）` : '出生日期和性别由身份证号自动得出'}
    </Typography.Text>
  );
}

/** The one ID-number field: checked as the clerk leaves it (the server checks again on save). */
export function IdNumberItem({ label = '身份证号', name = 'idNumber', required = true, ...item }: Partial<ItemBase>) {
  const rules: Rule[] = [
    ...(required ? [requiredRule(label)] : []),
    {
      validator: (_, v: string | undefined) => {
        const r = v ? checkIdNumber(v) : null;
        return !r || r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
      },
    },
  ];
  return (
    <Form.Item {...item} label={label} name={name} rules={rules} validateTrigger="onBlur" extra={<DerivedFromId name={name} />}>
      <Input maxLength={22} autoComplete="off" placeholder="18位身份证号" />
    </Form.Item>
  );
}

interface SelectItemProps extends ItemBase {
  /** A fixed vocabulary (value = label) or ready options. */
  values?: readonly string[];
  options?: SelectProps['options'];
  allowClear?: boolean;
  placeholder?: string;
  children?: ReactNode;
}

/**
 * A select the clerk can type into: typing 本科 and Enter picks 本科. Typed text that matches no
 * option says so (Enter then picks nothing and the field keeps what it had: 大专 is 大学专科).
 */
export function SelectItem({ label, name, required, values, options: given, allowClear, placeholder, ...item }: SelectItemProps) {
  return (
    <Form.Item {...item} label={label} name={name} rules={required ? [{ required: true, message: `请选择${label}` }] : undefined}>
      <Select
        options={given ?? options(values ?? [])}
        showSearch={{ optionFilterProp: 'label' }}
        allowClear={allowClear ? CLEARABLE : false}
        placeholder={placeholder}
        notFoundContent={`没有相符的${label}，请换个说法或从列表中选择`}
      />
    </Form.Item>
  );
}

/** An amount in 万元 as typed (up to six decimals: exact fen underneath), checked as it is typed. */
export function MoneyItem({ label, name, required, placeholder = '0', requiredMessage, ...item }: ItemBase & { placeholder?: string; requiredMessage?: string }) {
  const rules: Rule[] = [
    ...(required ? [{ ...requiredRule(label), ...(requiredMessage ? { message: requiredMessage } : {}) }] : []),
    {
      validator: (_, v: unknown) => {
        if (typeof v !== 'string' || !v.trim()) return Promise.resolve();
        const r = parseWanToFen(v);
        return r.ok ? Promise.resolve() : Promise.reject(new Error(`${label}：${r.message}`));
      },
    },
  ];
  return (
    <Form.Item {...item} label={`${label}（万元）`} name={name} rules={rules}>
      <Input inputMode="decimal" placeholder={placeholder} autoComplete="off" />
    </Form.Item>
  );
}

/**
 * A phone: a person's mobile (`mobile`), or where a village or unit answers, a mobile or a
 * landline with its area code (0773-3581234). Checked as the clerk leaves it.
 */
export function PhoneItem({ label, name, required, kind, ...item }: ItemBase & { kind: 'mobile' | 'any' }) {
  const rules: Rule[] = [
    ...(required ? [requiredRule(label)] : []),
    {
      validator: (_, v: unknown) => {
        if (typeof v !== 'string' || !v.trim()) return Promise.resolve();
        if (kind === 'mobile' ? isMobile(normalizeMobile(v)) : normalizePhone(v) !== null) return Promise.resolve();
        return Promise.reject(new Error(kind === 'mobile' ? `${label}应为11位手机号码` : `${label}应为11位手机号码或带区号的固定电话（如 0773-3581234）`));
      },
    },
  ];
  return (
    <Form.Item {...item} label={label} name={name} rules={rules} validateTrigger="onBlur">
      <Input inputMode="tel" maxLength={30} autoComplete="off" placeholder={kind === 'mobile' ? '11位手机号码' : '手机号码或固定电话，如 0773-3581234'} />
    </Form.Item>
  );
}
