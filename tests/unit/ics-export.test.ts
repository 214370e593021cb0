import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { CalendarEvent } from '../../electron/meetings/ics-event';
import { exportIcs } from '../../electron/meetings/ics-export';
import { parseIcs } from '../../electron/meetings/ics-import';
import { utc, vnDay, vevent, parse } from '../helpers/ics';

const base: CalendarEvent = {
  uid: 'mtg-1@vanphong',
  recurrenceId: null,
  sequence: 0,
  title: 'Họp giao ban',
  content: '',
  location: '',
  startMs: utc('2026-11-23T01:00:00Z'),
  endMs: utc('2026-11-23T02:30:00Z'),
  allDay: false,
  status: 'chinh-thuc',
  chair: null,
  participants: [],
  prepareUnit: null,
  room: null,
  updatedMs: null,
};

const roundTripEvents: CalendarEvent[] = [
  {
    ...base,
    uid: 'a1b2c3d4-0001@vanphong',
    sequence: 3,
    title: 'Họp giao ban lãnh đạo tuần 48',
    content: 'Thành phần: Lãnh đạo UBND tỉnh, Chánh Văn phòng; các Phó Chánh Văn phòng.\nNội dung: nghe báo cáo.',
    location: 'Phòng họp tầng 2, trụ sở UBND tỉnh',
    chair: 'Nguyễn Văn An',
    participants: ['Trần Thị Hoa', 'Phòng Tổ chức, Cán bộ', 'Sở Nội vụ; Sở Tài chính'],
    prepareUnit: 'Văn phòng UBND tỉnh',
    room: 'Phòng họp tầng 2',
    updatedMs: utc('2026-11-20T03:04:05Z'),
  },
  {
    ...base,
    uid: 'a1b2c3d4-0002@vanphong',
    title: 'Tập huấn nghiệp vụ văn thư, lưu trữ',
    allDay: true,
    startMs: vnDay('2026-12-01'),
    endMs: vnDay('2026-12-03'),
    status: 'du-kien',
  },
  {
    ...base,
    uid: 'series-1@vanphong',
    recurrenceId: utc('2026-11-30T01:00:00Z'),
    startMs: utc('2026-12-01T07:00:00Z'),
    endMs: utc('2026-12-01T08:00:00Z'),
    title: 'Giao ban (chuyển sang chiều thứ Ba)',
    status: 'hoan',
    sequence: 1,
  },
  {
    ...base,
    uid: 'series-2@vanphong',
    recurrenceId: vnDay('2026-12-07'),
    allDay: true,
    startMs: vnDay('2026-12-07'),
    endMs: vnDay('2026-12-08'),
    title: 'Trực lãnh đạo',
    status: 'huy',
  },
  {
    ...base,
    uid: 'uid, with; odd \\ characters',
    title:
      'Hội nghị sơ kết công tác chuyển đổi số năm 2026, triển khai nhiệm vụ năm 2027; thống nhất kế hoạch phối hợp giữa các sở, ban, ngành và UBND các huyện',
    content:
      'Dòng 1: ký tự đặc biệt \\ gạch chéo ngược, dấu phẩy, dấu chấm phẩy;\nDòng 2 — “ngoặc kép” và biểu tượng 📅✅\n\nDòng 4 sau một dòng trống, rất dài để vượt quá 75 octet: ' +
      'Tiếng Việt có dấu chiếm nhiều byte trong UTF-8 nên phải gấp dòng đúng chỗ. '.repeat(4).trim(),
    location: 'Hội trường A; tầng 1, số 12 Lê Lợi',
    status: 'du-kien',
  },
  {
    ...base,
    uid: 'a1b2c3d4-0006@vanphong',
    title: 'Tiếp công dân định kỳ',
    chair: 'Ông "Tư" ^ Lê: Văn; Tư, Phó Chủ tịch',
    participants: ['Bà Nguyễn Thị Ánh Tuyết — Trưởng ban Tiếp công dân tỉnh, kiêm Phó Chánh Văn phòng UBND tỉnh'],
    status: 'huy',
    sequence: 5,
  },
  {
    ...base,
    uid: 'a1b2c3d4-0007@vanphong',
    title: 'Họp trực tuyến với Bộ Nội vụ',
    startMs: utc('2026-12-31T23:30:00Z'), // 06:30 on 1/1/2027 in Vietnam
    endMs: utc('2027-01-01T01:00:00Z'),
    location: 'Điểm cầu trực tuyến UBND tỉnh',
    prepareUnit: 'Sở Thông tin và Truyền thông',
    updatedMs: utc('2026-12-30T00:00:00Z'),
  },
  {
    ...base,
    uid: 'a1b2c3d4-0008@vanphong',
    title: 'Kỳ họp thứ 12 HĐND tỉnh',
    allDay: true,
    startMs: vnDay('2026-12-09'),
    endMs: vnDay('2026-12-12'),
    chair: 'Chủ tịch HĐND tỉnh',
    participants: ['Đại biểu HĐND tỉnh', 'Lãnh đạo UBND tỉnh'],
    room: 'Hội trường HĐND',
    location: 'Hội trường HĐND',
  },
  {
    ...base,
    uid: 'series-1@vanphong',
    recurrenceId: utc('2026-11-23T01:00:00Z'),
    title: 'Giao ban',
  },
  {
    ...base,
    uid: 'a1b2c3d4-0010@vanphong',
    title: 'Làm việc với Đoàn kiểm tra',
    content: 'Một dòng',
    status: 'chinh-thuc',
    startMs: utc('2026-11-24T08:15:00Z'),
    endMs: utc('2026-11-24T09:45:00Z'),
  },
];

describe('exportIcs', () => {
  const now = new Date(utc('2026-11-21T10:00:00Z'));
  const text = exportIcs(roundTripEvents, { name: 'Lịch công tác, tuần 48; UBND tỉnh', now });

  it('round-trips through parseIcs to the same events', () => {
    const r = parse(text);
    expect(r.calendarName).toBe('Lịch công tác, tuần 48; UBND tỉnh');
    expect(r.skipped).toEqual([]);
    const key = (e: CalendarEvent) => `${e.uid}|${e.recurrenceId}`;
    const sorted = (a: CalendarEvent[]) => [...a].sort((x, y) => (key(x) < key(y) ? -1 : 1));
    expect(sorted(r.events)).toEqual(sorted(roundTripEvents));
  });

  it('writes the calendar header and status mapping', () => {
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('PRODID:-//Vanphong//Văn phòng điện tử//VI\r\n');
    expect(unfolded).toContain('VERSION:2.0\r\n');
    expect(unfolded).toContain('METHOD:PUBLISH\r\n');
    expect(unfolded).toContain('X-WR-CALNAME:Lịch công tác\\, tuần 48\\; UBND tỉnh\r\n');
    expect(unfolded).toContain('X-WR-TIMEZONE:Asia/Ho_Chi_Minh\r\n');
    expect(unfolded).toContain('DTSTAMP:20261121T100000Z\r\n');
    expect(unfolded).toContain('STATUS:CANCELLED\r\n');
    expect(unfolded).toContain('STATUS:TENTATIVE\r\nX-VANPHONG-STATUS:hoan\r\n');
    expect(unfolded).toContain('RECURRENCE-ID:20261130T010000Z\r\n');
    expect(unfolded).toContain('RECURRENCE-ID;VALUE=DATE:20261207\r\n');
    expect(unfolded).toContain('ORGANIZER;CN="Nguyễn Văn An":invalid:nomail\r\n');
    expect(unfolded).toContain('ATTENDEE;CN="Phòng Tổ chức, Cán bộ";ROLE=REQ-PARTICIPANT;RSVP=FALSE:invalid:nomail\r\n');
    expect(unfolded).toContain('X-VANPHONG-PARTICIPANT:Phòng Tổ chức\\, Cán bộ\r\n');
  });

  it('writes CRLF lines of at most 75 octets, folded between characters', () => {
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes.toString('utf8')).toBe(text); // no lone surrogates
    const lines = text.split('\r\n').slice(0, -1);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true); // long lines were folded
    const strict = new TextDecoder('utf-8', { fatal: true });
    for (const line of lines) {
      const octets = Buffer.from(line, 'utf8');
      expect(octets.length, line).toBeLessThanOrEqual(75);
      expect(() => strict.decode(octets)).not.toThrow(); // no UTF-8 sequence split by a fold
    }
  });

  it('never writes floating times', () => {
    const unfolded = text.replace(/\r\n /g, '').split('\r\n');
    const timed = unfolded.filter((l) => /^(DTSTART|DTEND|RECURRENCE-ID|EXDATE|RDATE|DTSTAMP|LAST-MODIFIED|CREATED)[;:]/.test(l));
    expect(timed.length).toBeGreaterThan(20);
    for (const l of timed) expect(l, l).toMatch(/^[A-Z-]+(:\d{8}T\d{6}Z|;VALUE=DATE:\d{8})$/);
    expect(text).not.toContain('TZID');
  });

  it('writes NFC text from decomposed input', () => {
    const nfd = 'Họp giao ban'.normalize('NFD');
    const out = exportIcs([{ ...base, title: nfd, chair: nfd, participants: [nfd] }], { name: nfd, now });
    expect(out).toBe(out.normalize('NFC'));
    expect(out).toContain('SUMMARY:Họp giao ban\r\n');
    const bell = exportIcs([{ ...base, title: 'Họp\u0007 giao ban', participants: ['', 'Lê Thị B'] }], { name: 'x', now });
    expect(bell).toContain('SUMMARY:Họp giao ban\r\n');
    expect(parse(bell).events[0].participants).toEqual(['Lê Thị B']);
  });

  it('is read back by ical.js itself', () => {
    const parsed = ICAL.parse(text);
    const cal = new ICAL.Component(parsed as unknown[]);
    expect(cal.getFirstPropertyValue('x-wr-timezone')).toBe('Asia/Ho_Chi_Minh');
    const vevents = cal.getAllSubcomponents('vevent');
    expect(vevents).toHaveLength(roundTripEvents.length);
    vevents.forEach((v, i) => {
      const ev = new ICAL.Event(v);
      const want = roundTripEvents[i];
      expect(ev.uid).toBe(want.uid);
      expect(ev.summary).toBe(want.title);
      expect(ev.startDate.isDate).toBe(want.allDay);
      if (!want.allDay) {
        expect(ev.startDate.toUnixTime() * 1000).toBe(want.startMs);
        expect(ev.endDate.toUnixTime() * 1000).toBe(want.endMs);
      }
      expect(ev.attendees.map((a) => a.getFirstParameter('cn'))).toEqual(want.participants);
    });
  });

  it('writes an empty calendar', () => {
    const out = exportIcs([], { name: '', now });
    expect(parse(out)).toEqual({ events: [], skipped: [], calendarName: null, range: null, filter: null, partial: false, series: [] });
    expect(out).toContain('X-WR-TIMEZONE:Asia/Ho_Chi_Minh\r\n');
  });

  it('refuses an event that does not end after it starts', () => {
    expect(() => exportIcs([{ ...base, endMs: base.startMs }], { name: 'x', now })).toThrow(RangeError);
  });
});
