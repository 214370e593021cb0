import type { IncomingRow } from '../../../shared/incoming/schemas';
import { formatDateVN } from '../../../shared/domain/dates';
import { INCOMING_STATUS_LABELS, URGENCY_LABELS } from '../../../shared/domain/marks';
import type { SearchHit } from '../../../shared/search/schemas';

export function printJson(v: unknown): void {
  process.stdout.write(
    JSON.stringify(v, (_k, x) => (x instanceof Uint8Array ? `<${x.byteLength} bytes>` : x), 2) + '\n',
  );
}

export function incomingLine(r: IncomingRow): string {
  const urgent = r.urgency !== 'thuong' ? ` [${URGENCY_LABELS[r.urgency]}]` : '';
  return `${String(r.arrivalNumber).padStart(5)}/${r.year}  ${formatDateVN(r.arrivalDate)}  ${r.ref}  ${r.sender}  — ${r.subject}${urgent}  (${INCOMING_STATUS_LABELS[r.status]})`;
}

export function hitLine(h: SearchHit): string {
  return `#${h.id}  ${h.kind === 'incoming' ? 'đến' : h.kind}  ${h.number}  ${h.ref}  ${h.subject}\n      ${h.snippet}`;
}
