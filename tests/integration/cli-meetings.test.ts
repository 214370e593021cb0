import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, tempDir } from '../helpers/app';
import { CLI_PASSWORD, CLI_USER, provisionedDataDir, root, run, vanphong } from '../helpers/cli';
import { has } from '../helpers/tools';

const havePdftotext = has('pdftotext', ['-v']);
if (!havePdftotext) console.log('[cli-meetings] pdftotext (poppler-utils) is not installed: the weekly PDF is checked by size only');

beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.mjs'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
});

interface ListedMeeting {
  uid: string;
  recurrenceId: number | null;
  title: string;
  content: string;
  startMs: number;
  endMs: number;
  allDay: boolean;
  status: string;
  location: string;
  room: { name: string } | null;
  chair: { name: string } | null;
  participants: { name: string }[];
  prepareUnit: string;
}

/** What a person compares between two calendars: the instants and the text. */
const comparable = (m: ListedMeeting) => ({
  uid: m.uid,
  recurrenceId: m.recurrenceId,
  title: m.title,
  content: m.content,
  startMs: m.startMs,
  endMs: m.endMs,
  allDay: m.allDay,
  status: m.status,
  where: m.room?.name ?? m.location,
  chair: m.chair?.name ?? null,
  participants: m.participants.map((p) => p.name),
  prepareUnit: m.prepareUnit,
});

const WEEK = ['--from', '2026-11-23', '--to', '2026-11-29', '--json'];

describe('vanphong CLI: meetings, a week from entry to a second data folder', () => {
  // The office's data folder, and a second one the week's .ics goes into (it has the room already, by name).
  let dir: string;
  let dir2: string;
  let files: string;
  let ics: string;
  const v = (args: string[], d = dir) => vanphong([...args, '--data-dir', d]);
  const ok = (args: string[], d = dir) => {
    const r = v(args, d);
    expect(r.code, `${args.join(' ')}\n${r.err}`).toBe(0);
    return r.out;
  };
  const listWeek = (d: string) => (JSON.parse(ok(['meetings', 'list', ...WEEK], d)) as ListedMeeting[]).map(comparable);

  beforeAll(async () => {
    dir = await provisionedDataDir('vanphong-cli-meet-');
    dir2 = await provisionedDataDir('vanphong-cli-meet2-', async (app, tester) => {
      await call(app, 'rooms.save', { name: 'Phòng họp số 1' }, tester);
    });
    files = tempDir('vanphong-cli-meet-files-');
    ics = path.join(files, 'tuan-48.ics');
  });

  it('adds a leader, two rooms, the letterhead and the week: single, all-day and weekly meetings', () => {
    const made = run(['users', 'add', 'chutich', '--role', 'lanhdao', '--full-name', 'Nguyễn Văn An', '--title', 'Chủ tịch', '--password-stdin', '--data-dir', dir], { VANPHONG_USER: CLI_USER, VANPHONG_PASSWORD: CLI_PASSWORD }, 'mat-khau-chu-tich');
    expect(made.code, made.err).toBe(0);
    ok(['rooms', 'add', 'Phòng họp số 1', '--capacity', '30']);
    ok(['rooms', 'add', 'Hội trường tầng 3']);
    const rooms = ok(['rooms', 'list']);
    expect(rooms).toContain('Phòng họp số 1');
    expect(rooms).toContain('Hội trường tầng 3');
    ok(['meetings', 'settings', '--parent-organ', 'Ủy ban nhân dân tỉnh Bắc Ninh', '--organ', 'Văn phòng', '--abbr', 'VP', '--place', 'Bắc Ninh', '--whose', 'của Lãnh đạo Ủy ban nhân dân tỉnh', '--signer-title', 'Chánh Văn phòng', '--signer-name', 'Hoàng Văn Em', '--recipient', 'Thường trực Tỉnh ủy', '--recipient', 'Các sở, ban, ngành']);

    ok(['meetings', 'add', '--title', 'Giao ban Lãnh đạo UBND tỉnh', '--start', '2026-11-23T08:00', '--end', '2026-11-23T10:00', '--room', 'Phòng họp số 1', '--chair', 'Nguyễn Văn An', '--participants', 'Người Thử Nghiệm', '--content', 'Nghe báo cáo, cho ý kiến; thống nhất chương trình tuần', '--status', 'chinh-thuc']);
    ok(['meetings', 'add', '--title', 'Tiếp công dân định kỳ', '--start', '2026-11-25T14:00', '--end', '2026-11-25T17:00', '--location', 'Trụ sở Tiếp công dân tỉnh', '--chair', 'chutich']);
    ok(['meetings', 'add', '--title', 'Hội nghị tổng kết năm', '--start', '2026-11-27T00:00', '--end', '2026-11-27T00:00', '--all-day', '--room', 'Hội trường tầng 3', '--prepare', 'Sở Nội vụ']);
    ok(['meetings', 'add', '--title', 'Giao ban tuần', '--start', '2026-11-24T07:30', '--end', '2026-11-24T08:30', '--room', 'Hội trường tầng 3', '--repeat', 'weekly', '--until', '2026-12-15']);
  });

  it('refuses a clash naming what it clashes with, an unknown room or person and an end before the start; accepts a clash with a reason', () => {
    const clash = v(['meetings', 'add', '--title', 'Họp Ban Chỉ đạo', '--start', '2026-11-23T09:00', '--end', '2026-11-23T11:00', '--room', 'Phòng họp số 1']);
    expect(clash.code).not.toBe(0);
    expect(clash.err).toContain('Phòng họp số 1 đã có «Giao ban Lãnh đạo UBND tỉnh» 08:00–10:00 ngày 23/11/2026');
    expect(v(['meetings', 'add', '--title', 'X', '--start', '2026-11-23T09:00', '--end', '2026-11-23T10:00', '--room', 'Phòng không có']).err).toContain('Không có phòng họp «Phòng không có»');
    expect(v(['meetings', 'add', '--title', 'X', '--start', '2026-11-23T09:00', '--end', '2026-11-23T10:00', '--chair', 'Ai Đó']).err).toContain('Không có người «Ai Đó»');
    expect(v(['meetings', 'add', '--title', 'X', '--start', '2026-11-23T09:00', '--end', '2026-11-23T08:00']).err).toContain('Thời gian kết thúc phải sau thời gian bắt đầu');
    const forced = ok(['meetings', 'add', '--title', 'Họp Ban Chỉ đạo', '--start', '2026-11-23T09:00', '--end', '2026-11-23T11:00', '--room', 'Phòng họp số 1', '--allow-conflict', '--reason', 'Dùng chung phòng, giao ban kết thúc sớm']);
    expect(forced).toContain('vẫn xếp dù trùng');
  });

  it('lists the week, five meetings, the accepted clash marked with its reason', () => {
    const week = ok(['meetings', 'week', '2026-W48']);
    expect(week.trim().split('\n')).toHaveLength(5);
    expect(week).toContain('[trùng lịch: Dùng chung phòng, giao ban kết thúc sớm]');
  });

  it('exports the week as .ics (never a floating time, folded lines), .pdf with the letterhead and .docx', () => {
    expect(ok(['meetings', 'week', '2026-W48', '--out', ics])).toContain('5 cuộc họp');
    const text = fs.readFileSync(ics, 'utf8');
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).not.toMatch(/DTSTART:\d{8}T\d{6}\r\n/);
    expect(text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);

    const pdf = path.join(files, 'tuan-48.pdf');
    ok(['meetings', 'week', '2026-W48', '--out', pdf]);
    ok(['meetings', 'week', '2026-W48', '--out', path.join(files, 'tuan-48.docx')]);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    if (havePdftotext) {
      const t = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
      expect(t).toContain('LỊCH CÔNG TÁC TUẦN 48');
      expect(t).toContain('từ ngày 23/11/2026 đến ngày 29/11/2026');
      expect(t).toContain('Giao ban Lãnh đạo UBND');
      expect(t).toContain('Làm việc tại cơ quan');
      expect(t).toContain('CHÁNH VĂN PHÒNG');
      expect(t).toContain('Hoàng Văn Em');
    }
  });

  it('imports the .ics into the second data folder: a dry run writes nothing, then the same instants and text, then nothing changes', () => {
    expect(ok(['meetings', 'import', ics, '--dry-run'], dir2)).toContain('Thử nhập (chưa ghi gì): 5 mới');
    expect(JSON.parse(ok(['meetings', 'list', ...WEEK], dir2))).toEqual([]);
    expect(ok(['meetings', 'import', ics, '--allow-conflict', '--reason', 'Chép lịch từ máy văn thư'], dir2)).toContain('Đã nhập: 5 mới, 0 cập nhật, 0 không đổi');
    expect(listWeek(dir2)).toEqual(listWeek(dir));
    expect(ok(['meetings', 'import', ics], dir2)).toContain('0 mới, 0 cập nhật, 5 không đổi');
  });

  it('refuses a broken .ics whole, naming the line', () => {
    const broken = path.join(files, 'hong.ics');
    fs.writeFileSync(broken, 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x@y\r\nthis line is broken\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n');
    const bad = v(['meetings', 'import', broken], dir2);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/Dòng 5: dòng sai cấu trúc/);
  });

  it('makes a Giấy mời draft from a meeting', () => {
    const first = (JSON.parse(ok(['meetings', 'list', '--from', '2026-11-23', '--to', '2026-11-23', '--json'])) as { id: number }[])[0];
    expect(ok(['meetings', 'invite', String(first.id)])).toMatch(/Đã tạo dự thảo Giấy mời số \d+/);
  });

  it('sets a meeting’s status, asking the reason for hoãn; a series ended earlier elsewhere is cancelled, listed first by a dry run', () => {
    const week = JSON.parse(ok(['meetings', 'list', ...WEEK])) as (ListedMeeting & { id: number })[];
    const visit = week.find((m) => m.title === 'Tiếp công dân định kỳ')!;
    const noReason = v(['meetings', 'status', String(visit.id), '--status', 'hoan']);
    expect(noReason.code).not.toBe(0);
    expect(noReason.err).toContain('Cần ghi lý do hoãn hoặc hủy');
    expect(v(['meetings', 'status', String(visit.id), '--status', 'tam-dung']).err).toContain('--status phải là du-kien, chinh-thuc, hoan hoặc huy');
    expect(ok(['meetings', 'status', String(visit.id), '--status', 'hoan', '--reason', 'Lãnh đạo đi công tác'])).toContain('Đã chuyển sang «Hoãn» (lý do: Lãnh đạo đi công tác)');
    expect((JSON.parse(ok(['meetings', 'list', ...WEEK])) as ListedMeeting[]).find((m) => m.title === visit.title)?.status).toBe('hoan');

    // The weekly series (24/11 to 15/12) leaves as one master; a copy ending two weeks earlier comes back.
    const series = path.join(files, 'giao-ban-tuan.ics');
    ok(['meetings', 'export', '--from', '2026-11-23', '--to', '2026-12-31', '--out', series]);
    const text = fs.readFileSync(series, 'utf8');
    expect(text).toContain('RRULE:FREQ=WEEKLY;UNTIL=20261215T003000Z');
    const shorter = path.join(files, 'giao-ban-tuan-ngan.ics');
    fs.writeFileSync(shorter, text.replace('UNTIL=20261215T003000Z', 'UNTIL=20261201T003000Z'));
    const dry = ok(['meetings', 'import', shorter, '--dry-run']);
    expect(dry).toContain('Thử nhập (chưa ghi gì): 0 mới, 0 cập nhật, 2 hủy');
    expect(dry).toMatch(/hủy #\d+ «Giao ban tuần» 07:30 ngày 08\/12\/2026: Không còn trong chuỗi lịch của tệp «giao-ban-tuan-ngan\.ics»/);
    expect(dry).toMatch(/hủy #\d+ «Giao ban tuần» 07:30 ngày 15\/12\/2026/);
    expect(ok(['meetings', 'import', shorter])).toContain('Đã nhập: 0 mới, 0 cập nhật, 2 hủy');
    const december = JSON.parse(ok(['meetings', 'list', '--from', '2026-12-01', '--to', '2026-12-31', '--json'])) as ListedMeeting[];
    expect(december.map((m) => `${new Date(m.startMs).toISOString().slice(0, 10)} ${m.status}`)).toEqual(['2026-12-01 du-kien', '2026-12-08 huy', '2026-12-15 huy']);
  });
});
