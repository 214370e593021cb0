import type { FormInstance } from 'antd';
import { ApiFailure } from './client';

/**
 * Shows an API error where the user looks: under the form field it names (the server's field path, e.g.
 * "attachments.1" → "attachments"), otherwise as a message. Returns true when it was placed on a field.
 */
export function showError(e: unknown, notify: (text: string) => void, form?: FormInstance, fields: readonly string[] = []): boolean {
  if (e instanceof ApiFailure) {
    const top = e.error.field?.split('.')[0];
    if (form && top && fields.includes(top)) {
      form.setFields([{ name: top, errors: [e.error.message] }]);
      form.scrollToField(top);
      return true;
    }
    notify(e.error.message);
    return false;
  }
  notify(`Lỗi không mong đợi: ${(e as Error)?.message ?? String(e)}`);
  return false;
}

/** A server error under a field stays until the user changes that field (fields without rules keep errors forever). */
export function clearErrorsOnChange(form: FormInstance) {
  return (changed: Record<string, unknown>) => {
    const stale = Object.keys(changed).filter((name) => form.getFieldError(name).length > 0);
    if (stale.length) form.setFields(stale.map((name) => ({ name, errors: [] })));
  };
}
