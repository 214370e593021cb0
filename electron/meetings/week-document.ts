import { draftSchema, type DraftDocument, type DraftInput } from '../../shared/drafting/model';
import { parseArchive } from '../../shared/drafting/parse-text/closing-lines';
import type { Meeting, ScheduleSettings } from '../../shared/meetings/schemas';
import { DAY_PART_LABELS, WEEKDAY_NAMES, addDays, dateVN, dayPart, hourText, vnParts, weekMonday, weekOf } from '../../shared/meetings/time';

/**
 * "Lịch công tác tuần" as an official document, through the drafting engine: the văn phòng's header, the title with
 * the week number and its dates, a table Thứ/ngày · Thời gian · Nội dung · Chủ trì · Thành phần · Địa điểm whose
 * Thứ/ngày cell spans the day's rows, then Nơi nhận and the văn phòng's signature block. Cancelled and postponed
 * meetings are left out: the schedule says what will happen. The text ends in the table's last row with "./."
 * (ND30 Phụ lục III), not on a line of its own under the table.
 */
export const WEEK_COLUMNS = ['Thứ, ngày', 'Thời gian', 'Nội dung', 'Chủ trì', 'Thành phần', 'Địa điểm'];
const WIDTHS = [13, 13, 32, 16, 16, 13];

/** Monday to Friday always appear (an empty working day says so); Saturday and Sunday only when something happens. */
export function weekTable(week: string, meetings: Meeting[]): { rows: string[][]; rowSpans: number[][] } {
  const monday = weekMonday(week)!;
  const rows: string[][] = [WEEK_COLUMNS];
  const rowSpans: number[][] = [WEEK_COLUMNS.map(() => 1)];
  const printed = meetings.filter((m) => m.status === 'du-kien' || m.status === 'chinh-thuc');
  for (let i = 0; i < 7; i++) {
    const date = addDays(monday, i);
    const dayMeetings = printed.filter((m) => vnParts(m.startMs).date === date || (m.startMs < Date.parse(`${date}T00:00:00+07:00`) && m.endMs > Date.parse(`${date}T00:00:00+07:00`)));
    if (dayMeetings.length === 0 && i >= 5) continue;
    const label = `**${WEEKDAY_NAMES[i + 1]}**\n${dateVN(date).slice(0, 5)}`;
    if (dayMeetings.length === 0) {
      rows.push([label, '', 'Làm việc tại cơ quan', '', '', '']);
      rowSpans.push([1, 1, 1, 1, 1, 1]);
      continue;
    }
    let lastPart = '';
    dayMeetings.forEach((m, j) => {
      const startsToday = vnParts(m.startMs).date === date;
      let time: string;
      if (m.allDay || !startsToday) time = 'Cả ngày';
      else {
        const part = DAY_PART_LABELS[dayPart(m.startMs)];
        time = part === lastPart ? hourText(m.startMs) : `**${part}**\n${hourText(m.startMs)}`;
        lastPart = part;
      }
      const content = [`**${m.title}**${m.status === 'du-kien' ? ' (dự kiến)' : ''}`, m.content].filter(Boolean).join('\n');
      const chair = m.chair ? [m.chair.name, m.chair.title].filter(Boolean).join('\n') : '';
      const who = m.participants.filter((p) => !(p.kind === 'person' && m.chair && p.refId === m.chair.userId)).map((p) => p.name).join('; ');
      const place = m.room?.name ?? m.location;
      rows.push([j === 0 ? label : '', time, content, chair, [who, m.prepareUnit ? `Chuẩn bị: ${m.prepareUnit}` : ''].filter(Boolean).join('\n'), place]);
      rowSpans.push([j === 0 ? dayMeetings.length : 0, 1, 1, 1, 1, 1]);
    });
  }
  return { rows, rowSpans };
}

/**
 * The settings' Nơi nhận lines as the draft's recipients and "Lưu" units. The form's example ends with "Lưu: VT.",
 * and people type it: that line gives the units instead of being printed as one more recipient under a second
 * "Lưu" line. Dashes and final punctuation typed with the lines are dropped (the plan adds its own).
 */
function weekRecipients(lines: string[], profile: ScheduleSettings['profile']): { recipients: { text: string }[]; archive: string[] } {
  const recipients: { text: string }[] = [];
  const archive: string[] = [];
  for (const line of lines) {
    const units = parseArchive(line)?.units;
    if (units) archive.push(...units.filter((u) => !archive.includes(u)));
    else {
      const text = line.replace(/^\s*[-–—+•]\s*/, '').replace(/\s*[;.,]\s*$/, '').trim();
      if (text) recipients.push({ text });
    }
  }
  return { recipients, archive: archive.length ? archive : profile === 'party' ? ['Văn phòng'] : ['VT'] };
}

/** "./." after the last row's content (Nội dung), the end of the schedule's text. */
function endInLastRow(rows: string[][]): string[][] {
  const content = WEEK_COLUMNS.indexOf('Nội dung');
  return rows.map((r, i) => (i === rows.length - 1 && i > 0 ? r.map((c, ci) => (ci === content ? `${c.trimEnd().replace(/[.;,:]$/, '')}./.` : c)) : r));
}

export function weekDocument(week: string, meetings: Meeting[], s: ScheduleSettings, today: string): DraftDocument {
  const monday = weekMonday(week)!;
  const sunday = addDays(monday, 6);
  const table = weekTable(week, meetings);
  const rows = endInLastRow(table.rows);
  const rowSpans = table.rowSpans;
  const { recipients, archive } = weekRecipients(s.recipients, s.profile);
  const range = `từ ngày ${dateVN(monday)} đến ngày ${dateVN(sunday)}`;
  const draft: DraftInput = {
    profile: s.profile,
    parentOrgan: s.parentOrgan ?? '',
    organ: s.organ,
    organAbbr: s.organAbbr ?? '',
    notation: `LCT-${s.organAbbr || 'VP'}`,
    number: null,
    place: s.place,
    date: today,
    docType: 'thong-bao',
    title: `Lịch công tác tuần ${weekOf(monday).number}`,
    subject: s.whose ? `${s.whose} (${range})` : `(${range[0].toUpperCase()}${range.slice(1)})`,
    body: [{ kind: 'table', header: true, rows, rowSpans, widths: WIDTHS, align: ['center', 'center', 'left', 'left', 'left', 'left'] }],
    signature: { authority: s.signature.authority ?? '', onBehalfOf: s.signature.onBehalfOf ?? '', title: s.signature.title, name: s.signature.name },
    recipients,
    archive,
  };
  return draftSchema.parse(draft);
}
