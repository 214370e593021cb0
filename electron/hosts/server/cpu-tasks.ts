import type { DraftDocument } from '../../../shared/drafting/model';
import { renderDraft } from '../../drafting/service';
import { completeDocument, prepareDocument, type PreparedDocument, type SignRequest } from '../../signing/sign';

/**
 * What the office server's worker threads do (app/off-thread.ts): the same functions the services call in-process,
 * under the names they offload them by.
 */
export const CPU_TASKS: Record<string, (input: never) => Promise<unknown>> = {
  'drafting.renderPdf': (i: { model: DraftDocument }) => renderDraft(i.model, 'pdf'),
  'signing.prepare': (i: { pdf: Uint8Array; certificate: Uint8Array; chain: Uint8Array[]; req: SignRequest }) => prepareDocument(i.pdf, i.certificate, i.chain, i.req),
  'signing.complete': (i: { prepared: PreparedDocument; certificate: Uint8Array; chain: Uint8Array[]; signature: Uint8Array; trust: Uint8Array[] }) =>
    completeDocument(i.prepared, i.certificate, i.chain, i.signature, { trust: i.trust }),
};
