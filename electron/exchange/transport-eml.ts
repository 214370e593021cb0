import PostalMime from 'postal-mime';
import { SAFE_ID } from './transport';

/**
 * An e-mail dropped in the exchange inbox, read in the parse worker (the 'exchange.eml' task): the sender's address
 * and the edXML packages attached. An attachment's name is never used as a path: only a plain "<id>.edxml" is taken,
 * any other .edxml name gets a fresh id from the message's own Message-ID and the attachment's place.
 */
export interface EmlPackages {
  from: string;
  messageId: string | null;
  packages: { messageId: string; fileName: string; bytes: Uint8Array }[];
  otherAttachments: number;
}

const MAX_PACKAGES = 50;

export async function emlPackages(data: Uint8Array): Promise<EmlPackages> {
  const mail = await PostalMime.parse(data, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 20, maxPartCount: 200, maxRfc822NestingDepth: 1, maxHeadersSize: 256 * 1024 });
  const from = mail.from && 'address' in mail.from && mail.from.address ? mail.from.address : '';
  const mid = (mail.messageId ?? '').replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80) || null;
  const packages: EmlPackages['packages'] = [];
  let other = 0;
  mail.attachments.forEach((a, i) => {
    const name = (a.filename ?? '').trim();
    const base = name.split(/[\\/]/).pop() ?? '';
    if (!/\.edxml$/i.test(base) || packages.length >= MAX_PACKAGES) return void other++;
    const stem = base.slice(0, -6);
    const messageId = SAFE_ID.test(stem) ? stem : `${mid ?? 'mail'}-${i + 1}`;
    const bytes = a.content instanceof ArrayBuffer ? new Uint8Array(a.content) : typeof a.content === 'string' ? new TextEncoder().encode(a.content) : new Uint8Array(a.content);
    packages.push({ messageId, fileName: `${messageId}.edxml`, bytes });
  });
  return { from, messageId: mid, packages, otherAttachments: other };
}
