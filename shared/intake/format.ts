import { formatDateVN } from '../domain/dates';
import { SECRECY_LABELS, URGENCY_LABELS, type Secrecy, type Urgency } from '../domain/marks';
import { PROPOSAL_FIELDS, type IntakeField, type IntakeProposal, type ProposalFieldName } from './schemas';

/** The proposal's fields in Vietnamese, for the CLI's lines and the form's summary. */
export const FIELD_LABELS: Record<ProposalFieldName, string> = {
  sender: 'Tác giả (cơ quan gửi)',
  organ: 'Cơ quan ban hành',
  parentOrgan: 'Cơ quan chủ quản',
  ref: 'Số và ký hiệu',
  place: 'Địa danh',
  docDate: 'Ngày văn bản',
  docType: 'Tên loại',
  subject: 'Trích yếu',
  signerAuthority: 'Quyền hạn ký',
  signerTitle: 'Chức vụ người ký',
  signerName: 'Người ký',
  recipients: 'Nơi nhận',
  urgency: 'Độ khẩn',
  secrecy: 'Độ mật',
  pageCount: 'Số trang',
};

/** A field's value as a person reads it. */
export function fieldText(name: ProposalFieldName, f: IntakeField<unknown>): string {
  const v = f.value;
  switch (name) {
    case 'docDate':
      return formatDateVN(String(v));
    case 'docType':
      return (v as { name: string }).name;
    case 'urgency':
      return URGENCY_LABELS[v as Urgency];
    case 'secrecy':
      return SECRECY_LABELS[v as Secrecy];
    case 'recipients':
      return (v as string[]).join('; ');
    default:
      return String(v);
  }
}

/** "85 %" */
export const percent = (c: number) => `${Math.round(c * 100)} %`;

/** Below this a prefilled field is shown in orange: read, but worth a second look. */
export const LOW_CONFIDENCE = 0.7;

export interface ProposalLine {
  name: ProposalFieldName;
  label: string;
  value: string;
  confidence: number;
  source: string;
  evidence?: string;
}

export function proposalLines(p: IntakeProposal): ProposalLine[] {
  const out: ProposalLine[] = [];
  for (const name of PROPOSAL_FIELDS) {
    const f = p[name] as IntakeField<unknown> | null;
    if (!f) continue;
    out.push({ name, label: FIELD_LABELS[name], value: fieldText(name, f), confidence: f.confidence, source: f.source, ...(f.evidence ? { evidence: f.evidence } : {}) });
  }
  return out;
}

/** Whether anything at all was read (a blank scan, a photo of no document: nothing). */
export const hasAnyField = (p: IntakeProposal): boolean => proposalLines(p).some((l) => l.name !== 'pageCount') || p.email !== null;
