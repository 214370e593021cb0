import type { MethodName } from '../../shared/api/contract';
import { sessionsHandlers } from '../sessions/api';
import type { Handler } from '../app/handler';
import { appHandlers } from '../app/api';
import { attachmentsHandlers } from '../attachments/api';
import { auditHandlers } from '../audit/api';
import { authHandlers } from '../auth/api';
import { directoryHandlers } from '../directory/api';
import { draftingHandlers } from '../drafting/api';
import { incomingHandlers } from '../incoming/api';
import { meetingsHandlers } from '../meetings/api';
import { outgoingHandlers } from '../outgoing/api';
import { recipientsHandlers } from '../recipients/api';
import { registersHandlers } from '../registers/api';
import { searchHandlers } from '../search/api';
import { signingHandlers } from '../signing/api';
import { unitsHandlers } from '../units/api';
import { settingsHandlers } from '../settings/api';
import { backupHandlers } from '../backup/api';
import { intakeHandlers } from '../intake/api';
import { tasksHandlers } from '../tasks/api';
import { hosoHandlers } from '../hoso/api';
import { inboxHandlers } from '../inbox/api';
import { notificationsHandlers } from '../notifications/api';
import { calendarHandlers } from '../calendar/api';
import { delegationHandlers } from '../delegation/api';
import { importsHandlers } from '../imports/api';
import { edxmlHandlers } from '../exchange/edxml-handlers';
import { sendingHandlers, transportHandlers } from '../exchange/transport-handlers';

/** The implementation of every API method, once, for all hosts: the domains' handler maps merged. */
export const handlers: { [K in MethodName]: Handler<K> } = {
  ...appHandlers,
  ...authHandlers,
  ...auditHandlers,
  ...sessionsHandlers,
  ...directoryHandlers,
  ...incomingHandlers,
  ...searchHandlers,
  ...attachmentsHandlers,
  ...registersHandlers,
  ...draftingHandlers,
  ...outgoingHandlers,
  ...recipientsHandlers,
  ...signingHandlers,
  ...meetingsHandlers,
  ...unitsHandlers,
  ...settingsHandlers,
  ...backupHandlers,
  ...intakeHandlers,
  ...tasksHandlers,
  ...hosoHandlers,
  ...inboxHandlers,
  ...notificationsHandlers,
  ...calendarHandlers,
  ...delegationHandlers,
  ...importsHandlers,
  ...edxmlHandlers,
  ...transportHandlers,
  // After the outgoing domain's: `outgoing.send` also queues the edXML and e-mail sends (issue 18).
  ...sendingHandlers,
};
