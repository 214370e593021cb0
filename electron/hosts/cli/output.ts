import type { IncomingRow } from '../../../shared/incoming/schemas';
import { formatDateVN } from '../../../shared/domain/dates';
import { INCOMING_STATUS_LABELS, URGENCY_LABELS } from '../../../shared/domain/marks';
import { escapeControls } from '../../../shared/text/hygiene';

/**
 * What the CLI prints never drives the terminal: a control character or a bidi override stored by an older version or
 * read from another office's file is shown as \u{1b}, not sent. Installed once, before any command prints.
 */
export function escapeConsoleOutput(): void {
  for (const name of ['log', 'error', 'warn'] as const) {
    const original = console[name].bind(console);
    console[name] = (...args: unknown[]) => original(...args.map((a) => (typeof a === 'string' ? escapeControls(a) : a)));
  }
}

export function printJson(v: unknown): void {
  process.stdout.write(
    JSON.stringify(v, (_k, x) => (x instanceof Uint8Array ? `<${x.byteLength} bytes>` : x), 2) + '\n',
  );
}

export function incomingLine(r: IncomingRow): string {
  const urgent = r.urgency !== 'thuong' ? ` [${URGENCY_LABELS[r.urgency]}]` : '';
  return `${String(r.arrivalNumber).padStart(5)}/${r.year}  ${formatDateVN(r.arrivalDate)}  ${r.ref}  ${r.sender}  — ${r.subject}${urgent}  (${INCOMING_STATUS_LABELS[r.status]})`;
}
