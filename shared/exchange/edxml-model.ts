import type { SignatureStatus } from '../signing/schemas';
import type { Urgency } from '../domain/marks';

/**
 * The edXML document package (QCVN 102:2016/BTTTT, reference/domain.md §3), as plain data: what edxml-build.ts writes
 * and edxml-parse.ts reads back. Dates are ISO (yyyy-MM-dd) here; the package writes them yyyy/MM/dd.
 */

export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

export const BUSINESSES = ['new', 'revoke', 'update', 'replace'] as const;
export type Business = (typeof BUSINESSES)[number];
/** Bussiness/BussinessDocType: 0 new, 1 revoke (thu hồi), 2 update (cập nhật), 3 replace (thay thế). */
export const BUSINESS_CODES: Record<Business, number> = { new: 0, revoke: 1, update: 2, replace: 3 };
export const BUSINESS_LABELS: Record<Business, string> = {
  new: 'Văn bản mới',
  revoke: 'Thu hồi',
  update: 'Cập nhật',
  replace: 'Thay thế',
};

/** OtherInfo/Priority (§3.4): 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ (read as hỏa tốc). */
export const PRIORITY_OF_URGENCY: Record<Urgency, number> = { thuong: 0, khan: 1, 'thuong-khan': 2, 'hoa-toc': 3 };
export function urgencyOfPriority(p: number | null): Urgency {
  return p === 1 ? 'khan' : p === 2 ? 'thuong-khan' : p === 3 || p === 4 ? 'hoa-toc' : 'thuong';
}

/**
 * DocumentType/Type codes. Only what a source gives is kept (one builder says 18 is công văn "per the C# SDK",
 * unverified); any other type travels by its TypeName alone and is read back by name.
 */
export const EDXML_TYPE_CODES: Record<string, number> = { 'cong-van': 18 };

/** From, To: the organisation fields of §3.2 (1), in that order. */
export interface EdxmlOrgan {
  organId: string;
  organInCharge: string | null;
  organName: string;
  organAdd: string | null;
  email: string | null;
  telephone: string | null;
  fax: string | null;
  website: string | null;
}

export interface EdxmlResponseFor {
  organId: string;
  code: string;
  promulgationDate: string | null;
  documentId: string;
}

/** MessageHeader, its elements in the order of §3.2. */
export interface EdxmlHeader {
  from: EdxmlOrgan;
  to: EdxmlOrgan[];
  code: { number: string; notation: string };
  promulgation: { place: string; date: string };
  documentType: { type: number | null; typeName: string };
  subject: string;
  content: string | null;
  signer: { competence: string; position: string; fullName: string };
  dueDate: string | null;
  toPlaces: string[];
  other: {
    priority: number;
    sphere: string | null;
    typerNotation: string | null;
    promulgationAmount: number | null;
    pageAmount: number | null;
    appendixes: string[];
  };
  responseFor: EdxmlResponseFor[];
  steeringType: number;
  documentId: string;
}

/** TraceHeaderList/TraceHeader: who handled the package, when ("yyyy/MM/dd HH:mm:ss" or "dd/MM/yyyy HH:mm:ss"). */
export interface EdxmlTrace {
  organId: string;
  timestamp: string;
}

export interface EdxmlBusiness {
  business: Business;
  reason: string | null;
  documentId: string;
  /** 1: a paper copy is also sent. */
  paper: 0 | 1;
  /** ReplacementInfoList/ReplacementInfo (a replace): the documents this one replaces, by DocumentId. */
  replaces?: { documentId: string; organIds: string[] }[];
}

/** One file of the package: its manifest Reference and its AttachmentEncoded/Attachment. */
export interface EdxmlAttachmentMeta {
  contentId: string;
  name: string;
  contentType: string;
  description: string | null;
}

export interface EdxmlDocumentModel {
  header: EdxmlHeader;
  traces: EdxmlTrace[];
  business: EdxmlBusiness;
  attachments: EdxmlAttachmentMeta[];
}

/** A signature found in a received package and what its check found: the package's XML-DSig, or a PDF's. */
export interface SignatureVerdict {
  kind: 'xml' | 'pdf';
  /** The attachment's name for a PDF signature; null for the package's own. */
  file: string | null;
  status: SignatureStatus | 'missing';
  signer: string;
  issuer: string;
  signedAt: string | null;
  /** Vietnamese problems found, empty when all is well. */
  problems: string[];
  /** The signer's certificate (the package's XML signature): a revoke/update/replace must come from the same signer. */
  cert?: { publicKeySha256: string; subject: string; issuer: string };
}

export const VERDICT_LABELS: Record<SignatureVerdict['status'], string> = {
  valid: 'Hợp lệ',
  untrusted: 'Cần xem lại (chứng thư chưa được tin cậy)',
  invalid: 'Không hợp lệ',
  missing: 'Không có chữ ký số',
};

/** What the incoming drawer shows for a document that came as an edXML package. */
export interface ReceivedFacts {
  documentId: string;
  fromOrganId: string;
  business: Business;
  businessReason: string | null;
  signatures: SignatureVerdict[];
  revokedAt: string | null;
  receivedAt: string;
  updatedAt: string;
}
