/**
 * One interface for every way packages travel between offices (issue 18): a pair of folders synced by the office's
 * LGSP / trục client (transport-folder.ts), e-mail (transport-email.ts: SMTP out; a dropped .eml comes in through the
 * folder inbox), later the trục's web service. A transport only moves bytes: the outbox (outbox.ts) decides what is
 * due, the runner (runner.ts) what an arrival is.
 */
export interface OutboundPackage {
  /** The idempotency key: a resend after a crash carries the same id, so the receiver registers it once. */
  messageId: string;
  fileName: string;
  bytes: Uint8Array;
  to: { organId: string | null; email?: string | null };
  /** For an e-mail's subject and body. */
  subject?: string;
}

export interface InboundPackage {
  messageId: string;
  fileName: string;
  bytes: Uint8Array;
}

/** A file that arrived: the packages it holds (an .edxml: itself; an .eml: its .edxml attachments). */
export interface Arrival {
  /** Opaque to the runner: handed back to ack(). */
  source: string;
  /** The sender's address, for an e-mail. */
  from?: string;
  via: 'folder' | 'email';
  packages: InboundPackage[];
  /** Set when the file could not be read at all (then packages is empty). */
  error?: string;
}

export interface Transport {
  name: 'folder' | 'email';
  send(msg: OutboundPackage): Promise<void>;
  receive(): AsyncIterable<Arrival>;
  /** The arrival handled: kept as processed, or set aside as rejected with the reason beside it. */
  ack(source: string, outcome: 'processed' | 'rejected', reason?: string): Promise<void>;
}

/** A package's file name from its message id (never a path: the id is ours, or checked on arrival). */
export const packageFileName = (messageId: string) => `${messageId}.edxml`;

/** A message id as it may travel in a file name: letters, digits, dot, dash, underscore; 1–120 characters. */
export const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/;
