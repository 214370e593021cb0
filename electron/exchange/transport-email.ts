import * as lazy from './lazy-libs';
import type { SmtpSettings } from '../../shared/exchange/settings';
import type { OutboundPackage, Transport } from './transport';

/**
 * E-mail as a transport (issue 18): SMTP out with nodemailer, the package attached as "<messageId>.edxml", the mail's
 * Message-ID made from the message id (a resend after a crash is the same mail, which receivers and their mail
 * servers can recognise). Arrivals by e-mail come in as .eml files dropped in the folder inbox (transport-folder.ts);
 * IMAP is not read yet. The password is given by the caller (settings-repo.ts opens it) and never logged.
 */
export interface SmtpAccount extends Omit<SmtpSettings, 'hasPassword'> {
  password: string;
}

export const mailMessageId = (messageId: string) => `<${messageId}@edxml.vanphong>`;

export function emailTransport(smtp: SmtpAccount, opts: { timeoutMs?: number } = {}): Transport & { close(): void } {
  const timeout = opts.timeoutMs ?? 30_000;
  const mailer = lazy.nodemailer().createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    logger: false,
    debug: false,
  });
  return {
    name: 'email',
    async send(msg: OutboundPackage) {
      if (!msg.to.email) throw new Error(`Nơi nhận ${msg.to.organId ?? ''} chưa có địa chỉ thư điện tử trong danh bạ.`);
      const isPackage = /\.edxml$/i.test(msg.fileName);
      await mailer.sendMail({
        from: smtp.from,
        to: msg.to.email,
        subject: msg.subject ?? (isPackage ? `Gói văn bản điện tử ${msg.fileName}` : `Văn bản ${msg.fileName}`),
        text: isPackage
          ? `Gói tin edXML (QCVN 102:2016/BTTTT) đính kèm: ${msg.fileName}.\nThư này do phần mềm văn phòng điện tử gửi; xin đừng trả lời vào thư.`
          : `Văn bản đính kèm: ${msg.fileName}.`,
        messageId: mailMessageId(msg.messageId),
        attachments: [{ filename: msg.fileName, content: Buffer.from(msg.bytes), contentType: isPackage ? 'application/xml' : 'application/pdf' }],
      });
    },
    async *receive() {
      // IMAP is a later addition: e-mails come in as .eml files dropped in the folder inbox.
    },
    async ack() {},
    close: () => mailer.close(),
  };
}
