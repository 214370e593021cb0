import { empty, idInput, method, sha256Input, type MethodTable } from '../api/define';
import type { signingAccess } from './access';
import {
  addTrustInput,
  createPersonInput,
  listTokensInput,
  setStampInput,
  signPdfInput,
  signingSettingsInput,
  stampOwnerInput,
  verifyPdfInput,
  type Person,
  type SignResult,
  type SigningSettings,
  type StampInfo,
  type TokenSlotInfo,
  type TrustedCertificate,
  type VerifyResult,
} from './schemas';

export const signingMethods = {
  'signing.sign': method<typeof signPdfInput, SignResult>(signPdfInput),
  'signing.verify': method<typeof verifyPdfInput, VerifyResult>(verifyPdfInput),
  'signing.tokens': method<typeof listTokensInput, TokenSlotInfo[]>(listTokensInput),
  'signing.settings': method<typeof empty, SigningSettings>(empty),
  'signing.saveSettings': method<typeof signingSettingsInput, SigningSettings>(signingSettingsInput),
  /** The signatures of a stored file, verified against the trust store. */
  'attachments.signatures': method<typeof sha256Input, VerifyResult>(sha256Input),
  'trust.list': method<typeof empty, TrustedCertificate[]>(empty),
  'trust.add': method<typeof addTrustInput, TrustedCertificate[]>(addTrustInput),
  'trust.remove': method<typeof idInput, { deleted: true }>(idInput),
  'people.list': method<typeof empty, Person[]>(empty),
  'people.create': method<typeof createPersonInput, Person>(createPersonInput),
  'stamps.list': method<typeof empty, StampInfo[]>(empty),
  'stamps.set': method<typeof setStampInput, StampInfo>(setStampInput),
  'stamps.image': method<typeof stampOwnerInput, Uint8Array>(stampOwnerInput),
  'stamps.remove': method<typeof stampOwnerInput, { deleted: true }>(stampOwnerInput),
} satisfies MethodTable<typeof signingAccess>;
