/**
 * What the office server pushes to its clients (issue 13): one event per audit-log entry, numbered with the entry's
 * sequence number, so that a client resuming after a drop (SSE Last-Event-ID) gets every change once. An event says
 * what changed, never its content; a notice (title and body) goes only to the person it concerns.
 */
export type LiveTopic = 'drafts' | 'outgoing' | 'incoming' | 'meetings' | 'directory' | 'users' | 'settings' | 'tasks' | 'hoso' | 'other';

export interface LiveEvent {
  seq: number;
  topic: LiveTopic;
  action: string;
  entityId: number | null;
  at: string;
  by: string;
  /** For the person concerned: a draft submitted to me, returned, approved, signed, issued; a meeting of mine changed. */
  notice?: { title: string; body: string };
}

/** Sent instead of the missed events when a client was away for more than the server replays. */
export const RESYNC = 'resync';
