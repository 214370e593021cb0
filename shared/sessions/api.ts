import { empty, idInput, method, type MethodTable } from '../api/define';
import type { sessionsAccess } from './access';
import { sessionSettingsInput, type ServerInfo, type SessionInfo, type SessionSettings } from './schemas';

export const sessionsMethods = {
  'sessions.list': method<typeof empty, SessionInfo[]>(empty),
  'sessions.end': method<typeof idInput, { ended: true }>(idInput),
  'sessions.settings': method<typeof empty, SessionSettings>(empty),
  'sessions.saveSettings': method<typeof sessionSettingsInput, SessionSettings>(sessionSettingsInput),
  'sessions.serverInfo': method<typeof empty, ServerInfo>(empty),
} satisfies MethodTable<typeof sessionsAccess>;
