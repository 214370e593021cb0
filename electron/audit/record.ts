import type { AppContext } from '../app/context';
import { currentActor } from '../app/caller';
import { appendAudit } from './repo';

/**
 * Records a change in the audit log, inside the transaction that makes it: who (the caller of the API call in
 * progress), what, when, which record.
 */
export function audit(app: AppContext, action: string, entity: string, entityId: number | null, detail: Record<string, unknown> = {}): void {
  const who = currentActor();
  appendAudit(app.db, {
    at: app.nowIso(),
    userId: who?.id ?? null,
    username: who?.username ?? 'hệ thống',
    action,
    entity,
    entityId,
    detail,
  });
}
