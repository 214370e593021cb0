import { docTypeByCode } from '../../shared/domain/doc-types';
import { offThread } from '../app/off-thread';
import { foldVietnamese } from '../../shared/text/fold';
import type { DraftDocument } from '../../shared/drafting/model';
import { buildPlan } from '../../shared/drafting/plan';
import { buildNotation } from '../../shared/drafting/notation';
import { PROFILES } from '../../shared/drafting/profiles';
import type { RenderedDraft } from '../../shared/drafting/schemas';

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

/** "ke-hoach-70-kh-btvlmhtxvn": a file name a văn thư recognises, without diacritics or slashes. */
export function draftFileName(d: DraftDocument): string {
  const type = docTypeByCode(d.docType)?.name ?? 'van-ban';
  const number = d.number === null ? 'du-thao' : `${d.number}-${buildNotation(d, PROFILES[d.profile])}`;
  return foldVietnamese(`${type} ${number}`).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Renders a validated draft to Word or PDF from the one print plan. */
/** The PDF of a draft, laid out off the API's event loop where a pool is installed (the office server). */
export function renderDraftPdf(d: DraftDocument): Promise<RenderedDraft> {
  return offThread('drafting.renderPdf', { model: d }, () => renderDraft(d, 'pdf'));
}

export async function renderDraft(d: DraftDocument, format: 'docx' | 'pdf'): Promise<RenderedDraft> {
  const plan = buildPlan(d);
  const title = [docTypeByCode(d.docType)?.name, d.subject].filter(Boolean).join(' ');
  const fileName = `${draftFileName(d)}.${format}`;
  // The Word and PDF writers (docx, pdfkit, fontkit) load on the first export, not with the API.
  if (format === 'docx') return { fileName, mime: MIME.docx, data: await (await import('./docx-export')).renderDocx(plan, { title }) };
  const { renderPdf } = await import('./pdf-export');
  const pdf = await renderPdf(plan, { title, now: d.date ? new Date(`${d.date}T08:00:00+07:00`) : undefined });
  return { fileName, mime: MIME.pdf, data: pdf.data, pageCount: pdf.pageCount, slots: pdf.slots };
}
