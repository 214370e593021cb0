import type { Access } from '../auth/access';
import { sessionsAccess } from '../sessions/access';
import type { Role } from '../auth/roles';
import { appAccess } from '../app/access';
import { attachmentsAccess } from '../attachments/access';
import { auditAccess } from '../audit/access';
import { authAccess } from '../auth/access';
import { directoryAccess } from '../directory/access';
import { draftingAccess } from '../drafting/access';
import { incomingAccess } from '../incoming/access';
import { meetingsAccess } from '../meetings/access';
import { outgoingAccess } from '../outgoing/access';
import { recipientsAccess } from '../recipients/access';
import { registersAccess } from '../registers/access';
import { searchAccess } from '../search/access';
import { signingAccess } from '../signing/access';
import { unitsAccess } from '../units/access';
import { settingsAccess } from '../settings/access';
import { backupAccess } from '../backup/access';
import { intakeAccess } from '../intake/access';
import { tasksAccess } from '../tasks/access';
import { hosoAccess } from '../hoso/access';
import { inboxAccess } from '../inbox/access';
import { notificationsAccess } from '../notifications/access';
import { calendarAccess } from '../calendar/access';
import { delegationAccess } from '../delegation/access';
import { importsAccess } from '../imports/access';
import { edxmlAccess } from '../exchange/edxml-access';
import { transportAccess } from '../exchange/transport-access';

/**
 * Every method's access, merged from the domains' tables. No zod here: the sandboxed preload takes the method names
 * from this file, and the renderer decides which buttons to show with `mayCall`. contract.ts checks that the methods
 * (schemas) and this table have the same names.
 */
export const METHOD_ACCESS = {
  ...appAccess,
  ...authAccess,
  ...auditAccess,
  ...sessionsAccess,
  ...directoryAccess,
  ...incomingAccess,
  ...searchAccess,
  ...attachmentsAccess,
  ...registersAccess,
  ...draftingAccess,
  ...outgoingAccess,
  ...recipientsAccess,
  ...signingAccess,
  ...meetingsAccess,
  ...unitsAccess,
  ...settingsAccess,
  ...backupAccess,
  ...intakeAccess,
  ...tasksAccess,
  ...hosoAccess,
  ...inboxAccess,
  ...notificationsAccess,
  ...calendarAccess,
  ...delegationAccess,
  ...importsAccess,
  ...edxmlAccess,
  ...transportAccess,
} as const;

export type AccessName = keyof typeof METHOD_ACCESS;

/** The API's method names, derived from the access tables (the preload exposes one function per name). */
export const METHOD_NAME_LIST = Object.keys(METHOD_ACCESS) as AccessName[];

export function accessOf(name: AccessName): Access {
  return METHOD_ACCESS[name];
}

/** Whether a caller with these roles may call the method (the UI uses it to show only what works). */
export function mayCall(name: AccessName, roles: readonly Role[] | null): boolean {
  const a = accessOf(name);
  if (a === 'public') return true;
  if (!roles) return false;
  return a === 'user' || a.some((r) => roles.includes(r));
}

export type { Access };
