import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { draftSchema } from '../../shared/drafting/model';
import { buildPlan } from '../../shared/drafting/plan';
import { renderPdf } from '../../electron/drafting/pdf-export';
import { loadP12 } from '../../electron/signing/p12';
import { signDocument } from '../../electron/signing/sign';
import { signaturePng } from '../helpers/stamp-images';
import { makeSoftToken, softhsmModule } from '../helpers/softhsm';
import { withTokenKey } from '../../electron/signing/pkcs11';
import { verifyPdf } from '../../electron/signing/verify';
import { makeTestPki } from '../helpers/test-ca';
import { statePlan } from '../fixtures/sample-drafts';

type Emit = (name: string, value: number, unit: string) => void;
import { median } from './stats';

/** Issue 4's figures: sign a 10-page PDF with RSA-2048, warm, and verify it. */
export async function benchSigning(emit: Emit): Promise<void> {
  if (spawnSync('openssl', ['version']).error) {
    process.stderr.write('signing: openssl not installed (it makes the bench CA), figures skipped\n');
    return;
  }
  const pki = makeTestPki();
  const key = loadP12(new Uint8Array(fs.readFileSync(pki.p12('Nguyễn Văn An'))), '123456');
  const trust = [new Uint8Array(fs.readFileSync(pki.caDer))];
  let n = 10;
  let pdf = await renderPdf(buildPlan(draftSchema.parse(statePlan(n))));
  while (pdf.pageCount < 10) pdf = await renderPdf(buildPlan(draftSchema.parse(statePlan(++n))));
  const image = signaturePng();
  const sign = async () => (await signDocument(pdf.data, key, { role: 'signer', image })).pdf;
  let signed = await sign();
  const signMs: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    signed = await sign();
    signMs.push(performance.now() - t0);
  }
  verifyPdf(signed, trust);
  const verifyMs: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    const r = verifyPdf(signed, trust);
    verifyMs.push(performance.now() - t0);
    if (!r[0]?.integrity || !r[0].signatureValid) throw new Error('bench: the signature does not verify');
  }
  emit('signing.sign_10_pages_rsa2048', median(signMs), 'ms');
  emit('signing.verify_10_pages', median(verifyMs), 'ms');

  // The same with the key on a PKCS#11 token (SoftHSM2): load the module, log in, sign, log out, unload — each time.
  if (!softhsmModule()) {
    process.stderr.write('signing: softhsm2 not installed, token figure skipped\n');
    return;
  }
  const token = makeSoftToken('bench', pki.issue('Nguyễn Văn Bình'), pki.caDer);
  process.env.SOFTHSM2_CONF = token.conf;
  const tokenSign = () => withTokenKey({ module: token.module, pin: token.pin }, (k) => signDocument(pdf.data, k, { role: 'signer', image }));
  await tokenSign();
  const tokenMs: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    await tokenSign();
    tokenMs.push(performance.now() - t0);
  }
  emit('signing.sign_10_pages_pkcs11_softhsm', median(tokenMs), 'ms');
}
