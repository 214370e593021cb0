import crypto from 'node:crypto';
import type { AuditEntry } from '../../shared/audit/schemas';

/** The first row's prev_hash. */
export const GENESIS = '0'.repeat(64);

/** What a row's hash covers: the entry as the API shows it, with its detail as stored (JSON text) and the link. */
export type AuditFields = Omit<AuditEntry, 'detail'> & { detail: string; prevHash: string };

/**
 * hash = SHA-256 over every column of the row and the previous row's hash: editing a row changes its hash; deleting
 * one leaves the next row pointing at a hash that is no longer there.
 */
export function rowHash(f: AuditFields): string {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([f.seq, f.at, f.userId, f.username, f.action, f.entity, f.entityId, f.detail, f.prevHash]))
    .digest('hex');
}
