import type { FormInstance } from 'antd';

type NamePath = (string | number)[];

/** rc-field-form's mark for its internal hooks (what antd's own Form.useWatch registers through). */
const HOOK_MARK = 'RC_FORM_INTERNAL_HOOKS';

interface Hooks {
  registerWatch?: (callback: () => void) => () => void;
}

/** The watch of each form's latest server errors; a newer refusal replaces it. */
const watching = new WeakMap<FormInstance, () => void>();

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((m, i) => m === b[i]);

/**
 * Takes a server's message off a field as soon as the clerk changes that field. A field with rules
 * of its own is validated again on each change, which replaces its errors; one without (the
 * server's checks alone: 得分不能大于100, a setting left empty) kept the red message under the
 * corrected value, even after a successful save. A message is cleared only while it is still the
 * server's: one the field's own rules put there since is the field's.
 */
export function clearWhenEdited(form: FormInstance, fields: readonly { name: NamePath; errors: string[] }[]): void {
  watching.get(form)?.();
  const hooks = (form as unknown as { getInternalHooks?: (mark: string) => Hooks | undefined }).getInternalHooks?.(HOOK_MARK);
  if (!hooks?.registerWatch) return;
  const open = fields.map((f) => ({ ...f, value: JSON.stringify(form.getFieldValue(f.name)) ?? '' }));
  const cancel = hooks.registerWatch(() => {
    for (let i = open.length - 1; i >= 0; i--) {
      const f = open[i]!;
      if ((JSON.stringify(form.getFieldValue(f.name)) ?? '') === f.value) continue;
      open.splice(i, 1);
      if (same(form.getFieldError(f.name), f.errors)) form.setFields([{ name: f.name, errors: [] }]);
    }
    if (!open.length) stop();
  });
  const stop = () => {
    cancel();
    if (watching.get(form) === stop) watching.delete(form);
  };
  watching.set(form, stop);
}
