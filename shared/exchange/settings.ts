import { z } from 'zod';
import { optionalText, positiveInt, requiredText } from '../api/fields';

/**
 * How this office exchanges packages (issue 18): a pair of folders that its LGSP / trục client keeps in sync (the
 * outbox it sends from, the inbox it drops arrivals into, .edxml packages and .eml mails), and an SMTP server for
 * e-mail. The SMTP password is stored encrypted with a key derived from the installation key and never shown again:
 * the screens only learn whether one is set.
 */
export const SMTP_SECURITY = ['none', 'starttls', 'tls'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];
export const SMTP_SECURITY_LABELS: Record<SmtpSecurity, string> = { none: 'Không mã hóa', starttls: 'STARTTLS', tls: 'TLS (SMTPS)' };

export interface SmtpSettings {
  host: string;
  port: number;
  security: SmtpSecurity;
  user: string;
  from: string;
  hasPassword: boolean;
}

export interface ExchangeSettings {
  /** Absolute folder the packages to send are written to; '' when not set. */
  outbox: string;
  /** Absolute folder arrivals are read from (.edxml, .eml); handled files move to processed/ or rejected/. */
  inbox: string;
  smtp: SmtpSettings | null;
  /** Statuses 01, 03 (on registration), 04 (leader's instruction) and 06 (finished) go back by themselves. */
  autoStatuses: boolean;
}

const ABSOLUTE = /^(\/|[A-Za-z]:[\\/]|\\\\)/;
const folder = (label: string) =>
  optionalText(label, 1000).refine((s) => s === undefined || s === '' || ABSOLUTE.test(s), {
    error: `${label.charAt(0).toUpperCase()}${label.slice(1)} phải là đường dẫn đầy đủ (ví dụ /srv/lgsp/gui hoặc D:\\LGSP\\Gui).`,
  });

const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

export const smtpInput = z.object({
  host: requiredText('máy chủ SMTP', 253).refine((s) => /^[A-Za-z0-9.:[\]-]+$/.test(s), { error: 'Máy chủ SMTP chỉ gồm chữ không dấu, số, dấu chấm và gạch ngang.' }),
  port: positiveInt('cổng SMTP', 65535),
  security: z.enum(SMTP_SECURITY, { error: 'Kiểu bảo mật SMTP phải là none, starttls hoặc tls.' }).default('starttls'),
  user: optionalText('tài khoản SMTP', 200).default(''),
  from: requiredText('địa chỉ gửi', 254).refine((s) => EMAIL.test(s), { error: 'Địa chỉ gửi không phải địa chỉ thư điện tử (ví dụ vanthu@bacninh.gov.vn).' }),
  /** Left out: the stored password is kept; '' removes it. */
  password: z.string({ error: 'Mật khẩu SMTP phải là chữ.' }).max(500, { error: 'Mật khẩu SMTP dài quá 500 ký tự.' }).optional(),
});

/** Every field optional: left out, it keeps its value; `smtp: null` removes the e-mail transport. */
export const saveExchangeSettingsInput = z.object({
  outbox: folder('thư mục gửi'),
  inbox: folder('thư mục nhận'),
  smtp: smtpInput.nullable().optional(),
  autoStatuses: z.boolean({ error: 'Tự gửi trạng thái phải là có hoặc không.' }).optional(),
});
export type SaveExchangeSettings = z.output<typeof saveExchangeSettingsInput>;
