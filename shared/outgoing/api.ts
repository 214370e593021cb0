import { idInput, method, type MethodTable } from '../api/define';
import type { DraftDocument } from '../drafting/model';
import type { DraftSummary } from '../drafting/schemas';
import type { outgoingAccess } from './access';
import {
  approveInput,
  cancelOutgoingInput,
  correctInput,
  draftRefInput,
  inboxInput,
  issueInput,
  listOutgoingInput,
  returnInput,
  sendInput,
  signOutgoingInput,
  skipNumberInput,
  submitInput,
  versionInput,
  type OutgoingRecord,
  type WorkflowInfo,
} from './schemas';

export const outgoingMethods = {
  'outgoing.inbox': method<typeof inboxInput, DraftSummary[]>(inboxInput),
  'outgoing.workflow': method<typeof draftRefInput, WorkflowInfo>(draftRefInput),
  'outgoing.version': method<typeof versionInput, DraftDocument>(versionInput),
  'outgoing.submit': method<typeof submitInput, WorkflowInfo>(submitInput),
  'outgoing.return': method<typeof returnInput, WorkflowInfo>(returnInput),
  'outgoing.approve': method<typeof approveInput, WorkflowInfo>(approveInput),
  'outgoing.sign': method<typeof signOutgoingInput, WorkflowInfo>(signOutgoingInput),
  'outgoing.issue': method<typeof issueInput, OutgoingRecord>(issueInput),
  'outgoing.cancel': method<typeof cancelOutgoingInput, OutgoingRecord>(cancelOutgoingInput),
  'outgoing.skipNumber': method<typeof skipNumberInput, OutgoingRecord>(skipNumberInput),
  'outgoing.send': method<typeof sendInput, OutgoingRecord>(sendInput),
  'outgoing.list': method<typeof listOutgoingInput, OutgoingRecord[]>(listOutgoingInput),
  'outgoing.get': method<typeof idInput, OutgoingRecord>(idInput),
  'outgoing.correct': method<typeof correctInput, { draftId: number }>(correctInput),
} satisfies MethodTable<typeof outgoingAccess>;
