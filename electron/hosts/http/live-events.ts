import type http from 'node:http';
import { RESYNC } from '../../../shared/live/events';
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

interface Client {
  res: http.ServerResponse;
  session: Session;
  seq: number;
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
      for (const c of this.clients) c.res.write(': nhịp\n\n');
    }, HEARTBEAT_MS);
    this.beat.unref();
  }

  get connected(): number {
    return this.clients.size;
  }

  attach(req: http.IncomingMessage, res: http.ServerResponse, session: Session, after: number | undefined, headers: Record<string, string>): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'keep-alive',
      ...headers,
    });
    res.write('retry: 2000\n\n');
    const client: Client = { res, session, seq: after ?? this.head };
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
        // The account was locked or its password changed: the stream ends with the session.
        refreshSession(this.app, c.session);
        if (!c.session.caller) {
          c.res.end();
          this.clients.delete(c);
          continue;
        }
        for (const item of batch) {
          if (item.event.seq <= c.seq) continue;
          c.res.write(`id: ${item.event.seq}\ndata: ${JSON.stringify(eventFor(item, c.session.caller.id))}\n\n`);
          c.seq = item.event.seq;
        }
      }
      seq = batch[batch.length - 1].entry.seq;
    }
  }

  close(): void {
    clearInterval(this.timer);
    clearInterval(this.beat);
    for (const c of this.clients) c.res.end();
    this.clients.clear();
  }
}
