import { createRequire } from 'node:module';
import type * as XmlCrypto from 'xml-crypto';
import type * as Xmldom from '@xmldom/xmldom';
import type Nodemailer from 'nodemailer';

/**
 * The exchange's libraries, loaded on first use (as electron/signing/lazy-libs.ts does for the signing ones): the API,
 * and so every CLI command and the app's start, goes without XML-DSig, the DOM parser and the SMTP client.
 */
const require = createRequire(import.meta.url);

function once<T>(id: string): () => T {
  let lib: T | undefined;
  return () => (lib ??= require(id) as T);
}

export const xmlCrypto = once<typeof XmlCrypto>('xml-crypto');
export const xmldom = once<typeof Xmldom>('@xmldom/xmldom');
export const nodemailer = once<typeof Nodemailer>('nodemailer');
