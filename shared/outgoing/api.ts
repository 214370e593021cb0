import { idInput, method, type MethodTable } from '../api/define';
import type { DraftDocument } from '../drafting/model';
import type { DraftSummary } from '../drafting/schemas';
import type { outgoingAccess } from './access';
import * as s from './schemas';
import { sealCheckInput, type SealCheck } from '../settings/schemas';

export const outgoingMethods = {
  'outgoing.inbox': method<typeof s.inboxInput, DraftSummary[]>(s.inboxInput),
  'outgoing.workflow': method<typeof s.draftRefInput, s.WorkflowInfo>(s.draftRefInput),
  'outgoing.version': method<typeof s.versionInput, DraftDocument>(s.versionInput),
  'outgoing.submit': method<typeof s.submitInput, s.WorkflowInfo>(s.submitInput),
  'outgoing.return': method<typeof s.returnInput, s.WorkflowInfo>(s.returnInput),
  'outgoing.approve': method<typeof s.approveInput, s.WorkflowInfo>(s.approveInput),
  'outgoing.sign': method<typeof s.signOutgoingInput, s.WorkflowInfo>(s.signOutgoingInput),
  'outgoing.issue': method<typeof s.issueInput, s.OutgoingRecord>(s.issueInput),
  'outgoing.prepareSign': method<typeof s.prepareSignInput, s.PreparedSigning>(s.prepareSignInput),
  'outgoing.prepareIssue': method<typeof s.prepareIssueInput, s.PreparedSigning>(s.prepareIssueInput),
  'outgoing.completeSigning': method<typeof s.completeSigningInput, s.SigningOutcome>(s.completeSigningInput),
  'outgoing.cancelSigning': method<typeof s.cancelSigningInput, s.SigningOutcome>(s.cancelSigningInput),
  'outgoing.cancel': method<typeof s.cancelOutgoingInput, s.OutgoingRecord>(s.cancelOutgoingInput),
  'outgoing.skipNumber': method<typeof s.skipNumberInput, s.OutgoingRecord>(s.skipNumberInput),
  'outgoing.send': method<typeof s.sendInput, s.OutgoingRecord>(s.sendInput),
  'outgoing.list': method<typeof s.listOutgoingInput, s.OutgoingRecord[]>(s.listOutgoingInput),
  'outgoing.get': method<typeof idInput, s.OutgoingRecord>(idInput),
  'outgoing.correct': method<typeof s.correctInput, { draftId: number }>(s.correctInput),
  'outgoing.sealCheck': method<typeof sealCheckInput, SealCheck>(sealCheckInput),
  'outgoing.reservedNumbers': method<typeof s.reservedNumbersInput, s.ReservedNumbers>(s.reservedNumbersInput),
} satisfies MethodTable<typeof outgoingAccess>;
