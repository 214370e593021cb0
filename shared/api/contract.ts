import type { z } from 'zod';
import { sessionsMethods } from '../sessions/api';
import { appMethods } from '../app/api';
import { attachmentsMethods } from '../attachments/api';
import { auditMethods } from '../audit/api';
import { authMethods } from '../auth/api';
import { directoryMethods } from '../directory/api';
import { draftingMethods } from '../drafting/api';
import { incomingMethods } from '../incoming/api';
import { meetingsMethods } from '../meetings/api';
import { outgoingMethods } from '../outgoing/api';
import { recipientsMethods } from '../recipients/api';
import { registersMethods } from '../registers/api';
import { searchMethods } from '../search/api';
import { signingMethods } from '../signing/api';
import { unitsMethods } from '../units/api';
import { settingsMethods } from '../settings/api';
import { backupMethods } from '../backup/api';
import { intakeMethods } from '../intake/api';
import { tasksMethods } from '../tasks/api';
import { hosoMethods } from '../hoso/api';
import { inboxMethods } from '../inbox/api';
import { notificationsMethods } from '../notifications/api';
import { calendarMethods } from '../calendar/api';
import { delegationMethods } from '../delegation/api';
import { importsMethods } from '../imports/api';
import { edxmlMethods } from '../exchange/edxml-api';
import { transportMethods } from '../exchange/transport-api';
import type { AccessName } from './permissions';
import type { Result } from './result';

/**
 * The one API contract, merged from the domains' `api.ts` (Actual Budget's handler map, plus a zod schema per method).
 * Every host — Electron IPC, the browser-mode HTTP host, the CLI — parses input with these schemas on the Node side.
 * Adding a method touches its domain only: `shared/<domain>/access.ts` (roles), `shared/<domain>/api.ts` (schema and
 * output), `electron/<domain>/api.ts` (handler).
 */
export const methods = {
  ...appMethods,
  ...authMethods,
  ...auditMethods,
  ...sessionsMethods,
  ...directoryMethods,
  ...incomingMethods,
  ...searchMethods,
  ...attachmentsMethods,
  ...registersMethods,
  ...draftingMethods,
  ...outgoingMethods,
  ...recipientsMethods,
  ...signingMethods,
  ...meetingsMethods,
  ...unitsMethods,
  ...settingsMethods,
  ...backupMethods,
  ...intakeMethods,
  ...tasksMethods,
  ...hosoMethods,
  ...inboxMethods,
  ...notificationsMethods,
  ...calendarMethods,
  ...delegationMethods,
  ...importsMethods,
  ...edxmlMethods,
  ...transportMethods,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<K extends MethodName> = z.input<Methods[K]['input']>;
export type MethodParsed<K extends MethodName> = z.output<Methods[K]['input']>;
export type MethodOutput<K extends MethodName> = Methods[K]['output'];

// The schemas and the access tables name the same methods, both ways (a compile error names the odd one out).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const SAME_NAMES: Same<MethodName, AccessName> = true;

/** What the renderer sees: one async function per method, whatever the transport. */
export type VanphongApi = { [K in MethodName]: (input: MethodInput<K>) => Promise<Result<MethodOutput<K>>> };

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export function isMethodName(s: unknown): s is MethodName {
  return typeof s === 'string' && Object.prototype.hasOwnProperty.call(methods, s);
}
