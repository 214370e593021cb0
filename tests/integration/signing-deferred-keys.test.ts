import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki } from '../helpers/test-ca';
import { tempDir } from '../helpers/app';
import { signaturePng } from '../helpers/stamp-images';
import { completeDocument, prepareDocument, signDocument } from '../../electron/signing/sign';
import { verifyPdf } from '../../electron/signing/verify';
import { draftSchema } from '../../shared/drafting/model';
import { buildPlan } from '../../shared/drafting/plan';
import { renderPdf } from '../../electron/drafting/pdf-export';
import { statePlan } from '../fixtures/sample-drafts';
import { has } from '../helpers/tools';

const haveOpenssl = has('openssl', ['version']);

/** prepareDocument / completeDocument on their own (EU DSS getDataToSign / signDocument), with RSA and ECDSA keys. */
describe.skipIf(!haveOpenssl)('the two halves of signing', () => {
  let pdf: Uint8Array;
  let ca: { key: string; pem: string; dir: string };
  beforeAll(async () => {
    pdf = (await renderPdf(buildPlan(draftSchema.parse(statePlan(1))))).data;
    const pki = makeTestPki();
    ca = { key: path.join(pki.dir, 'ca.key'), pem: pki.caPem, dir: pki.dir };
  });

  /** An ECDSA P-256 signer issued by the test CA. */
  function ecSigner(): { key: crypto.KeyObject; der: Uint8Array } {
    const dir = tempDir('vanphong-ec-');
    const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    fs.writeFileSync(path.join(dir, 'ext.cnf'), 'keyUsage = critical,digitalSignature,nonRepudiation\nbasicConstraints = CA:FALSE\n');
    run(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ec.key']);
    run(['req', '-new', '-key', 'ec.key', '-subj', '/C=VN/CN=Trần Văn Ký', '-utf8', '-out', 'ec.csr']);
    run(['x509', '-req', '-in', 'ec.csr', '-CA', ca.pem, '-CAkey', ca.key, '-CAcreateserial', '-days', '30', '-extfile', 'ext.cnf', '-outform', 'DER', '-out', 'ec.der']);
    return { key: crypto.createPrivateKey(fs.readFileSync(path.join(dir, 'ec.key'))), der: new Uint8Array(fs.readFileSync(path.join(dir, 'ec.der'))) };
  }

  it('an ECDSA key signs at the desk: a DER (r, s) value completes the file, a raw r||s value or another document’s is refused', async () => {
    const ec = ecSigner();
    const prepared = await prepareDocument(pdf, ec.der, [], { role: 'signer', image: signaturePng() });
    expect(Buffer.from(prepared.preparedPdf.subarray(0, pdf.length)).equals(Buffer.from(pdf))).toBe(true);
    const raw = crypto.sign('sha256', prepared.signedAttributesDer, { key: ec.key, dsaEncoding: 'ieee-p1363' });
    await expect(completeDocument(prepared, ec.der, [], raw)).rejects.toMatchObject({ code: 'VALIDATION', field: 'signature' });
    const other = await prepareDocument(pdf, ec.der, [], { role: 'signer', image: signaturePng(), reason: 'Khác' });
    await expect(completeDocument(prepared, ec.der, [], crypto.sign('sha256', other.signedAttributesDer, ec.key))).rejects.toMatchObject({ field: 'signature' });
    const signed = await completeDocument(prepared, ec.der, [], crypto.sign('sha256', prepared.signedAttributesDer, ec.key));
    const [report] = verifyPdf(signed.pdf, [new Uint8Array(fs.readFileSync(path.join(ca.dir, 'ca.der')))]);
    expect(report).toMatchObject({ signer: 'Trần Văn Ký', integrity: true, signatureValid: true, trusted: true, coversWholeFile: true });
  });

  it('signDocument is the two halves with a key that answers later (a promise), as a remote service does', async () => {
    const ec = ecSigner();
    const later = { certificate: ec.der, chain: [], sign: async (d: Uint8Array) => new Uint8Array(crypto.sign('sha256', d, ec.key)) };
    const r = await signDocument(pdf, later, { role: 'signer' });
    expect(verifyPdf(r.pdf).map((s) => [s.integrity, s.signatureValid])).toEqual([[true, true]]);
    // A key that signs the wrong bytes never produces a file.
    const liar = { ...later, sign: async () => new Uint8Array(crypto.sign('sha256', Buffer.from('khác'), ec.key)) };
    await expect(signDocument(pdf, liar, { role: 'signer' })).rejects.toMatchObject({ field: 'signature' });
  });

  it('a prepared request altered in storage is refused before the signature is even checked', async () => {
    const ec = ecSigner();
    const prepared = await prepareDocument(pdf, ec.der, [], { role: 'signer' });
    const tampered = { ...prepared, preparedPdf: new Uint8Array(prepared.preparedPdf) };
    tampered.preparedPdf[100] ^= 1;
    await expect(completeDocument(tampered, ec.der, [], crypto.sign('sha256', prepared.signedAttributesDer, ec.key))).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
