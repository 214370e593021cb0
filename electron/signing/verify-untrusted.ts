import type { VerifyResult } from '../../shared/signing/schemas';
import { runUntrusted } from '../parsing/untrusted';
import { verifyResult } from './verify';

/**
 * A PDF's signatures verified in a parse worker (electron/parsing/untrusted.ts), under the same limits as every parser
 * of outside input: a crafted PDF cannot hold the API's thread while its CMS and byte ranges are read. A file the
 * verifier could not finish within the limits reports no signature (no badge), never a valid one.
 */
export async function verifyUntrusted(pdf: Uint8Array, trust: Uint8Array[]): Promise<VerifyResult> {
  const r = await runUntrusted<VerifyResult>('signing.verify', { data: pdf, trust }, { lane: 'interactive', local: async () => verifyResult(pdf, trust) });
  return r.ok ? r.value : { status: null, signatures: [] };
}
