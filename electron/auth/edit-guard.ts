import { AppError } from '../../shared/api/result';
import { formatDateTimeVN } from '../../shared/domain/dates';
import type { AppContext } from '../app/context';
import { currentActor } from '../app/caller';
import { lastChangeOf } from '../audit/repo';
import { userById } from './repo';

/**
 * Optimistic concurrency for records several desks edit (drafts, meetings, incoming documents): a save carries the
 * `updatedAt` its client read (`expectedUpdatedAt`), and is refused when the record has changed since, naming who
 * changed it and when, so that nobody overwrites another's work unseen. Lives here because naming the person needs
 * both the audit log (who wrote last) and the accounts (their full name).
 */
export interface EditedRecord {
  /** The audit log's entity ("draft", "meeting", "incoming"). */
  entity: string;
  id: number;
  /** The record's stored updated_at, read inside the write transaction. */
  updatedAt: string;
  /** How the message names the record, capitalised: "Văn bản", "Cuộc họp". */
  noun: string;
}

export interface StaleEditDetails {
  /** The record's updatedAt now: what a client that reloads it will send next. */
  updatedAt: string;
  /** Who changed it last, when the audit log says; null when it does not. */
  by: { username: string; fullName: string | null } | null;
}

/**
 * Must run inside the transaction that writes the record, before anything is written. No expectation (a script,
 * the CLI): the last write wins, as before.
 */
export function refuseIfChangedSince(app: AppContext, record: EditedRecord, expected: string | undefined): void {
  if (expected === undefined || Date.parse(expected) === Date.parse(record.updatedAt)) return;
  // The latest entry is the change only when it was made after the client read the record (a series update, for one,
  // writes one entry for the occurrence edited and none for the others it moves).
  const last = lastChangeOf(app.db, record.entity, record.id);
  const change = last && Date.parse(last.at) >= Date.parse(expected) ? last : undefined;
  const user = change?.userId != null ? userById(app.db, change.userId) : undefined;
  const by: StaleEditDetails['by'] = change ? { username: change.username, fullName: user?.fullName ?? null } : null;
  const self = change?.userId != null && change.userId === currentActor()?.id;
  const who = by ? `${by.fullName ?? by.username}${self ? ' (chính bạn, ở một cửa sổ hoặc máy khác)' : ''}` : 'người khác';
  const [time, date] = formatDateTimeVN(record.updatedAt).split(' ');
  const details: StaleEditDetails = { updatedAt: record.updatedAt, by };
  throw new AppError(
    'CONFLICT',
    `${record.noun} đã được ${who} sửa lúc ${time} ngày ${date}, sau khi bạn mở. Bản của bạn chưa được lưu: hãy sao lại phần đã sửa, mở lại bản mới rồi gộp.`,
    { field: 'expectedUpdatedAt', details },
  );
}
