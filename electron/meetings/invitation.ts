import type { MethodParsed } from '../../shared/api/contract';
import { AppError } from '../../shared/api/result';
import { formatDateLongVN } from '../../shared/domain/dates';
import { draftSchema, type DraftInput } from '../../shared/drafting/model';
import type { Meeting, ScheduleSettings } from '../../shared/meetings/schemas';
import { WEEKDAY_NAMES, hourText, vnParts } from '../../shared/meetings/time';
import type { AppContext } from '../app/context';
import { audit } from '../audit/record';
import { currentActor } from '../app/caller';
import { immediate } from '../db/connection';
import * as drafts from '../drafting/repo';
import * as repo from './repo';
import { getMeeting } from './service';
import { scheduleSettings } from './settings';

/** "Hội nghị sơ kết" → "hội nghị sơ kết" after "Tới dự"; "UBND tỉnh…" stays as written. */
function lowerFirst(s: string): string {
  return s.length > 1 && s[1] === s[1].toLocaleLowerCase('vi') ? s.charAt(0).toLocaleLowerCase('vi') + s.slice(1) : s;
}

/** "8 giờ 00, Thứ Hai, ngày 23 tháng 11 năm 2026" (ND30 Phụ lục I: dates in words in the body). */
export function whenText(m: Pick<Meeting, 'startMs' | 'allDay'>): string {
  const p = vnParts(m.startMs);
  const day = `${WEEKDAY_NAMES[p.weekday]}, ${formatDateLongVN(p.date)}`;
  return m.allDay ? `Cả ngày ${day}` : `${hourText(m.startMs)}, ${day}`;
}

/**
 * A Giấy mời (ND30 Phụ lục III, mẫu 1.7) filled in from the meeting: whom the organ invites, "Tới dự", Chủ trì,
 * Thời gian, Địa điểm. Party committees have no Giấy mời type in HD 36: they get a Công văn with the same lines.
 */
export function invitationDraft(m: Meeting, s: ScheduleSettings): DraftInput {
  const organ = (s.organ.split('\n').pop() ?? s.organ).trim();
  const invitees = m.participants.filter((p) => !(p.kind === 'person' && m.chair && p.refId === m.chair.userId)).map((p) => p.name).join('; ') || '…';
  const chair = m.chair ? `Đồng chí ${m.chair.name}${m.chair.title ? `, ${m.chair.title}` : ''}.` : '…';
  const place = m.room?.name ?? (m.location || '…');
  const party = s.profile === 'party';
  return {
    profile: s.profile,
    parentOrgan: s.parentOrgan ?? '',
    organ: s.organ,
    organAbbr: s.organAbbr ?? '',
    number: null,
    place: s.place,
    date: null,
    docType: party ? 'cong-van' : 'giay-moi',
    subject: party ? `Mời dự ${lowerFirst(m.title)}` : m.title,
    body: [
      { kind: 'paragraph', text: `${organ} trân trọng kính mời: ${invitees}.` },
      { kind: 'paragraph', text: `Tới dự ${lowerFirst(m.title)}.` },
      ...(m.content ? [{ kind: 'paragraph' as const, text: m.content }] : []),
      { kind: 'paragraph', text: `Chủ trì: ${chair}` },
      { kind: 'paragraph', text: `Thời gian: ${whenText(m)}.` },
      { kind: 'paragraph', text: `Địa điểm: ${place}.` },
      ...(m.prepareUnit ? [{ kind: 'paragraph' as const, text: `${m.prepareUnit} chuẩn bị nội dung, tài liệu phục vụ cuộc họp.` }] : []),
    ],
    signature: { authority: s.signature.authority ?? '', onBehalfOf: s.signature.onBehalfOf ?? '', title: s.signature.title, name: s.signature.name },
    recipients: [{ text: 'Như thành phần mời' }],
    archive: party ? ['Văn phòng'] : ['VT'],
  };
}

export function createInvitation(app: AppContext, input: MethodParsed<'meetings.invitation'>): { draftId: number } {
  const m = getMeeting(app, input.id);
  if (m.status === 'hoan' || m.status === 'huy') throw new AppError('CONFLICT', `Cuộc họp đã ${m.status === 'hoan' ? 'hoãn' : 'hủy'}: không làm giấy mời.`);
  const draft = draftSchema.parse(invitationDraft(m, scheduleSettings(app)));
  const who = currentActor();
  const draftId = immediate(app.db, () => {
    const id = drafts.insertDraft(app.db, draft, app.nowIso(), who?.id ?? null);
    repo.addLink(app.db, m.id, 'draft', id);
    audit(app, 'meeting.invitation', 'meeting', m.id, { title: m.title, draftId: id });
    audit(app, 'draft.create', 'draft', id, { subject: draft.subject, docType: draft.docType, meeting: m.id });
    return id;
  });
  return { draftId };
}
