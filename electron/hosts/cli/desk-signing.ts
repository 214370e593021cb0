import type { KeyInput } from '../../../shared/signing/schemas';
import type { OutgoingRecord, WorkflowInfo } from '../../../shared/outgoing/schemas';
import { signAtDesk } from '../../../shared/signing/desk';
import { withKey } from '../../signing/service';
import { RemoteApp } from './remote';
import { call, type CliApp } from './session';

/**
 * `outgoing sign` and `outgoing issue` against the office server with a key of this computer (a .p12, or a USB token
 * through PKCS#11): the server prepares, the key here signs, the server assembles and verifies. The PIN and the key
 * never leave this process. On the local data folder, or with --remote (ký số từ xa), the one-shot methods do it all.
 */
export async function signDraft(app: CliApp, id: number, key: KeyInput & { slot?: number }, reason?: string): Promise<WorkflowInfo> {
  if (!(app instanceof RemoteApp) || key.kind === 'remote') return call(app, 'outgoing.sign', { id, key, reason });
  const done = await withKey(key, (k) =>
    signAtDesk(k, {
      prepare: (cert) => call(app, 'outgoing.prepareSign', { id, ...cert, reason }),
      complete: (requestId, signature) => call(app, 'outgoing.completeSigning', { requestId, signature }),
      cancel: (requestId, why) => call(app, 'outgoing.cancelSigning', { requestId, reason: why }),
    }),
  );
  return done.workflow;
}

export async function issueDraft(app: CliApp, input: { id: number; book?: string; date?: string; reservedNumber?: number }, key: KeyInput & { slot?: number }): Promise<OutgoingRecord> {
  // An organisation signature without a seal image is invisible on the page: say so before issuing.
  const seal = await call(app, 'outgoing.sealCheck', { id: input.id });
  if (!seal.seal) console.error(`Lưu ý: ${seal.says}`);
  if (!(app instanceof RemoteApp) || key.kind === 'remote') return call(app, 'outgoing.issue', { ...input, key });
  const done = await withKey(key, (k) =>
    signAtDesk(k, {
      prepare: (cert) => call(app, 'outgoing.prepareIssue', { ...input, ...cert }),
      complete: (requestId, signature) => call(app, 'outgoing.completeSigning', { requestId, signature }),
      cancel: (requestId, why) => call(app, 'outgoing.cancelSigning', { requestId, reason: why }),
    }),
  );
  return done.outgoing!;
}
