import type { Block, ProfileId } from '../model';

/**
 * What the import tells the user. Each stage appends in reading order, and the order is what the user sees, so the
 * stages are called in the order of the document.
 */
export interface Report {
  /** Short Vietnamese lines telling the user what was found. */
  recognised: string[];
  /** Vietnamese lines for what is missing, doubtful or was filled with a placeholder. */
  warnings: string[];
}

/** Says which profile was used and whether the user forced it, since a wrong guess changes every header field. */
export function profileLine(profile: ProfileId, forced: boolean): string {
  return `Thể thức: ${profile === 'party' ? 'văn bản của Đảng (HD 36)' : 'văn bản hành chính (NĐ 30/2020)'}${forced ? '' : ' — tự nhận biết'}`;
}

const BODY_KINDS: [Block['kind'], string][] = [
  ['heading', 'Đề mục'],
  ['item', 'Mục đánh số'],
  ['bullet', 'Gạch đầu dòng'],
  ['activity', 'Hoạt động'],
  ['table', 'Bảng'],
  ['paragraph', 'Đoạn văn'],
];

/** One line per kind of block found, so the user can tell at a glance whether the structure came through. */
export function bodySummary(body: Block[]): string[] {
  const out: string[] = [];
  for (const [kind, label] of BODY_KINDS) {
    const n = body.filter((b) => b.kind === kind).length;
    if (n) out.push(`${label}: ${n}`);
  }
  return out;
}
