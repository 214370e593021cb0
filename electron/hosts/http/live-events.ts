import type http from 'node:http';
import { RESYNC, type LiveTopic } from '../../../shared/live/events';
import type { AppContext } from '../../app/context';
import type { Session } from '../../app/caller';
import { refreshSession } from '../../auth/service';
import { eventFor, eventsAfter, lastSeq } from '../../live/service';

/**
 * Server-Sent Events for the HTTP hosts: each client gets every audit-log entry after the last one it saw (the
 * browser's EventSource sends Last-Event-ID when it reconnects), as an event naming what changed. The server reads
 * the log after each write it served (kick) and every second (changes by another process on the same data); the
 * log, not this process's memory, decides what a client has missed.
 */
const REPLAY_LIMIT = 500;
const POLL_MS = 1000;
const HEARTBEAT_MS = 25_000;
/** A client that does not read: dropped once this much waits for it (it reconnects and resumes from its last id). */
const MAX_BUFFERED = 1024 * 1024;
const MAX_STREAMS_PER_SESSION = 8;

/** What everyone sees change; accounts, settings and sign-ins (the audit log's own business) only administrators. */
const EVERYONE: ReadonlySet<LiveTopic> = new Set(['drafts', 'outgoing', 'incoming', 'meetings', 'directory']);

interface Client {
  res: http.ServerResponse;
  session: Session;
  seq: number;
  /** False once the session was ended (logout, the administrator) or ran out: the stream ends with it. */
  alive: () => boolean;
}

export class LiveEvents {
  private clients = new Set<Client>();
  private head: number;
  private timer: NodeJS.Timeout;
  private beat: NodeJS.Timeout;
  private pumping = false;
  private again = false;

  constructor(private app: AppContext) {
    this.head = lastSeq(app);
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
    this.beat = setInterval(() => {
      for (const c of this.clients) if (this.keep(c)) c.res.write(': nhịp\n\n');
    }, HEARTBEAT_MS);
    this.beat.unref();
  }

  get connected(): number {
    return this.clients.size;
  }

  attach(req: http.IncomingMessage, res: http.ServerResponse, session: Session, after: number | undefined, headers: Record<string, string>, alive: () => boolean): void {
    if ([...this.clients].filter((c) => c.session.id === session.id).length >= MAX_STREAMS_PER_SESSION) {
      res.writeHead(429, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
      return void res.end('Quá nhiều kết nối nhận thông báo từ một phiên.');
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'keep-alive',
      ...headers,
    });
    res.write('retry: 2000\n\n');
    const client: Client = { res, session, seq: after ?? this.head, alive };
    if (after !== undefined && this.head - after > REPLAY_LIMIT) {
      // Away too long: the client reloads what it shows instead of replaying thousands of changes.
      res.write(`id: ${this.head}\nevent: ${RESYNC}\ndata: {}\n\n`);
      client.seq = this.head;
    }
    this.clients.add(client);
    req.on('close', () => this.clients.delete(client));
    if (client.seq < this.head) this.kick();
  }

  /** Reads the log past what every client has seen and sends each its events. */
  kick(): void {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        this.pump();
      } while (this.again);
    } catch (e) {
      console.error('[vanphong] live events:', (e as Error).message);
    } finally {
      this.pumping = false;
    }
  }

  private pump(): void {
    const head = lastSeq(this.app);
    this.head = head;
    if (!this.clients.size) return;
    const from = Math.min(...[...this.clients].map((c) => c.seq));
    if (from >= head) return;
    for (let seq = from; seq < head; ) {
      const batch = eventsAfter(this.app, seq, REPLAY_LIMIT);
      if (!batch.length) break;
      for (const c of this.clients) {
        if (!this.keep(c)) continue;
        const caller = c.session.caller!;
        const admin = caller.roles.includes('quantri');
        for (const item of batch) {
          if (item.event.seq <= c.seq) continue;
          c.seq = item.event.seq;
          if (!admin && !EVERYONE.has(item.event.topic)) continue;
          c.res.write(`id: ${item.event.seq}\ndata: ${JSON.stringify(eventFor(item, caller.id))}\n\n`);
        }
      }
      seq = batch[batch.length - 1].entry.seq;
    }
  }

  /**
   * Whether a client's stream goes on: its session still stands (not ended by logout or the administrator, not past
   * its limits), its account is still active with the same password, and it reads what it is sent.
   */
  private keep(c: Client): boolean {
    refreshSession(this.app, c.session);
    if (c.session.caller && c.alive() && c.res.writableLength <= MAX_BUFFERED) return true;
    c.res.end();
    this.clients.delete(c);
    return false;
  }

  close(): void {
    clearInterval(this.timer);
    clearInterval(this.beat);
    for (const c of this.clients) c.res.end();
    this.clients.clear();
  }
}
