import { useEffect, useState } from 'react';
import type { KeyInput } from '../../../shared/signing/schemas';
import type { OutgoingRecord, WorkflowInfo } from '../../../shared/outgoing/schemas';
import type { Result } from '../../../shared/api/result';
import { ApiFailure, call } from '../api/client';
import { signAtDesk } from '../../../shared/signing/desk';

/**
 * Where the page runs decides where a key may be used (issue 13):
 * - 'local': this computer's app (desktop window or browser mode) — the key goes to the app's own process;
 * - 'office-desktop': the desktop app showing the office server — the key is opened by the desktop's main process,
 *   signs what the server prepared, and only the signature goes to the server;
 * - 'office-browser': a browser on the office server — no key may be sent to the server and a browser cannot reach a
 *   USB token, so only ký số từ xa (remote signing) is offered.
 */
export type HostKind = 'local' | 'office-desktop' | 'office-browser';

interface Desk {
  certificate(key: KeyInput): Promise<Result<{ certificate: Uint8Array; chain: Uint8Array[] }>>;
  sign(key: KeyInput, data: Uint8Array): Promise<Result<{ signature: Uint8Array }>>;
}
declare global {
  interface Window {
    vanphongDesk?: Desk & Record<string, unknown>;
  }
}

let kind: Promise<HostKind> | null = null;
export function hostKind(): Promise<HostKind> {
  return (kind ??= (async () => {
    if (window.vanphong) return 'local';
    try {
      const s = (await (await fetch('/session', { cache: 'no-store' })).json()) as { mode?: string };
      if (s.mode !== 'office') return 'local';
    } catch {
      return 'local';
    }
    return window.vanphongDesk ? 'office-desktop' : 'office-browser';
  })());
}

export function useHostKind(): HostKind | null {
  const [k, setK] = useState<HostKind | null>(null);
  useEffect(() => {
    void hostKind().then(setK);
  }, []);
  return k;
}

const unwrap = <T,>(r: Result<T>): T => {
  if (!r.ok) throw new ApiFailure(r.error);
  return r.value;
};

/** Prepare on the server, sign with the desktop's key, complete on the server (shared/signing/desk.ts). */
async function atDesk(key: KeyInput, prepare: (cert: { certificate: Uint8Array; chain: Uint8Array[] }) => Promise<{ requestId: string; dataToSign: Uint8Array }>) {
  const desk = window.vanphongDesk!;
  const cert = unwrap(await desk.certificate(key));
  return signAtDesk(
    { ...cert, sign: async (data) => unwrap(await desk.sign(key, data)).signature },
    {
      prepare,
      complete: (requestId, signature) => call('outgoing.completeSigning', { requestId, signature }),
      cancel: (requestId, reason) => call('outgoing.cancelSigning', { requestId, reason }),
    },
  );
}

const NO_KEY_IN_BROWSER = new ApiFailure({
  code: 'VALIDATION',
  field: 'key',
  message: 'Trên trình duyệt, khóa ký không được gửi lên máy chủ: hãy chọn «Ký số từ xa», hoặc ký bằng ứng dụng Văn phòng điện tử trên máy tính của bạn.',
});

export async function signDraft(id: number, key: KeyInput): Promise<WorkflowInfo> {
  const k = await hostKind();
  if (key.kind === 'remote' || k === 'local') return call('outgoing.sign', { id, key });
  if (k === 'office-browser') throw NO_KEY_IN_BROWSER;
  return (await atDesk(key, (cert) => call('outgoing.prepareSign', { id, ...cert }))).workflow;
}

export async function issueDraft(input: { id: number; book?: string; date?: string; reservedNumber?: number }, key: KeyInput): Promise<OutgoingRecord> {
  const k = await hostKind();
  if (key.kind === 'remote' || k === 'local') return call('outgoing.issue', { ...input, key });
  if (k === 'office-browser') throw NO_KEY_IN_BROWSER;
  return (await atDesk(key, (cert) => call('outgoing.prepareIssue', { ...input, ...cert }))).outgoing!;
}
