import { AppError } from '../api/result';

/** What the desk needs of a key: its certificate and chain, and signing (SHA-256 then RSA PKCS#1 v1.5 or ECDSA). */
export interface DeskKey {
  certificate: Uint8Array;
  chain: Uint8Array[];
  sign(data: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

/**
 * The client's half of signing at the signer's desk (issue 13), for the desktop app's page and the CLI when they talk
 * to an office server: send the certificate, sign the data the server prepared with the key at hand (a .p12 or a USB token;
 * the PIN and the key stay here), send back the signature value alone. `prepare`, `complete` and `cancel` call the
 * server's outgoing.prepareSign or outgoing.prepareIssue, outgoing.completeSigning and outgoing.cancelSigning.
 * When the key fails to sign (token pulled out, PIN blocked), the request is cancelled at once rather than left to
 * expire: an issuance's number is then cancelled with that reason and the draft can be issued again.
 */
export interface DeskSigningSteps<R> {
  prepare(key: { certificate: Uint8Array; chain: Uint8Array[] }): Promise<{ requestId: string; dataToSign: Uint8Array }>;
  complete(requestId: string, signature: Uint8Array): Promise<R>;
  cancel?(requestId: string, reason: string): Promise<unknown>;
}

export async function signAtDesk<R>(key: DeskKey, steps: DeskSigningSteps<R>): Promise<R> {
  const prepared = await steps.prepare({ certificate: key.certificate, chain: key.chain });
  let signature: Uint8Array;
  try {
    signature = await key.sign(prepared.dataToSign);
  } catch (e) {
    const why = e instanceof AppError ? e.message : `Khóa ký không ký được: ${(e as Error)?.message ?? String(e)}`;
    await steps.cancel?.(prepared.requestId, why.slice(0, 1000)).catch(() => undefined);
    throw e;
  }
  return steps.complete(prepared.requestId, signature);
}
