import { DOC_TYPES } from '../domain/doc-types';
import type { Block, DraftInput, ProfileId } from './model';
import { DEFAULT_SIGNERS, type SignerTitles } from '../settings/schemas';

/**
 * A new draft's starting point per type and profile (ND30 Phụ lục III mẫu 1.4–1.7; HD36): the parts the type
 * needs, in order, with the usual sections, ready to be overwritten. Pure data, shared by the editor and tests.
 */
export interface TemplateOptions {
  profile: ProfileId;
  docType: string;
  organ?: string;
  parentOrgan?: string;
  organAbbr?: string;
  place?: string;
  /** The organisation's usual signer titles (Cài đặt); absent: the wording of a provincial People's Committee. */
  signers?: SignerTitles;
}

/** Công văn and Giấy mời are usually signed by a deputy for the head (KT. / K/T); the rest by the head. */
const deputySigns = (docType: string) => docType === 'cong-van' || docType === 'giay-moi';

/** The signature block a new draft starts with, from the organisation's signer titles. */
export function defaultSignature(o: TemplateOptions): DraftInput['signature'] {
  const party = o.profile === 'party';
  const deputy = deputySigns(o.docType);
  if (!o.signers) {
    if (party) return { authority: 'T/M', onBehalfOf: 'Ban Thường vụ', title: 'Bí thư', name: '…' };
    return deputy ? { authority: 'KT.', onBehalfOf: 'Giám đốc', title: 'Phó Giám đốc', name: '…' } : { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', title: 'Chủ tịch', name: '…' };
  }
  const d = DEFAULT_SIGNERS[o.profile];
  const head = o.signers.head || d.head;
  const collective = o.signers.collective;
  // A collective (a cấp ủy, an Ủy ban) is signed for by its head and deputies alike with TM. / T/M.
  if (collective) return { authority: party ? 'T/M' : 'TM.', onBehalfOf: collective, title: head, name: '…' };
  if (deputy) return { authority: party ? 'K/T' : 'KT.', onBehalfOf: head, title: o.signers.deputy || d.deputy, name: '…' };
  return { authority: '', onBehalfOf: '', title: head, name: '…' };
}

/** A Quyết định's thẩm quyền ban hành: the collective it is signed for, or the head's title, with the organ's name. */
export function defaultCompetence(o: TemplateOptions): string {
  const sig = defaultSignature(o);
  const who = (sig.authority === 'TM.' || sig.authority === 'T/M' ? sig.onBehalfOf : o.signers?.head || sig.title) ?? '';
  const organ = o.organ || '…';
  return organ.toLocaleLowerCase('vi').startsWith(who.toLocaleLowerCase('vi')) ? organ : `${who} ${organ}`;
}

const section = (number: string, text: string): Block => ({ kind: 'heading', level: 'section', number, text });
const item = (label: string, text: string): Block => ({ kind: 'item', label, text, bold: false });
const para = (text: string): Block => ({ kind: 'paragraph', text });
const bullet = (text: string): Block => ({ kind: 'bullet', marker: '-', text });

const BODIES: Record<string, Block[]> = {
  'ke-hoach': [
    para('Thực hiện …; … ban hành Kế hoạch … như sau:'),
    section('I', 'Mục đích, yêu cầu'),
    item('1.', 'Mục đích'),
    bullet('…'),
    item('2.', 'Yêu cầu'),
    bullet('…'),
    section('II', 'Nội dung'),
    { kind: 'activity', title: '1. …', content: '…', time: '…', place: '…', lead: '…', participants: '…' },
    section('III', 'Tổ chức thực hiện'),
    item('1.', '…'),
    para('Trên đây là Kế hoạch …, đề nghị các đơn vị triển khai thực hiện.'),
  ],
  'chuong-trinh': [
    para('Thực hiện …, … ban hành Chương trình … như sau:'),
    section('I', 'Mục đích, yêu cầu'),
    item('1.', '…'),
    section('II', 'Nhiệm vụ và giải pháp'),
    item('1.', '…'),
    section('III', 'Tổ chức thực hiện'),
    item('1.', '…'),
  ],
  'bao-cao': [para('Thực hiện …, … báo cáo như sau:'), section('I', 'Kết quả thực hiện'), item('1.', '…'), section('II', 'Tồn tại, hạn chế'), section('III', 'Phương hướng, nhiệm vụ thời gian tới')],
  'thong-bao': [para('…')],
  'to-trinh': [para('Căn cứ …;'), para('… kính trình … xem xét, quyết định.')],
  'quyet-dinh': [
    { kind: 'heading', level: 'article', number: '1', text: '…' },
    { kind: 'heading', level: 'article', number: '2', text: 'Quyết định này có hiệu lực kể từ ngày ký.' },
    { kind: 'heading', level: 'article', number: '3', text: '… chịu trách nhiệm thi hành Quyết định này.' },
  ],
  'giay-moi': [
    para('… trân trọng kính mời: …'),
    { kind: 'activity', title: 'Tới dự …', content: '…', time: '… giờ …, ngày … tháng … năm …', place: '…', lead: '…' },
  ],
  'cong-van': [para('…')],
};

export function draftTemplate(o: TemplateOptions): DraftInput {
  const party = o.profile === 'party';
  const isLetter = o.docType === 'cong-van';
  const addressed = isLetter || o.docType === 'to-trinh';
  return {
    profile: o.profile,
    parentOrgan: o.parentOrgan ?? '',
    organ: o.organ || '…',
    organAbbr: o.organAbbr ?? '',
    number: null,
    place: o.place || '…',
    date: null,
    docType: o.docType,
    subject: isLetter ? '…' : '…',
    competence: o.docType === 'quyet-dinh' ? defaultCompetence(o) : '',
    bases: o.docType === 'quyet-dinh' ? ['Căn cứ …'] : [],
    addressees: addressed ? ['…'] : [],
    body: structuredClone(BODIES[o.docType] ?? [para('…')]),
    signature: defaultSignature(o),
    recipients: [{ text: '…' }],
    archive: party ? ['Văn phòng'] : ['VT'],
    drafterMark: '',
    copies: null,
  };
}

/** Types a profile can draft, in the order the editor offers them (the common ones first). */
export function draftableTypes(profile: ProfileId): { code: string; name: string }[] {
  const common = ['ke-hoach', 'chuong-trinh', 'cong-van', 'quyet-dinh', 'thong-bao', 'bao-cao', 'to-trinh', 'giay-moi'];
  const all = DOC_TYPES.filter((t) => profile in t.abbr);
  return [...all.filter((t) => common.includes(t.code)).sort((a, b) => common.indexOf(a.code) - common.indexOf(b.code)), ...all.filter((t) => !common.includes(t.code))].map((t) => ({
    code: t.code,
    name: t.name,
  }));
}
