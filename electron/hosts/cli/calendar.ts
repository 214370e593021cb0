import { AppError } from '../../../shared/api/result';
import { CALENDAR_KIND_LABELS, CALENDAR_KINDS, type CalendarKind } from '../../../shared/calendar/schemas';
import { formatDateVN } from '../../../shared/domain/dates';
import { WEEKDAY_NAMES } from '../../../shared/meetings/time';
import { int, parse, str } from './args';
import { printJson } from './output';
import { call, withApp } from './session';

/** `vanphong calendar`: the working-days calendar (ngày nghỉ lễ, nghỉ bù, làm bù) from the command line. */
export async function calendarCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'list' || sub === undefined) {
    const { values } = parse(rest, { year: { type: 'string' } });
    await withApp(values, async (app) => {
      const y = await call(app, 'calendar.list', { year: int(values.year, 'Năm') });
      if (values.json) return printJson(y);
      if (!y.days.length) return console.log(`Chưa có lịch nghỉ lễ năm ${y.year}: chỉ tính thứ Bảy, Chủ nhật. Thêm bằng «vanphong calendar set YYYY-MM-DD --kind nghi --name "TÊN"».`);
      for (const d of y.days) console.log(`${formatDateVN(d.day)}  ${WEEKDAY_NAMES[d.weekday].padEnd(9)} ${CALENDAR_KIND_LABELS[d.kind].padEnd(12)} ${d.name}`);
      console.log(`Năm ${y.year} có ${y.workingDays} ngày làm việc.`);
    });
    return;
  }
  if (sub === 'set') {
    const { values, positionals } = parse(rest, { kind: { type: 'string' }, name: { type: 'string' } });
    const kind = str(values.kind);
    if (!positionals[0] || !kind || !str(values.name)) throw new AppError('VALIDATION', 'Dùng: vanphong calendar set YYYY-MM-DD --kind nghi|lam-bu --name "TÊN"');
    if (!(CALENDAR_KINDS as readonly string[]).includes(kind)) throw new AppError('VALIDATION', '--kind phải là nghi (ngày nghỉ) hoặc lam-bu (làm bù).', { field: 'kind' });
    await withApp(values, async (app) => {
      const d = await call(app, 'calendar.set', { day: positionals[0], kind: kind as CalendarKind, name: str(values.name) as string });
      if (values.json) printJson(d);
      else console.log(`Đã ghi ${CALENDAR_KIND_LABELS[d.kind].toLowerCase()} ${WEEKDAY_NAMES[d.weekday]} ${formatDateVN(d.day)}: ${d.name}.`);
    });
    return;
  }
  if (sub === 'remove') {
    const { values, positionals } = parse(rest, {});
    if (!positionals[0]) throw new AppError('VALIDATION', 'Dùng: vanphong calendar remove YYYY-MM-DD');
    await withApp(values, async (app) => {
      const r = await call(app, 'calendar.remove', { day: positionals[0] });
      if (values.json) printJson(r);
      else console.log(`Đã bỏ ngày ${formatDateVN(positionals[0])} khỏi lịch nghỉ lễ.`);
    });
    return;
  }
  throw new AppError('VALIDATION', `Lệnh «calendar ${sub}» không có. Dùng: list, set, remove.`);
}
