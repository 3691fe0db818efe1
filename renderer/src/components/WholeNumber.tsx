import { InputNumber, type InputNumberProps } from 'antd';
import { halfWidth } from '../../../electron/domain/text';

/**
 * A whole-number field that keeps what was typed. antd's InputNumber with min, max and precision
 * corrected the value silently: out of range it was clamped on blur or Enter (600 typed in 完成进度
 * saved as 100, 20255 in 年度 as 2100), a shortcut save took the last in-range value of the typing
 * (1222 in 走访户数 saved as 122), 1.5 was rounded, and full-width digits were dropped. Here the
 * value stays as typed and the host refuses it with a message under the field naming the field and
 * its bounds (api/fields.ts `int`), so the clerk corrects it. Full-width digits are read as digits.
 * No step arrows: they are for the mouse only (↑ and ↓ still step) and rc-input-number names them
 * "Increase Value" for a screen reader, in English.
 */
export function WholeNumber(props: Omit<InputNumberProps<number>, 'min' | 'max' | 'precision' | 'parser'>) {
  // The parser's text goes through the field's own decimal reading: '' is an empty field, text
  // that is not a number is ignored (the field shows the last number again on leaving it).
  return <InputNumber<number> controls={false} {...props} parser={readWhole as unknown as (text?: string) => number} />;
}

/** The typed text as the number it spells: full-width to half-width (and 。 as a point), spaces dropped, nothing else changed. */
const readWhole = (text: string | undefined): string => halfWidth(text ?? '').replace(/。/g, '.').replace(/\s/g, '');
