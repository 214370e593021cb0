import { z } from 'zod';
import { isValidIsoDate } from '../domain/dates';
import { cleanText, controlCharIn } from '../text/hygiene';

// Every schema names its fields' messages in Vietnamese; zod's Vietnamese locale covers whatever one forgets.
z.config(z.locales.vi());

/**
 * Text as every field takes it (shared/text/hygiene.ts): a control character is refused with the field named; the
 * rest is NFC without invisible characters, on one line unless the field is long enough to hold several (over 500
 * characters: notes, instructions, contents) or says so.
 */
function cleaned(label: string, max: number, lines: boolean | undefined, missing: string) {
  return z
    .string({ error: missing })
    .refine((s) => controlCharIn(s) === null, { error: (i) => `${capitalize(label)} chứa ký tự điều khiển không được phép (${controlCharIn(String(i.input))}).` })
    .transform((s) => cleanText(s, { lines: lines ?? max > 500 }));
}

/** Field builders with Vietnamese messages that name the field, so every host can show them next to it. */
export function requiredText(label: string, max: number, opts: { lines?: boolean } = {}) {
  return cleaned(label, max, opts.lines, `Thiếu ${label}.`)
    .pipe(
      z
        .string()
        .min(1, { error: `${capitalize(label)} không được để trống.` })
        .max(max, { error: `${capitalize(label)} dài quá ${max} ký tự.` }),
    );
}

export function optionalText(label: string, max: number, opts: { lines?: boolean } = {}) {
  return cleaned(label, max, opts.lines, `${capitalize(label)} phải là chữ.`)
    .pipe(z.string().max(max, { error: `${capitalize(label)} dài quá ${max} ký tự.` }))
    .optional();
}

export function isoDate(label: string) {
  return z
    .string({ error: `Thiếu ${label}.` })
    .refine(isValidIsoDate, { error: `${capitalize(label)} không hợp lệ: cần một ngày có thật, dạng YYYY-MM-DD.` });
}

export function positiveInt(label: string, max = 1_000_000_000) {
  return z
    .number({ error: `${capitalize(label)} phải là số.` })
    .int({ error: `${capitalize(label)} phải là số nguyên.` })
    .min(1, { error: `${capitalize(label)} phải lớn hơn 0.` })
    .max(max, { error: `${capitalize(label)} quá lớn.` });
}

export const id = (label = 'mã bản ghi') => positiveInt(label);

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Optimistic concurrency: the `updatedAt` a client read with a record it now overwrites. The save is refused
 * (CONFLICT, field `expectedUpdatedAt`) when the record has changed since; left out, the last write wins (scripts).
 */
export function expectedUpdatedAt() {
  return z
    .string({ error: 'Thời điểm đọc bản ghi phải là chữ.' })
    .max(40, { error: 'Thời điểm đọc bản ghi không hợp lệ.' })
    .refine((s) => !Number.isNaN(Date.parse(s)), { error: 'Thời điểm đọc bản ghi không hợp lệ: cần ngày giờ ISO 8601.' })
    .optional();
}
