import { empty, idInput, method, sha256Input, type MethodTable } from '../api/define';
import type { signingAccess } from './access';
import * as s from './schemas';

export const signingMethods = {
  'signing.sign': method<typeof s.signPdfInput, s.SignResult>(s.signPdfInput),
  'signing.verify': method<typeof s.verifyPdfInput, s.VerifyResult>(s.verifyPdfInput),
  'signing.tokens': method<typeof s.listTokensInput, s.TokenSlotInfo[]>(s.listTokensInput),
  'signing.settings': method<typeof empty, s.SigningSettings>(empty),
  'signing.saveSettings': method<typeof s.signingSettingsInput, s.SigningSettings>(s.signingSettingsInput),
  /** The signatures of a stored file, verified against the trust store. */
  'attachments.signatures': method<typeof sha256Input, s.VerifyResult>(sha256Input),
  'trust.list': method<typeof empty, s.TrustedCertificate[]>(empty),
  'trust.add': method<typeof s.addTrustInput, s.TrustedCertificate[]>(s.addTrustInput),
  'trust.remove': method<typeof idInput, { deleted: true }>(idInput),
  'people.list': method<typeof empty, s.Person[]>(empty),
  'people.create': method<typeof s.createPersonInput, s.Person>(s.createPersonInput),
  'stamps.list': method<typeof empty, s.StampInfo[]>(empty),
  'stamps.set': method<typeof s.setStampInput, s.StampInfo>(s.setStampInput),
  'stamps.image': method<typeof s.stampOwnerInput, Uint8Array>(s.stampOwnerInput),
  'stamps.remove': method<typeof s.stampOwnerInput, { deleted: true }>(s.stampOwnerInput),
} satisfies MethodTable<typeof signingAccess>;
