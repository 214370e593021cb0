import type crypto from 'node:crypto';

/**
 * Builds the chain from `leaf` up through `pool` (the certificates the signature carries) to a certificate of the trust
 * store; true when it ends in one. Every certificate above the leaf must be a CA (basicConstraints CA:TRUE): Node's
 * checkIssued only refuses an issuer whose keyUsage lacks keyCertSign, so an end-entity certificate without keyUsage
 * (or one naming keyCertSign without being a CA) would otherwise "issue" a certificate in any name. Used by the PDF
 * (verify.ts) and the edXML (exchange/xml-signature.ts) verifications.
 */
export function chainTrusted(leaf: crypto.X509Certificate, pool: crypto.X509Certificate[], trust: crypto.X509Certificate[]): boolean {
  const issues = (issuer: crypto.X509Certificate, cert: crypto.X509Certificate) => issuer.ca === true && cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  let cur = leaf;
  const seen = new Set([leaf.fingerprint256]);
  for (let depth = 0; depth < 8; depth++) {
    if (trust.some((t) => issues(t, cur))) return true;
    const next = pool.find((c) => !seen.has(c.fingerprint256) && issues(c, cur));
    if (!next) return false;
    seen.add(next.fingerprint256);
    cur = next;
  }
  return false;
}
