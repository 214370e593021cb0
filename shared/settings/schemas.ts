import { z } from 'zod';
import { id, optionalText, requiredText } from '../api/fields';
import { PROFILE_IDS, type ProfileId } from '../drafting/model';

/**
 * The organisation, once (issue 15): its name and parent organ as the header prints them, its abbreviation for ký
 * hiệu, its place for the date line, its mã định danh for document exchange (QĐ 20/2020/QĐ-TTg, e.g. 000.00.00.H30),
 * the profile it drafts in (Nhà nước / Đảng) and its usual signer titles. New drafts, the weekly schedule, Giấy mời
 * and the register books take their header from it.
 */
export interface SignerTitles {
  /** The head's title ("Giám đốc", "Chủ tịch", "Bí thư"). */
  head: string;
  /** The deputy's title ("Phó Giám đốc"); a deputy signs KT. (K/T) for the head. */
  deputy: string;
  /** The collective signed for with TM. (T/M): "Ủy ban nhân dân", "Ban Thường vụ"; empty for a head-run agency. */
  collective: string;
}

/** Until the quản trị says otherwise: a head-run State agency; a Party committee signing for its Ban Thường vụ. */
export const DEFAULT_SIGNERS: Record<ProfileId, SignerTitles> = {
  state: { head: 'Giám đốc', deputy: 'Phó Giám đốc', collective: '' },
  party: { head: 'Bí thư', deputy: 'Phó Bí thư', collective: 'Ban Thường vụ' },
};

export interface Organisation {
  profile: ProfileId;
  name: string;
  parentOrgan: string;
  abbr: string;
  place: string;
  organId: string;
  signers: SignerTitles;
}

export interface StampMeta {
  widthMm: number;
  widthPx: number;
  heightPx: number;
  updatedAt: string;
}

export interface OrganisationSettings extends Organisation {
  /** False until a quản trị saved the organisation: the screens then ask for it. */
  configured: boolean;
  /** The office's seal (con dấu), stamped by the văn thư at issuance; null: none on file. */
  seal: StampMeta | null;
}

/** An account with the signature image (chữ ký) on file for it. */
export interface AccountStamp {
  userId: number;
  username: string;
  fullName: string;
  title: string;
  roles: string[];
  signature: StampMeta | null;
}

/** ddd.dd.dd.Xnn: 13 characters (ND30 Phụ lục VI; QĐ 20/2020/QĐ-TTg). */
export const ORGAN_ID = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

const organId = z
  .string({ error: 'Mã định danh phải là chữ.' })
  .trim()
  .transform((s) => s.toUpperCase())
  .refine((s) => s === '' || ORGAN_ID.test(s), { error: 'Mã định danh gồm 13 ký tự dạng 000.00.00.H30 (Quyết định 20/2020/QĐ-TTg).' });

/** An optional text field kept as '' when left out (the stored organisation always has every field). */
const text = (label: string, max: number, opts: { lines?: boolean } = {}) => optionalText(label, max, opts).default('');

export const signerTitlesInput = z.object({
  head: text('chức vụ người đứng đầu', 100),
  deputy: text('chức vụ cấp phó', 100),
  collective: text('tập thể lãnh đạo (ký TM.)', 100),
});

export const saveOrganisationInput = z.object({
  profile: z.enum(PROFILE_IDS, { error: 'Thể thức phải là state (Nhà nước) hoặc party (Đảng).' }),
  name: requiredText('tên cơ quan', 200, { lines: true }),
  parentOrgan: text('cơ quan chủ quản', 200, { lines: true }),
  abbr: text('tên viết tắt', 30).refine((s) => !/[\s/]/.test(s), { error: 'Tên viết tắt không có dấu cách hay dấu «/» (ví dụ: UBND, VP, ĐU).' }),
  place: text('địa danh', 100),
  organId: organId.default(''),
  signers: signerTitlesInput.default({ head: '', deputy: '', collective: '' }),
});

const bytes = (what: string) => z.custom<Uint8Array>((v) => v instanceof Uint8Array && v.byteLength > 0, { error: `Thiếu ${what}.` });

const widthMm = z
  .number({ error: 'Chiều rộng phải là số.' })
  .min(5, { error: 'Chiều rộng thật của ảnh tối thiểu 5 mm.' })
  .max(120, { error: 'Chiều rộng thật của ảnh tối đa 120 mm.' })
  .optional();

/** The seal (no account) or an account's signature image. */
export const stampOwnerInput = z.object({ userId: id('tài khoản').optional() });

export const setOfficeStampInput = stampOwnerInput.extend({ png: bytes('ảnh PNG'), widthMm });

export const sealCheckInput = z.object({ id: id('mã dự thảo') });

/** What the page will show when the văn thư issues this draft. */
export interface SealCheck {
  seal: 'office' | 'directory' | null;
  /** A sentence for the văn thư, in the issue dialog and the CLI. */
  says: string;
}
