import type { FormInstance } from 'antd';
import { ApiFailure } from '../api/client';
import { showError } from '../api/errors';

type NamePath = string | (string | number)[];

/**
 * Like showError, for forms whose field names differ from the API's: `place` maps the server's dotted field path
 * ("end", "signature.title", "recurrence.until") to the form item that shows it, or undefined for a message.
 */
export function showFieldError(e: unknown, notify: (text: string) => void, form: FormInstance, place: (field: string) => NamePath | undefined): boolean {
  if (e instanceof ApiFailure && e.error.field) {
    const name = place(e.error.field);
    if (name !== undefined) {
      form.setFields([{ name, errors: [e.error.message] }]);
      form.scrollToField(name);
      return true;
    }
  }
  return showError(e, notify);
}
