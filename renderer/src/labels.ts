import { formatDateTimeVN } from '../../shared/domain/dates';
import { docTypeByCode } from '../../shared/domain/doc-types';
import { INCOMING_STATUS_LABELS, URGENCY_LABELS, type IncomingStatus, type Urgency } from '../../shared/domain/marks';

export const STATUS_COLORS: Record<IncomingStatus, string> = {
  'cho-xu-ly': 'gold',
  'dang-xu-ly': 'blue',
  'hoan-thanh': 'green',
  'da-huy': 'default',
};

export const URGENCY_COLORS: Record<Urgency, string> = { thuong: 'default', khan: 'orange', 'thuong-khan': 'red', 'hoa-toc': 'magenta' };

export const typeName = (code: string | null) => (code ? (docTypeByCode(code)?.name ?? code) : '');
export const statusLabel = (s: IncomingStatus) => INCOMING_STATUS_LABELS[s];
export const urgencyLabel = (u: Urgency) => URGENCY_LABELS[u];

export const collator = new Intl.Collator('vi', { sensitivity: 'base' });

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} KB`;
  return `${(n / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

export const formatDateTime = formatDateTimeVN;
