import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import { draftSchema } from '../../shared/drafting/model';
import { CORRECTION_LABELS } from '../../shared/outgoing/schemas';
import type { AppContext } from '../app/context';
import { currentActor } from '../app/caller';
import { immediate } from '../db/connection';
import { audit } from '../audit/record';
import { getDraft } from '../drafting/drafts';
import { insertDraft } from '../drafting/repo';
import { fromOldRegister } from './repo';
import { requireOutgoing } from './service';

/**
 * An issued document is never edited: a correction is a new document (đính chính, thay thế, thu hồi; ND30 Điều 18)
 * linked to the one it corrects, starting from its text.
 */
export function startCorrection(app: AppContext, input: MethodParsed<'outgoing.correct'>): { draftId: number } {
  const who = currentActor();
  const target = requireOutgoing(app, input.id);
  if (target.status === 'issued' && target.draftId === null && fromOldRegister(app.db, target.id)) {
    throw new AppError(
      'CONFLICT',
      `Văn bản ${target.ref} nhập từ sổ cũ, không có bản dự thảo trong phần mềm: soạn văn bản ${CORRECTION_LABELS[input.kind].toLowerCase()} như một văn bản mới (Soạn thảo) và ghi số, ký hiệu ${target.ref} trong trích yếu.`,
    );
  }
  if (target.status !== 'issued' || target.draftId === null) throw new AppError('CONFLICT', 'Chỉ làm văn bản đính chính, thay thế hoặc thu hồi cho một văn bản đã phát hành.');
  const base = getDraft(app, target.draftId).draft;
  const label = CORRECTION_LABELS[input.kind];
  const subject =
    input.kind === 'thay-the' ? base.subject : `${label} ${base.subject.charAt(0).toLowerCase()}${base.subject.slice(1)} (văn bản số ${target.ref})`.slice(0, 500);
  const draft = { ...base, number: null, date: null, subject, docType: input.kind === 'thay-the' ? base.docType : 'cong-van' };
  const parsed = draftSchema.parse(draft);
  const draftId = immediate(app.db, () => {
    const id = insertDraft(app.db, parsed, app.nowIso(), who?.id ?? null, { correctsId: target.id, correction: input.kind });
    audit(app, 'draft.create', 'draft', id, { subject: parsed.subject, corrects: target.ref, kind: input.kind });
    return id;
  });
  return { draftId };
}
