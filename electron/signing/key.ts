/**
 * A signer's key and certificates, whatever holds them: a .p12 file (p12.ts), a PKCS#11 token (pkcs11.ts) or a
 * remote-signing service (remote.ts). The private key never leaves its holder: the CMS builder hands it the bytes to
 * sign, and a remote holder answers when the signer has approved (hence the promise).
 */
export interface SigningKey {
  /** The signer's certificate, DER, byte for byte as issued. */
  certificate: Uint8Array;
  /** Further certificates found with it (intermediates, root), DER. */
  chain: Uint8Array[];
  /** SHA-256 then RSA PKCS#1 v1.5, or ECDSA (DER-encoded r,s). */
  sign(data: Uint8Array): Uint8Array | Promise<Uint8Array>;
  /** Releases the token session, if any. */
  close?(): void;
}
