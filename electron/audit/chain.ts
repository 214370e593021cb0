import crypto from 'node:crypto';

/** The first row's prev_hash. */
export const GENESIS = '0'.repeat(64);

export interface AuditFields {
  seq: number;
  at: string;
  userId: number | null;
  username: string;
  action: string;
  entity: string;
  entityId: number | null;
  detail: string;
  prevHash: string;
}

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
