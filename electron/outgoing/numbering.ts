import { AppError } from '../../shared/api/result';
import type { RegisterBook } from '../../shared/directory/schemas';
import type { DraftDocument } from '../../shared/drafting/model';
import { PROFILES } from '../../shared/drafting/profiles';
import { buildNotation, padNumber } from '../../shared/drafting/notation';
import { formatDateVN } from '../../shared/domain/dates';
import { foldVietnamese } from '../../shared/text/fold';

/**
 * The numbering period a document falls in: State books number from 01 on 1 January of each year (ND30 Điều 15);
 * Party books from 01 for the nhiệm kỳ of the committee, per document type when the book says so (HD 36).
 */
export function periodOf(book: RegisterBook, date: string, docType: string): string {
  if (book.numbering === 'year') return date.slice(0, 4);
  if (!book.termStart || !book.termEnd) throw new AppError('CONFLICT', `Sổ «${book.name}» đánh số theo nhiệm kỳ nhưng chưa có ngày bắt đầu và kết thúc nhiệm kỳ.`, { field: 'book' });
  if (date < book.termStart || date > book.termEnd) {
    throw new AppError(
      'VALIDATION',
      `Ngày ${formatDateVN(date)} nằm ngoài nhiệm kỳ của sổ «${book.name}» (${formatDateVN(book.termStart)}–${formatDateVN(book.termEnd)}); hãy mở sổ cho nhiệm kỳ mới.`,
      { field: 'date' },
    );
  }
  const term = `${book.termStart}..${book.termEnd}`;
  return book.perType ? `${term}|${docType}` : term;
}

/** "Năm 2026" or "Nhiệm kỳ 2025–2030", for the register's cover. */
export function periodLabel(book: RegisterBook, year: number): string {
  return book.numbering === 'term' && book.termStart && book.termEnd
    ? `Nhiệm kỳ ${book.termStart.slice(0, 4)}–${book.termEnd.slice(0, 4)}`
    : `Năm ${year}`;
}

/** The ký hiệu a document is issued under; refuses one that still has a blank part. */
export function notationFor(d: DraftDocument): string {
  const notation = buildNotation(d, PROFILES[d.profile]);
  if (notation.includes('…')) {
    throw new AppError('VALIDATION', 'Ký hiệu văn bản chưa đủ: thiếu chữ viết tắt tên cơ quan ban hành (hoặc đơn vị soạn thảo của công văn).', { field: 'organAbbr' });
  }
  return notation;
}

/** Số and ký hiệu as the register and the document print them: "01/KH-UBND" (State), "01-KH/ĐU" (Party). */
export function refFor(d: DraftDocument, n: number): string {
  const p = PROFILES[d.profile];
  return p.numberPattern.replace(/^Số:?\s*/, '').replace('{n}', padNumber(n)).replace('{notation}', notationFor(d));
}

export const foldRef = (ref: string) => foldVietnamese(ref).replace(/\s+/g, '');
