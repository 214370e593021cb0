import type { DraftDocument, RecipientEntry } from '../drafting/model';
import type { ResolvedEntry } from './schemas';

/**
 * Turns resolved list entries into the model's Nơi nhận: entries sharing a purpose are printed together with the
 * purpose once after the last of them (the 70/KH-BTVLMHTXVN fixture: "(để báo cáo)", "(để P/h chỉ đạo)"), in the
 * order the purposes first appear; entries without a purpose stay single lines where they are.
 */
export function toRecipientEntries(entries: ResolvedEntry[]): RecipientEntry[] {
  const out: RecipientEntry[] = [];
  const byPurpose = new Map<string, RecipientEntry>();
  for (const e of entries) {
    if (!e.lines.length) continue;
    if (!e.purpose) {
      for (const l of e.lines) out.push({ text: l });
      continue;
    }
    const key = e.purpose.toLowerCase();
    const existing = byPurpose.get(key);
    if (existing) existing.group = [...(existing.group ?? []), ...e.lines];
    else {
      const entry: RecipientEntry = { text: e.lines[0], note: e.purpose, ...(e.lines.length > 1 ? { group: e.lines.slice(1) } : {}) };
      byPurpose.set(key, entry);
      out.push(entry);
    }
  }
  return out;
}

/**
 * Applies a saved list to a draft (ND30 Phụ lục I, II.9): Công văn and Tờ trình address the list with "Kính gửi"
 * and their Nơi nhận starts "Như trên"; other types print the list under Nơi nhận. The "Lưu" line comes from the
 * profile: State "Lưu: VT, <drafting unit>.", Party "Lưu <office>.".
 */
export function applyRecipients(d: DraftDocument, entries: ResolvedEntry[], unit: string): DraftDocument {
  const addressed = d.docType === 'cong-van' || d.docType === 'to-trinh';
  const archive = d.profile === 'state' ? ['VT', ...(unit ? [unit] : [])] : [unit || 'Văn phòng'];
  if (addressed) {
    const addressees = entries.flatMap((e) => e.lines);
    return { ...d, addressees, recipients: [], archive: d.archive.length ? d.archive : archive };
  }
  return { ...d, recipients: toRecipientEntries(entries), archive: d.archive.length ? d.archive : archive };
}
