import crypto from 'node:crypto';
import * as lazy from './lazy-libs';
import { AppError } from '../../shared/api/result';
import type { SignatureVerdict } from '../../shared/exchange/edxml-model';
import type { SigningKey } from '../signing/key';
import { chainTrusted } from '../signing/chain';
import { commonNameOf } from '../signing/names';
import { childrenNamed, findNamed } from './xml';

/**
 * The edXML package's XML digital signature (reference/domain.md §3.4): XML-DSig, enveloped, over the whole document
 * (Reference URI="" with the enveloped-signature and exc-c14n transforms), RSA-SHA256 with a SHA-256 digest, placed at
 * the end of edXMLHeader with the signer's certificate in KeyInfo/X509Data. Made with the organisation's key (a .p12 or
 * a token: the private key never leaves its holder, which is handed SignedInfo to sign). Verification (in the parse
 * worker) also accepts RSA-SHA1/SHA-1 from other offices' software, and checks the certificate against the trust store
 * and at the signing time.
 */

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';

const subjectLine = (c: crypto.X509Certificate) => c.subject.split('\n').reverse().join(', ');

/** Who signed, to compare a later package's signer with the original's: the public key's SHA-256, subject and issuer. */
export function certIdentity(c: crypto.X509Certificate): NonNullable<SignatureVerdict['cert']> {
  const spki = c.publicKey.export({ type: 'spki', format: 'der' });
  return { publicKeySha256: crypto.createHash('sha256').update(spki).digest('hex'), subject: c.subject, issuer: c.issuer };
}

/** The same signer: the same key, or a certificate renewed for the same subject by the same issuer. */
export function sameSigner(a: SignatureVerdict['cert'], b: SignatureVerdict['cert']): boolean {
  if (!a || !b) return false;
  return a.publicKeySha256 === b.publicKeySha256 || (a.subject === b.subject && a.issuer === b.issuer);
}

/** Signs the package text; the result is the package with its Signature element. */
export async function signEdxml(xml: string, key: SigningKey): Promise<string> {
  const cert = new crypto.X509Certificate(key.certificate);
  if (cert.publicKey.asymmetricKeyType !== 'rsa') throw new AppError('VALIDATION', 'Khóa ký gói edXML phải là khóa RSA (chữ ký RSA-SHA256 của QCVN 102).', { field: 'key' });
  const b64 = (d: Uint8Array) => Buffer.from(d).toString('base64');
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const sig = new (lazy.xmlCrypto().SignedXml)({
    // The key stays with its holder: this stands in for it, and the algorithm below asks the holder to sign.
    privateKey: 'held-by-the-signing-key',
    canonicalizationAlgorithm: EXC_C14N,
    signatureAlgorithm: RSA_SHA256,
    getKeyInfoContent: ({ prefix } = {}) => {
      const p = prefix ? `${prefix}:` : '';
      const certs = [key.certificate, ...key.chain].map((c) => `<${p}X509Certificate>${b64(c)}</${p}X509Certificate>`).join('');
      return `<${p}X509Data><${p}X509SubjectName>${escape(subjectLine(cert))}</${p}X509SubjectName>${certs}</${p}X509Data>`;
    },
  });
  class HeldKeyRsaSha256 {
    getSignature(signedInfo: crypto.BinaryLike, _key: crypto.KeyLike, callback?: (err: Error | null, value?: string) => void): string | void {
      if (!callback) throw new Error('the signing key answers asynchronously');
      Promise.resolve(key.sign(new Uint8Array(Buffer.from(signedInfo as string, 'utf8'))))
        .then((s) => callback(null, Buffer.from(s).toString('base64')))
        .catch((e: unknown) => callback(e instanceof Error ? e : new Error(String(e))));
    }
    verifySignature(): boolean {
      throw new Error('not for verification');
    }
    getAlgorithmName() {
      return RSA_SHA256;
    }
  }
  sig.SignatureAlgorithms = { ...sig.SignatureAlgorithms, [RSA_SHA256]: HeldKeyRsaSha256 as never };
  sig.addReference({ xpath: '/*', transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: SHA256, uri: '', isEmptyUri: true });
  return new Promise((resolve, reject) => {
    sig.computeSignature(xml, { location: { reference: "//*[local-name(.)='edXMLHeader']", action: 'append' } }, (err, signed) => {
      if (err || !signed) reject(err instanceof AppError ? err : new AppError('INTERNAL', `Không ký được gói edXML: ${err?.message ?? 'lỗi không rõ'}.`));
      else resolve(signed.getSignedXml());
    });
  });
}

/**
 * Checks the package's XML signature: `doc` is the package read by readXml (no DOCTYPE), `text` the same package as
 * text (xml-crypto canonicalises from it). `signedAt`: when the sender says it signed (its TraceHeader, which the sender
 * writes itself), else now; the certificate must also be in force at `receivedAt` (now), or the verdict is not valid.
 */
export function verifyEdxmlSignature(doc: Document, text: string, trustDer: Uint8Array[], signedAt: Date | null, receivedAt: Date = new Date()): SignatureVerdict {
  const verdict: SignatureVerdict = { kind: 'xml', file: null, status: 'invalid', signer: '', issuer: '', signedAt: signedAt?.toISOString() ?? null, problems: [] };
  const all = doc.getElementsByTagNameNS(DSIG, 'Signature');
  if (all.length === 0) return { ...verdict, status: 'missing', problems: ['Gói tin không có chữ ký số XML.'] };
  if (all.length > 1) return { ...verdict, problems: ['Gói tin có nhiều hơn một chữ ký XML: không xác định được chữ ký của cơ quan gửi.'] };
  const node = all.item(0) as Element;
  const parent = node.parentNode as Element | null;
  if (!parent || (parent.localName ?? parent.nodeName) !== 'edXMLHeader') verdict.problems.push('Chữ ký XML không nằm ở phần đầu gói tin (edXMLHeader).');
  // Only a signature over the whole document counts: one over a part could leave the rest forged.
  const refs = findNamed(node, 'SignedInfo') ? childrenNamed(findNamed(node, 'SignedInfo')!, 'Reference') : [];
  const whole = refs.length === 1 && (refs[0].getAttribute('URI') ?? '') === '' && Array.from(refs[0].getElementsByTagNameNS(DSIG, 'Transform')).some((t) => t.getAttribute('Algorithm') === ENVELOPED);
  if (!whole) verdict.problems.push('Chữ ký XML không bao trùm toàn bộ gói tin.');
  const certEls = Array.from(node.getElementsByTagNameNS(DSIG, 'X509Certificate'));
  const certs: crypto.X509Certificate[] = [];
  for (const c of certEls) {
    try {
      certs.push(new crypto.X509Certificate(Buffer.from((c.textContent ?? '').replace(/\s+/g, ''), 'base64')));
    } catch {
      verdict.problems.push('Chứng thư số trong chữ ký XML không đọc được.');
    }
  }
  if (!certs.length) return { ...verdict, problems: [...verdict.problems, 'Chữ ký XML không kèm chứng thư số của người ký.'] };
  // The signer's certificate: the first, or the one whose key verifies (checked below).
  const leaf = certs[0];
  verdict.signer = commonNameOf(leaf.subject) || subjectLine(leaf);
  verdict.issuer = commonNameOf(leaf.issuer) || leaf.issuer.replace(/\n/g, ', ');
  verdict.cert = certIdentity(leaf);
  let valid = false;
  try {
    const sig = new (lazy.xmlCrypto().SignedXml)({ publicCert: leaf.toString() });
    sig.loadSignature(node);
    valid = sig.checkSignature(text) === true;
    if (!valid) verdict.problems.push('Nội dung gói tin đã bị thay đổi sau khi ký (mã băm không khớp).');
  } catch (e) {
    const msg = (e as Error).message ?? '';
    verdict.problems.push(/signature value/i.test(msg) ? 'Giá trị chữ ký XML không khớp với chứng thư số.' : /digest|reference/i.test(msg) ? 'Nội dung gói tin đã bị thay đổi sau khi ký (mã băm không khớp).' : `Chữ ký XML không kiểm tra được: ${msg.slice(0, 120)}`);
  }
  const at = signedAt ?? new Date();
  const inTime = at >= new Date(leaf.validFrom) && at <= new Date(leaf.validTo);
  if (!inTime) verdict.problems.push('Chứng thư số không còn hiệu lực vào thời điểm ký.');
  // The signing time is the sender's own word (its TraceHeader): the certificate must be in force on receipt too.
  const inForceNow = receivedAt >= new Date(leaf.validFrom) && receivedAt <= new Date(leaf.validTo);
  if (inTime && !inForceNow) {
    verdict.problems.push(`Chứng thư ${receivedAt > new Date(leaf.validTo) ? 'hết hạn' : 'chưa có hiệu lực'} tại thời điểm nhận: thời điểm ký do bên gửi tự ghi trong gói tin, cần xem lại.`);
  }
  const trust = trustDer.map((d) => new crypto.X509Certificate(d));
  const trusted = trust.some((t) => t.fingerprint256 === leaf.fingerprint256) || chainTrusted(leaf, certs.slice(1), trust);
  if (!trusted) verdict.problems.push('Chứng thư số của người ký không thuộc tổ chức chứng thực được tin cậy.');
  verdict.status = !valid || !whole || verdict.problems.some((p) => /không nằm|không đọc/.test(p)) ? 'invalid' : trusted && inTime && inForceNow ? 'valid' : 'untrusted';
  return verdict;
}
