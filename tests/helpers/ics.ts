import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { CalendarEvent } from '../../electron/meetings/ics-event';
import { IcsError, parseIcs, type IcsParseResult } from '../../electron/meetings/ics-import';

/** Building and reading calendars in the .ics tests (import and export). */
export const fixtures = path.resolve(__dirname, '../fixtures/ics');
export const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(fixtures, name)));
export const utc = (iso: string) => Date.parse(iso);
/** 00:00 Vietnam time (UTC+7) of a day, as all-day meetings store it. */
export const vnDay = (isoDate: string) => Date.parse(`${isoDate}T00:00:00+07:00`);
export const FAR = utc('2030-01-01T00:00:00Z');

/** A calendar from content lines (CRLF), wrapping them in VCALENDAR unless they start with BEGIN:VCALENDAR. */
export function ics(...lines: string[]): string {
  const body = lines[0] === 'BEGIN:VCALENDAR' ? lines : ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//VI', ...lines, 'END:VCALENDAR'];
  return `${body.join('\r\n')}\r\n`;
}
/** One VEVENT's lines. */
export function vevent(...props: string[]): string[] {
  return ['BEGIN:VEVENT', ...props, 'END:VEVENT'];
}
export const parse = (text: string | Uint8Array, expandUntilMs = FAR, maxEvents?: number) =>
  parseIcs(text, maxEvents === undefined ? { expandUntilMs } : { expandUntilMs, maxEvents });

/** parseIcs must refuse the whole file with an IcsError (returning nothing); returns it for the message checks. */
export function refused(text: string | Uint8Array, o: { expandUntilMs?: number; maxEvents?: number } = {}): IcsError {
  let result: IcsParseResult | undefined;
  let error: unknown;
  try {
    result = parseIcs(text, { expandUntilMs: o.expandUntilMs ?? FAR, ...(o.maxEvents ? { maxEvents: o.maxEvents } : {}) });
  } catch (e) {
    error = e;
  }
  expect(result).toBeUndefined();
  expect(error).toBeInstanceOf(IcsError);
  const err = error as IcsError;
  // Shown to the user as is: Vietnamese, composed (NFC), never an English library message.
  expect(err.message).toBe(err.message.normalize('NFC'));
  expect(err.message).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳýệộờởửữựếốứ]/i);
  return err;
}

export function allStrings(e: CalendarEvent): string[] {
  return [e.title, e.content, e.location, e.chair ?? '', e.prepareUnit ?? '', e.room ?? '', ...e.participants];
}
