import { lazyRequire } from '../app/lazy-require';
import type * as XmlCrypto from 'xml-crypto';
import type * as Xmldom from '@xmldom/xmldom';
import type Nodemailer from 'nodemailer';

/**
 * The exchange's libraries, loaded on first use (as electron/signing/lazy-libs.ts does for the signing ones): the API,
 * and so every CLI command and the app's start, goes without XML-DSig, the DOM parser and the SMTP client.
 */
export const xmlCrypto = lazyRequire<typeof XmlCrypto>('xml-crypto');
export const xmldom = lazyRequire<typeof Xmldom>('@xmldom/xmldom');
export const nodemailer = lazyRequire<typeof Nodemailer>('nodemailer');
