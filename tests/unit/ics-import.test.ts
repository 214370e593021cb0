import { describe, expect, it } from 'vitest';
import type { CalendarEvent } from '../../electron/meetings/ics-event';
import { ICS_MAX_BYTES, parseIcs, windowsZoneToIana } from '../../electron/meetings/ics-import';
import { allStrings, fixture, ics, parse, refused, utc, vevent, vnDay } from '../helpers/ics';

describe('parseIcs: Outlook desktop export', () => {
  const r = parse(fixture('outlook.ics'), utc('2027-06-30T00:00:00Z'));
  const seriesUid =
    '040000008200E00074C5B7101A82E00800000000D0F2B1A4C1F0DA01000000000000000010000000A1B2C3D4E5F60718293A4B5C6D7E8F90';
  const series = r.events.filter((e) => e.uid === seriesUid);

  it('reads the calendar name and nothing is skipped', () => {
    expect(r.calendarName).toBe('Lịch công tác - Văn phòng UBND tỉnh');
    expect(r.skipped).toEqual([]);
    expect(r.events).toHaveLength(6);
  });

  it('expands the weekly series with its EXDATE and its moved occurrence, in UTC', () => {
    // 08:00 "SE Asia Standard Time" (UTC+7, from the file's VTIMEZONE) = 01:00Z. 07/12 is excluded; UNTIL is inclusive.
    expect(series.map((e) => [new Date(e.recurrenceId!).toISOString(), new Date(e.startMs).toISOString()])).toEqual([
      ['2026-11-23T01:00:00.000Z', '2026-11-23T01:00:00.000Z'],
      ['2026-11-30T01:00:00.000Z', '2026-11-30T01:00:00.000Z'],
      ['2026-12-14T01:00:00.000Z', '2026-12-15T07:00:00.000Z'],
      ['2026-12-21T01:00:00.000Z', '2026-12-21T01:00:00.000Z'],
      ['2026-12-28T01:00:00.000Z', '2026-12-28T01:00:00.000Z'],
    ]);
    const first = series[0];
    expect(first).toEqual<CalendarEvent>({
      uid: seriesUid,
      recurrenceId: utc('2026-11-23T01:00:00Z'),
      sequence: 0,
      title: 'Giao ban lãnh đạo tuần',
      content:
        'Thành phần: Lãnh đạo UBND tỉnh, Chánh Văn phòng; các Phó Chánh Văn phòng.\n' +
        'Nội dung: nghe báo cáo công việc tuần, thống nhất lịch tuần sau.\n\n' +
        'Đề nghị các đơn vị gửi báo cáo trước 16 giờ thứ Sáu.',
      location: 'Phòng họp tầng 2, trụ sở UBND tỉnh',
      startMs: utc('2026-11-23T01:00:00Z'),
      endMs: utc('2026-11-23T02:30:00Z'),
      allDay: false,
      status: 'chinh-thuc',
      chair: 'Nguyễn Văn An',
      // The meeting room (CUTYPE=RESOURCE) is not a participant.
      participants: ['Trần Thị Hoa', 'Lê Văn Bình'],
      prepareUnit: null,
      room: null,
      updatedMs: utc('2026-11-15T04:00:00Z'), // LAST-MODIFIED: with METHOD, DTSTAMP is the export time
    });
  });

  it('takes the overriding occurrence’s own fields', () => {
    const moved = series[2];
    expect(moved).toMatchObject({
      title: 'Giao ban lãnh đạo tuần (chuyển sang chiều thứ Ba)',
      location: 'Hội trường A',
      content: 'Chuyển sang chiều thứ Ba do lãnh đạo đi công tác sáng thứ Hai.',
      endMs: utc('2026-12-15T09:00:00Z'),
      sequence: 1,
      participants: ['Trần Thị Hoa'],
      updatedMs: utc('2026-11-18T02:00:00Z'),
    });
  });

  it('reads the single meeting with escaped commas, semicolons and newlines', () => {
    const single = r.events.find((e) => e.recurrenceId === null)!;
    expect(single.title).toBe('Hội nghị sơ kết công tác chuyển đổi số năm 2026, triển khai nhiệm vụ năm 2027');
    expect(single.content).toBe(
      'Kính mời: Giám đốc các Sở, ban, ngành; Chủ tịch UBND các huyện, thị xã, thành phố.\nTài liệu gửi kèm qua hệ thống văn bản điện tử.',
    );
    expect([single.startMs, single.endMs]).toEqual([utc('2026-11-26T00:30:00Z'), utc('2026-11-26T04:30:00Z')]);
    expect(single.sequence).toBe(2);
  });

  it('returns NFC text and events sorted by start', () => {
    for (const e of r.events) for (const s of allStrings(e)) expect(s).toBe(s.normalize('NFC'));
    const starts = r.events.map((e) => e.startMs);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });
});

describe('parseIcs: Google Calendar export', () => {
  const r = parse(fixture('google.ics'));
  const byTitle = (t: string) => r.events.find((e) => e.title.startsWith(t))!;

  it('reads all four events and the calendar name', () => {
    expect(r.calendarName).toBe('Lịch họp Sở Nội vụ');
    expect(r.events).toHaveLength(4);
    expect(r.skipped).toEqual([]);
  });

  it('reads TZID=Asia/Ho_Chi_Minh times, organizer and attendees', () => {
    expect(byTitle('Hội nghị triển khai')).toEqual<CalendarEvent>({
      uid: '5k2j3h4g6f7d8s9a0q1w2e3r4t@google.com',
      recurrenceId: null,
      sequence: 1,
      title: 'Hội nghị triển khai công tác cải cách hành chính',
      content: 'Thành phần: Lãnh đạo Sở; Trưởng các phòng, đơn vị thuộc Sở.\nChuẩn bị: Phòng Cải cách hành chính.',
      location: 'Phòng họp 301, Sở Nội vụ, 12 Lê Lợi',
      startMs: utc('2026-11-25T07:00:00Z'),
      endMs: utc('2026-11-25T09:30:00Z'),
      allDay: false,
      status: 'chinh-thuc',
      chair: 'Sở Nội vụ',
      // Google lists the organizer among the attendees; an attendee without CN is named by address.
      participants: ['Phạm Minh Châu', 'dung.hv@snv.example.gov.vn'],
      prepareUnit: null,
      room: null,
      updatedMs: utc('2026-11-18T09:15:00Z'),
    });
  });

  it('reads the all-day event as Vietnam days with an exclusive end', () => {
    const e = byTitle('Tập huấn');
    expect(e.title).toBe('Tập huấn nghiệp vụ văn thư, lưu trữ');
    expect(e.allDay).toBe(true);
    expect(e.startMs).toBe(vnDay('2026-12-01'));
    expect(e.startMs).toBe(utc('2026-11-30T17:00:00Z'));
    expect(e.endMs).toBe(vnDay('2026-12-03'));
  });

  it('reads the UTC event and the cancelled one', () => {
    const u = byTitle('Làm việc với Đoàn');
    expect([u.startMs, u.endMs, u.status, u.content, u.location]).toEqual([
      utc('2026-11-27T02:00:00Z'),
      utc('2026-11-27T03:30:00Z'),
      'du-kien',
      '',
      '',
    ]);
    const c = byTitle('Họp Hội đồng');
    expect(c.status).toBe('huy');
    expect(c.startMs).toBe(utc('2026-11-30T02:00:00Z'));
  });
});

describe('parseIcs: time zones', () => {
  const at = (tzid: string, local: string, extra: string[] = []) =>
    parse(ics(...vevent('UID:tz', 'SUMMARY:Họp', `DTSTART;TZID=${tzid}:${local}`, ...extra))).events[0];

  it('maps Windows zone names without a VTIMEZONE to IANA zones', () => {
    expect(at('"SE Asia Standard Time"', '20261123T080000').startMs).toBe(utc('2026-11-23T01:00:00Z'));
    expect(at('Tokyo Standard Time', '20261123T090000').startMs).toBe(utc('2026-11-23T00:00:00Z'));
    expect(at('China Standard Time', '20261123T090000').startMs).toBe(utc('2026-11-23T01:00:00Z'));
    // DST: Los Angeles is UTC-7 in July, Berlin UTC+1 in January.
    expect(at('Pacific Standard Time', '20260715T100000').startMs).toBe(utc('2026-07-15T17:00:00Z'));
    expect(at('W. Europe Standard Time', '20260115T100000').startMs).toBe(utc('2026-01-15T09:00:00Z'));
    expect(at('utc', '20260115T100000').startMs).toBe(utc('2026-01-15T10:00:00Z'));
  });

  it('knows the common Windows zones, all resolvable by this runtime', () => {
    const names = [
      'SE Asia Standard Time', 'China Standard Time', 'Tokyo Standard Time', 'Pacific Standard Time',
      'W. Europe Standard Time', 'GMT Standard Time', 'Singapore Standard Time', 'Korea Standard Time',
      'AUS Eastern Standard Time', 'Eastern Standard Time', 'Central Standard Time', 'UTC', 'India Standard Time',
      'Romance Standard Time', 'Russian Standard Time', 'Taipei Standard Time', 'Mountain Standard Time',
      'Arabian Standard Time', 'New Zealand Standard Time', 'E. South America Standard Time', 'Myanmar Standard Time',
    ];
    for (const n of names) {
      const iana = windowsZoneToIana(n);
      expect(iana, n).not.toBeNull();
      expect(() => new Intl.DateTimeFormat('en', { timeZone: iana! })).not.toThrow();
    }
    expect(windowsZoneToIana('se asia standard time')).toBe('Asia/Bangkok');
  });

  it('resolves IANA names with Intl, DST-correct (Europe/Paris)', () => {
    expect(at('Europe/Paris', '20260328T100000').startMs).toBe(utc('2026-03-28T09:00:00Z')); // CET
    expect(at('Europe/Paris', '20260330T100000').startMs).toBe(utc('2026-03-30T08:00:00Z')); // CEST
    // 02:30 does not exist on 29/03: read with the offset before the gap, i.e. 03:30 CEST (RFC 5545 §3.3.5).
    expect(at('Europe/Paris', '20260329T023000').startMs).toBe(utc('2026-03-29T01:30:00Z'));
    // 02:30 occurs twice on 25/10: the first one (CEST).
    expect(at('Europe/Paris', '20261025T023000').startMs).toBe(utc('2026-10-25T00:30:00Z'));
    expect(at('Asia/Bangkok', '20261123T080000').startMs).toBe(utc('2026-11-23T01:00:00Z'));
    expect(at('/mozilla.org/20050126_1/Asia/Ho_Chi_Minh', '20261123T080000').startMs).toBe(utc('2026-11-23T01:00:00Z'));
  });

  it('keeps wall-clock time across DST in a series, with a UTC UNTIL, in a zone the file does not define', () => {
    const r = parse(
      ics(
        ...vevent(
          'UID:paris',
          'SUMMARY:Họp với đối tác Pháp',
          'DTSTART;TZID=Europe/Paris:20260321T100000',
          'DTEND;TZID=Europe/Paris:20260321T110000',
          'RRULE:FREQ=WEEKLY;UNTIL=20260404T080000Z',
        ),
      ),
    );
    expect(r.events.map((e) => new Date(e.startMs).toISOString())).toEqual([
      '2026-03-21T09:00:00.000Z',
      '2026-03-28T09:00:00.000Z',
      '2026-04-04T08:00:00.000Z',
    ]);
  });

  it('uses the file’s VTIMEZONE over the name', () => {
    // A (wrong but self-consistent) definition of "Asia/Ho_Chi_Minh" as UTC+8 wins over Intl's UTC+7.
    const r = parse(
      ics(
        'BEGIN:VTIMEZONE',
        'TZID:Asia/Ho_Chi_Minh',
        'BEGIN:STANDARD',
        'DTSTART:19700101T000000',
        'TZOFFSETFROM:+0800',
        'TZOFFSETTO:+0800',
        'END:STANDARD',
        'END:VTIMEZONE',
        ...vevent('UID:own', 'SUMMARY:Họp', 'DTSTART;TZID=Asia/Ho_Chi_Minh:20261123T080000'),
      ),
    );
    expect(r.events[0].startMs).toBe(utc('2026-11-23T00:00:00Z'));
  });

  it('reads floating times as Vietnam time, with one note per file', () => {
    const r = parse(
      ics(
        ...vevent('UID:f1', 'SUMMARY:Họp 1', 'DTSTART:20261123T080000', 'DTEND:20261123T090000'),
        ...vevent('UID:f2', 'SUMMARY:Họp 2', 'DTSTART:20261124T080000', 'DTEND:20261124T090000'),
      ),
    );
    expect(r.events.map((e) => e.startMs)).toEqual([utc('2026-11-23T01:00:00Z'), utc('2026-11-24T01:00:00Z')]);
    expect(r.skipped).toEqual([{ reason: 'Giờ không ghi múi giờ, đã hiểu theo giờ Việt Nam (UTC+7)' }]);
  });

  it('refuses an unknown TZID that the file does not define, naming the line', () => {
    const err = refused(ics(...vevent('UID:x', 'SUMMARY:Họp', 'DTSTART;TZID=Mars/Olympus_Mons:20261123T080000')));
    expect(err.line).toBe(7);
    expect(err.message).toContain('Dòng 7, sự kiện “Họp” (dòng 4)');
    expect(err.message).toContain('Mars/Olympus_Mons');
  });
});

describe('parseIcs: recurrence', () => {
  it('cuts a series at expandUntilMs and says so', () => {
    const r = parse(
      ics(...vevent('UID:weekly', 'SUMMARY:Giao ban', 'DTSTART:20261102T010000Z', 'DTEND:20261102T020000Z', 'RRULE:FREQ=WEEKLY')),
      utc('2026-11-30T16:59:59Z'), // end of 30/11 in Vietnam
    );
    expect(r.events.map((e) => new Date(e.startMs).toISOString().slice(0, 10))).toEqual([
      '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30',
    ]);
    expect(r.events.every((e) => e.uid === 'weekly' && e.recurrenceId === e.startMs)).toBe(true);
    expect(r.skipped).toEqual([
      { uid: 'weekly', title: 'Giao ban', line: 4, reason: 'Chỉ nhập các lần họp đến ngày 30/11/2026' },
    ]);
  });

  it('does not cut single events', () => {
    const r = parse(ics(...vevent('UID:later', 'SUMMARY:Họp', 'DTSTART:20351102T010000Z')), utc('2026-12-31T00:00:00Z'));
    expect(r.events).toHaveLength(1);
  });

  it('expands all-day series, RDATE and a DATE EXDATE', () => {
    const r = parse(
      ics(
        ...vevent(
          'UID:allday',
          'SUMMARY:Trực lãnh đạo',
          'DTSTART;VALUE=DATE:20261102',
          'RRULE:FREQ=DAILY;COUNT=3',
          'RDATE;VALUE=DATE:20261110',
          'EXDATE;VALUE=DATE:20261103',
        ),
      ),
    );
    expect(r.events.map((e) => [e.startMs, e.endMs, e.recurrenceId, e.allDay])).toEqual([
      [vnDay('2026-11-02'), vnDay('2026-11-03'), vnDay('2026-11-02'), true],
      [vnDay('2026-11-04'), vnDay('2026-11-05'), vnDay('2026-11-04'), true],
      [vnDay('2026-11-10'), vnDay('2026-11-11'), vnDay('2026-11-10'), true],
    ]);
  });

  it('ignores the dates ical.js would roll over (29 February in other years)', () => {
    const r = parse(
      ics(...vevent('UID:leap', 'SUMMARY:Ngày nhuận', 'DTSTART;VALUE=DATE:20240229', 'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29')),
      utc('2033-01-01T00:00:00Z'),
    );
    expect(r.events.map((e) => e.startMs)).toEqual([vnDay('2024-02-29'), vnDay('2028-02-29'), vnDay('2032-02-29')]);
  });

  it('refuses, quickly, a rule that never matches', () => {
    const t0 = Date.now();
    const err = refused(
      ics(...vevent('UID:never', 'SUMMARY:Không bao giờ', 'DTSTART:20260105T010000Z', 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30')),
    );
    expect(err.message).toContain('RRULE');
    expect(Date.now() - t0).toBeLessThan(15_000);
  });

  it('keeps an override whose series is not in the file as its own meeting', () => {
    const r = parse(
      ics(...vevent('UID:inv', 'SUMMARY:Một lần họp', 'RECURRENCE-ID:20261123T010000Z', 'DTSTART:20261124T010000Z', 'DTEND:20261124T020000Z')),
    );
    expect(r.events).toEqual([
      expect.objectContaining({ uid: 'inv', recurrenceId: utc('2026-11-23T01:00:00Z'), startMs: utc('2026-11-24T01:00:00Z') }),
    ]);
  });

  it('refuses more occurrences than maxEvents', () => {
    const err = refused(
      ics(...vevent('UID:many', 'SUMMARY:Họp', 'DTSTART:20261102T010000Z', 'RRULE:FREQ=DAILY;COUNT=50')),
      { maxEvents: 10 },
    );
    expect(err.message).toContain('quá nhiều');
    refused(ics(...vevent('UID:a', 'SUMMARY:A', 'DTSTART:20261102T010000Z'), ...vevent('UID:b', 'SUMMARY:B', 'DTSTART:20261103T010000Z')), {
      maxEvents: 1,
    });
  });
});

describe('parseIcs: other content', () => {
  it('skips components that are not events', () => {
    const r = parse(
      ics(
        'BEGIN:VTODO',
        'UID:todo-1',
        'SUMMARY:Nộp báo cáo',
        'END:VTODO',
        'BEGIN:VJOURNAL',
        'UID:j-1',
        'END:VJOURNAL',
        ...vevent('UID:e', 'SUMMARY:Họp', 'DTSTART:20261102T010000Z', 'DTEND:20261102T020000Z'),
      ),
    );
    expect(r.events).toHaveLength(1);
    expect(r.skipped).toEqual([
      { uid: 'todo-1', title: 'Nộp báo cáo', line: 4, reason: 'Không phải sự kiện lịch (VTODO)' },
      { uid: 'j-1', line: 8, reason: 'Không phải sự kiện lịch (VJOURNAL)' },
    ]);
  });

  it('gives an untitled event a title, and an end-less one an hour (or a day), with notes', () => {
    const r = parse(
      ics(
        ...vevent('UID:no-title', 'DTSTART:20261102T010000Z', 'DTEND:20261102T020000Z'),
        ...vevent('UID:no-end', 'SUMMARY:Không giờ kết thúc', 'DTSTART:20261103T010000Z'),
        ...vevent('UID:day', 'SUMMARY:Cả ngày', 'DTSTART;VALUE=DATE:20261104'),
      ),
    );
    const [a, b, c] = r.events;
    expect(a.title).toBe('(Không có tiêu đề)');
    expect(b.endMs - b.startMs).toBe(3600_000);
    expect([c.startMs, c.endMs]).toEqual([vnDay('2026-11-04'), vnDay('2026-11-05')]);
    expect(r.skipped.map((s) => [s.uid, s.reason])).toEqual([
      ['no-title', 'Sự kiện không có tiêu đề, đã đặt là “(Không có tiêu đề)”'],
      ['no-end', 'Không có giờ kết thúc, đã tạm tính thời lượng 1 giờ'],
    ]);
  });

  it('notes a defaulted end once per series, not per occurrence', () => {
    const r = parse(ics(...vevent('UID:s', 'SUMMARY:Họp', 'DTSTART:20261102T010000Z', 'RRULE:FREQ=DAILY;COUNT=5')));
    expect(r.events).toHaveLength(5);
    expect(r.events.every((e) => e.endMs - e.startMs === 3600_000)).toBe(true);
    expect(r.skipped).toHaveLength(1);
  });

  it('prefers X-VANPHONG-* over ORGANIZER, ATTENDEE and STATUS', () => {
    const r = parse(
      ics(
        ...vevent(
          'UID:x',
          'SUMMARY:Họp',
          'DTSTART:20261102T010000Z',
          'DTEND:20261102T020000Z',
          'STATUS:TENTATIVE',
          'X-VANPHONG-STATUS:hoan',
          'ORGANIZER;CN=Người khác:mailto:a@example.vn',
          'ATTENDEE;CN=Ai đó:mailto:b@example.vn',
          'X-VANPHONG-CHAIR:Nguyễn Văn A',
          'X-VANPHONG-PARTICIPANT:Phòng Tổ chức\\, Cán bộ',
          'X-VANPHONG-PARTICIPANT:Lê Thị B',
          'X-VANPHONG-PREPARE:Văn phòng',
          'X-VANPHONG-ROOM:Phòng họp 1',
        ),
      ),
    );
    expect(r.events[0]).toMatchObject({
      status: 'hoan',
      chair: 'Nguyễn Văn A',
      participants: ['Phòng Tổ chức, Cán bộ', 'Lê Thị B'],
      prepareUnit: 'Văn phòng',
      room: 'Phòng họp 1',
    });
  });

  it('accepts LF line endings, a BOM, blank lines and tab continuations; returns NFC', () => {
    // "Ho" + combining dot below: decomposed input. The folded line continues with a tab.
    const text = `\uFEFF${ics(...vevent('UID:lf', 'SUMMARY:Ho\u0323p gi', '\tao ban', 'DTSTART:20261102T010000Z'))
      .replace(/\r\n/g, '\n')
      .replace('SUMMARY', '\n\nSUMMARY')}`;
    const r = parse(text);
    expect(r.events[0].title).toBe('Họp giao ban'.normalize('NFC'));
    expect(r.events[0].title).toBe(r.events[0].title.normalize('NFC'));
  });
});

describe('parseIcs: refusals name the line and return nothing', () => {
  const event = ['UID:e1', 'SUMMARY:Họp giao ban', 'DTSTART:20261102T010000Z', 'DTEND:20261102T020000Z'];

  it('a broken line', () => {
    const err = refused(ics(...vevent(...event.slice(0, 2), 'đây không phải dòng iCalendar', ...event.slice(2))));
    expect(err.line).toBe(7);
    expect(err.message).toContain('Dòng 7');
  });

  it('a broken parameter and a continuation with nothing before it', () => {
    expect(refused(ics(...vevent(...event, 'ATTENDEE;CN:mailto:a@b.vn'))).line).toBe(9);
    expect(refused(` BEGIN:VCALENDAR\r\n${ics(...vevent(...event))}`).line).toBe(1);
  });

  it('a file that is not a calendar', () => {
    const err = refused('Xin chào\r\nđây là văn bản\r\n');
    expect(err.line).toBe(1);
    expect(err.message).toContain('BEGIN:VCALENDAR');
    refused('');
  });

  it('unbalanced BEGIN/END', () => {
    // END:VCALENDAR while VEVENT (line 4) is open.
    const missingEnd = refused(ics('BEGIN:VEVENT', ...event));
    expect(missingEnd.line).toBe(9);
    expect(missingEnd.message).toContain('dòng 4');
    // Truncated file: the unclosed BEGIN:VCALENDAR is named.
    const truncated = refused(['BEGIN:VCALENDAR', 'VERSION:2.0', ...vevent(...event)].join('\r\n'));
    expect(truncated.line).toBe(1);
    expect(truncated.message).toContain('END:VCALENDAR');
    // An END without BEGIN.
    expect(refused(ics(...vevent(...event), 'END:VEVENT')).line).toBe(10);
  });

  it('an event without UID', () => {
    const err = refused(ics(...vevent(...event.slice(1))));
    expect(err.line).toBe(4);
    expect(err.message).toContain('Họp giao ban');
    expect(err.message).toContain('UID');
  });

  it('an event without start, or ending before it starts', () => {
    expect(refused(ics(...vevent('UID:a', 'SUMMARY:Họp'))).message).toContain('DTSTART');
    const err = refused(ics(...vevent('UID:a', 'SUMMARY:Họp', 'DTSTART:20261102T010000Z', 'DTEND:20261102T000000Z')));
    expect(err.line).toBe(8);
    expect(err.message).toContain('DTEND');
    refused(ics(...vevent('UID:a', 'SUMMARY:Họp', 'DTSTART:20261102T010000Z', 'DURATION:-PT1H')));
  });

  it('invalid date values, naming their line', () => {
    expect(refused(ics(...vevent('UID:a', 'SUMMARY:Họp', 'DTSTART:20261340T010000Z'))).line).toBe(7);
    expect(refused(ics(...vevent('UID:a', 'SUMMARY:Họp', 'DTSTART:garbage'))).line).toBe(7);
    expect(refused(ics(...vevent('UID:a', 'SUMMARY:Họp', 'DTSTART:20261102T010000Z', 'RRULE:FREQ=SOMETIMES'))).line).toBe(8);
  });

  it('the same (UID, RECURRENCE-ID) twice', () => {
    const err = refused(ics(...vevent(...event), ...vevent(...event)));
    expect(err.message).toContain('e1');
    expect(err.message).toContain('dòng 4');
  });

  it('a file that is too big', () => {
    refused(new Uint8Array(ICS_MAX_BYTES + 1));
    const err = refused(ics(...vevent(...event, `DESCRIPTION:${'ạ'.repeat(ICS_MAX_BYTES / 3 + 1)}`)));
    expect(err.message).toContain('quá lớn');
  });

  it('a file that is not UTF-8, naming the line', () => {
    const head = Buffer.from('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:H', 'utf8');
    const latin1 = Buffer.from([0xf4, 0x70]); // "ôp" in Latin-1 / Windows-1258
    const tail = Buffer.from('\r\nDTSTART:20261102T010000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n', 'utf8');
    const err = refused(new Uint8Array(Buffer.concat([head, latin1, tail])));
    expect(err.line).toBe(5);
    expect(err.message).toContain('UTF-8');
    // A UTF-8 BOM is fine.
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(parse(new Uint8Array(Buffer.concat([bom, Buffer.from(ics(...vevent(...event)), 'utf8')]))).events).toHaveLength(1);
  });
});
