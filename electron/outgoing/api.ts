import type { outgoingMethods } from '../../shared/outgoing/api';
import type { HandlersOf } from '../app/handler';
import { startCorrection } from './correction';
import { issue, reservedNumbers, sealCheck } from './issuance';
import { cancelSigning, completeSigning, prepareIssue, prepareSign } from './pending-signing';
import * as outgoing from './service';
import * as workflow from './workflow';

export const outgoingHandlers = {
  'outgoing.inbox': workflow.inbox,
  'outgoing.workflow': (app, input) => workflow.workflowInfo(app, input.id),
  'outgoing.version': workflow.versionModel,
  'outgoing.submit': workflow.submit,
  'outgoing.return': workflow.returnDraft,
  'outgoing.approve': workflow.approve,
  'outgoing.sign': workflow.sign,
  'outgoing.issue': issue,
  'outgoing.prepareSign': prepareSign,
  'outgoing.prepareIssue': prepareIssue,
  'outgoing.completeSigning': completeSigning,
  'outgoing.cancelSigning': cancelSigning,
  'outgoing.cancel': outgoing.cancel,
  'outgoing.skipNumber': outgoing.skipNumber,
  'outgoing.send': outgoing.send,
  'outgoing.list': outgoing.list,
  'outgoing.get': (app, input) => outgoing.requireOutgoing(app, input.id),
  'outgoing.correct': startCorrection,
  'outgoing.sealCheck': sealCheck,
  'outgoing.reservedNumbers': reservedNumbers,
} satisfies HandlersOf<typeof outgoingMethods>;
