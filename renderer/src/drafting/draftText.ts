import type { DraftInput } from '../../../shared/drafting/model';
import { blockText } from '../../../shared/drafting/version-diff';

/** A draft as plain text, to keep and merge by hand when another desk saved the same draft first. */
export function draftAsText(d: DraftInput): string {
  const parts: string[] = [];
  const add = (label: string, value: string | null | undefined) => value && parts.push(`${label}: ${value}`);
  add('Trích yếu', d.subject);
  if (d.bases?.length) parts.push(`Căn cứ:\n${d.bases.join('\n')}`);
  if (d.addressees?.length) parts.push(`Kính gửi:\n${d.addressees.join('\n')}`);
  if (d.body?.length) parts.push(`Nội dung:\n${d.body.map(blockText).join('\n')}`);
  for (const [i, a] of (d.appendices ?? []).entries()) parts.push(`Phụ lục ${i + 1}: ${a.title}\n${a.body.map(blockText).join('\n')}`);
  add('Người ký', [d.signature.authority, d.signature.onBehalfOf, d.signature.title, d.signature.name].filter(Boolean).join(' · '));
  if (d.recipients?.length) parts.push(`Nơi nhận:\n${d.recipients.map((r) => [r.text, ...(r.group ?? [])].join('; ') + (r.note ? ` (${r.note})` : '')).join('\n')}`);
  add('Lưu', d.archive?.join(', '));
  return parts.join('\n\n');
}
