import { ApiError } from './api';
import { errorText } from './error-text';
import { type MessageKey, t } from './i18n';

/** A form field as the form shows it: its label, what a valid value is, and the control to focus. */
export interface FieldInfo {
  label: MessageKey;
  /** What to enter, as advice ("enter a page address"). */
  hint: MessageKey;
  control?: HTMLElement;
}

/**
 * The field a server error names (`definition.pattern`, `hostnames[2]`), matched to a form field:
 * exactly, else by its first part.
 */
export function fieldOf(field: string | undefined, fields: Record<string, FieldInfo>): FieldInfo | undefined {
  if (!field) return undefined;
  if (Object.hasOwn(fields, field)) return fields[field];
  const base = field.replace(/\[\d+\]/g, '').split('.');
  for (let n = base.length; n > 0; n--) {
    const key = base.slice(0, n).join('.');
    if (Object.hasOwn(fields, key)) return fields[key];
  }
  return undefined;
}

/**
 * "Pattern: enter a page address": the field in the form's own words and what to do, never the
 * schema's path. A limit the server names is added ("at most 100 characters").
 */
export function fieldErrorText(err: unknown, fields: Record<string, FieldInfo>): string {
  if (!(err instanceof ApiError) || err.status >= 500 || err.status === 0) return errorText(err);
  const f = fieldOf(err.field, fields);
  if (!f) return errorText(err);
  const limit =
    err.limit !== undefined && /at most|characters|hold/.test(err.message)
      ? ` (${t('form.atMost', { n: err.limit })})`
      : '';
  return `${t(f.label)}: ${t(f.hint)}${limit}`;
}

/** Says the problem under the form and marks the control, so a screen reader lands on it too. */
export function showFieldError(box: HTMLElement, err: unknown, fields: Record<string, FieldInfo>): void {
  for (const f of Object.values(fields)) f.control?.removeAttribute('aria-invalid');
  box.textContent = fieldErrorText(err, fields);
  const control = err instanceof ApiError ? fieldOf(err.field, fields)?.control : undefined;
  if (control) {
    control.setAttribute('aria-invalid', 'true');
    control.focus();
  }
}

/** The same message for a problem found before sending (an empty required field). */
export function showLocalError(box: HTMLElement, f: FieldInfo, fields: Record<string, FieldInfo>): void {
  for (const x of Object.values(fields)) x.control?.removeAttribute('aria-invalid');
  box.textContent = `${t(f.label)}: ${t(f.hint)}`;
  f.control?.setAttribute('aria-invalid', 'true');
  f.control?.focus();
}
