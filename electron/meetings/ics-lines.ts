import ICAL from 'ical.js';

/**
 * The first stage of reading an iCalendar file (see ics-import.ts): bytes to text, our own line scan, then ical.js's
 * parse, with the line of every component and property remembered so that later refusals can name it.
 */

/** A reason to refuse the whole file. The message is Vietnamese and shown to the user as is. */
export class IcsError extends Error {
  line?: number;
  constructor(message: string, line?: number) {
    super(message);
    this.name = 'IcsError';
    if (line !== undefined) this.line = line;
  }
}

/** A busy office's year (20,000 meetings) exports to about 12 MB; 32 MB leaves room and refuses a runaway file. */
export const ICS_MAX_BYTES = 32 * 1024 * 1024;
const MAX_DEPTH = 10;

export type Component = InstanceType<typeof ICAL.Component>;
export type Property = InstanceType<typeof ICAL.Property>;

/**
 * The VCALENDARs of a file, parsed by ical.js, and the line of every component and property (keyed by its jCal
 * array). Throws IcsError, naming the line, on anything malformed.
 */
export function parseCalendars(text: string | Uint8Array): { calendars: Component[]; lines: Map<object, number> } {
  const scan = scanLines(decodeInput(text));
  const lines = new Map<object, number>();
  const calendars = parseWithIcalJs(scan, lines);
  return { calendars, lines };
}

// ---------------------------------------------------------------------------------------------------------------
// Bytes → text

function decodeInput(input: string | Uint8Array): string {
  if (typeof input === 'string') {
    // Every UTF-16 unit is at least one UTF-8 byte: the cheap test first, the exact count only when it matters.
    if (input.length > ICS_MAX_BYTES || utf8Length(input) > ICS_MAX_BYTES) throw tooBig();
    return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  }
  if (input.byteLength > ICS_MAX_BYTES) throw tooBig();
  let bytes = input;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const line = lineOfInvalidUtf8(bytes);
    throw new IcsError(
      `Tệp lịch không phải văn bản UTF-8 (lỗi mã hóa ở dòng ${line}). Hãy xuất lại tệp .ics với mã hóa UTF-8.`,
      line,
    );
  }
}

/** UTF-8 length of a string (no Buffer: this module also runs outside Node). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4; // a surrogate pair
      i++;
    } else n += 3;
  }
  return n;
}

function tooBig(): IcsError {
  return new IcsError(`Tệp lịch quá lớn (tối đa ${ICS_MAX_BYTES / 1024 / 1024} MB).`);
}

/** 1-based line of the first byte sequence that is not well-formed UTF-8 (RFC 3629). */
function lineOfInvalidUtf8(b: Uint8Array): number {
  let line = 1;
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c === 0x0a) line++;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [need, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [need, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [need, min] = [3, 0x10000];
    else return line;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return line;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return line;
    i += need + 1;
  }
  return line;
}

// ---------------------------------------------------------------------------------------------------------------
// Line scan: our own validation, so that every refusal names a line

interface LogicalLine {
  text: string;
  line: number;
}
interface ScannedComponent {
  name: string;
  line: number;
  propLines: number[];
  children: ScannedComponent[];
}
interface Scan {
  /** The physical lines ical.js gets: the file without blank lines, CRLF-joined. ical.js unfolds them itself. */
  icalText: string;
  logical: LogicalLine[];
  roots: ScannedComponent[];
}

const PARAM_NAME = /[A-Za-z0-9-]+=/y;
// RFC 5545 §3.1: quoted-string = DQUOTE *QSAFE-CHAR DQUOTE; paramtext = *SAFE-CHAR (no CTL, DQUOTE, ";", ":", ",").
const PARAM_VALUE = /"[^"\x00-\x08\x0a-\x1f\x7f]*"|[^";:,\x00-\x08\x0a-\x1f\x7f]*/y;
const NAME = /[A-Za-z0-9-]+/y;

/** Splits "NAME;P=v,"w";Q=x:value" into name and value; null when the line is not a content line. */
function splitContentLine(s: string): { name: string; value: string } | null {
  NAME.lastIndex = 0;
  if (!NAME.test(s)) return null;
  const name = s.slice(0, NAME.lastIndex);
  let i = NAME.lastIndex;
  while (s[i] === ';') {
    PARAM_NAME.lastIndex = i + 1;
    if (!PARAM_NAME.test(s)) return null;
    i = PARAM_NAME.lastIndex;
    for (;;) {
      PARAM_VALUE.lastIndex = i;
      PARAM_VALUE.test(s); // the empty alternative always matches
      i = PARAM_VALUE.lastIndex;
      if (s[i] !== ',') break;
      i++;
    }
  }
  if (s[i] !== ':') return null;
  return { name, value: s.slice(i + 1) };
}

function scanLines(text: string): Scan {
  const physical = text.split(/\r\n|\n|\r/);
  const kept: string[] = [];
  const logical: LogicalLine[] = [];
  for (let i = 0; i < physical.length; i++) {
    const raw = physical[i];
    if (raw === '') continue; // blank lines (a trailing newline, blank separators) carry nothing
    if (raw[0] === ' ' || raw[0] === '\t') {
      const prev = logical[logical.length - 1];
      if (!prev) throw notCalendar(i + 1);
      prev.text += raw.slice(1);
    } else {
      logical.push({ text: raw, line: i + 1 });
    }
    kept.push(raw);
  }
  if (logical.length === 0) throw new IcsError('Tệp lịch trống.');

  const roots: ScannedComponent[] = [];
  const stack: ScannedComponent[] = [];
  for (const { text: s, line } of logical) {
    const cl = splitContentLine(s);
    const keyword = cl?.name.toUpperCase();
    if (stack.length === 0 && !(keyword === 'BEGIN' && cl?.value.trim().toUpperCase() === 'VCALENDAR')) {
      if (roots.length === 0) throw notCalendar(line);
      throw new IcsError(`Dòng ${line}: nội dung nằm ngoài khối BEGIN:VCALENDAR … END:VCALENDAR.`, line);
    }
    if (!cl) {
      throw new IcsError(
        `Dòng ${line}: dòng sai cấu trúc iCalendar (cần dạng TÊN;tham-số=giá-trị:nội-dung, hoặc dòng tiếp nối bắt đầu bằng dấu cách): “${preview(s)}”.`,
        line,
      );
    }
    if (keyword === 'BEGIN' || keyword === 'END') {
      const comp = cl.value.trim().toUpperCase();
      if (!/^[A-Z0-9-]+$/.test(comp)) {
        throw new IcsError(`Dòng ${line}: ${keyword} thiếu tên thành phần hợp lệ: “${preview(s)}”.`, line);
      }
      if (keyword === 'BEGIN') {
        if (stack.length >= MAX_DEPTH) throw new IcsError(`Dòng ${line}: các thành phần lồng nhau quá sâu.`, line);
        const node: ScannedComponent = { name: comp, line, propLines: [], children: [] };
        (stack.length ? stack[stack.length - 1].children : roots).push(node);
        stack.push(node);
      } else {
        const open = stack.pop();
        if (!open) throw new IcsError(`Dòng ${line}: END:${comp} không có BEGIN:${comp} tương ứng.`, line);
        if (open.name !== comp) {
          throw new IcsError(
            `Dòng ${line}: END:${comp} không khớp với BEGIN:${open.name} ở dòng ${open.line}.`,
            line,
          );
        }
      }
    } else {
      stack[stack.length - 1].propLines.push(line);
    }
  }
  const unclosed = stack[stack.length - 1];
  if (unclosed) {
    throw new IcsError(
      `Dòng ${unclosed.line}: BEGIN:${unclosed.name} không có END:${unclosed.name} tương ứng (tệp bị cắt cụt?).`,
      unclosed.line,
    );
  }
  return { icalText: kept.join('\r\n'), logical, roots };
}

function notCalendar(line: number): IcsError {
  return new IcsError(
    `Tệp không phải lịch iCalendar (.ics): dòng ${line} phải là BEGIN:VCALENDAR.`,
    line,
  );
}

function preview(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

// ---------------------------------------------------------------------------------------------------------------
// ical.js parse, and the line of every component / property

function parseWithIcalJs(scan: Scan, lines: Map<object, number>): Component[] {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(scan.icalText);
  } catch {
    throw locateValueError(scan.logical);
  }
  const jcals = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : parsed) as unknown[][];
  const comps = jcals.map((j) => new ICAL.Component(j));
  comps.forEach((c, i) => recordLines(c, scan.roots[i], lines));
  return comps;
}

/** ical.js refused a value: find which line by parsing the lines one by one (only on this error path). */
function locateValueError(logical: LogicalLine[]): IcsError {
  for (const { text, line } of logical) {
    if (/^(BEGIN|END)[:;]/i.test(text)) continue;
    try {
      ICAL.parse.property(text);
    } catch {
      const name = splitContentLine(text)?.name.toUpperCase() ?? '';
      return new IcsError(`Dòng ${line}: giá trị của ${name} không hợp lệ: “${preview(text)}”.`, line);
    }
  }
  return new IcsError('Tệp lịch có nội dung không hợp lệ, không đọc được.');
}

/** Pairs ical.js's tree with the scan (same order, same counts) and remembers lines by jCal array identity. */
function recordLines(comp: Component, scanned: ScannedComponent | undefined, lines: Map<object, number>): void {
  if (!scanned) return;
  lines.set(comp.jCal, scanned.line);
  const props = comp.getAllProperties();
  if (props.length === scanned.propLines.length) props.forEach((p, i) => lines.set(p.jCal, scanned.propLines[i]));
  const subs = comp.getAllSubcomponents();
  if (subs.length === scanned.children.length) subs.forEach((s, i) => recordLines(s, scanned.children[i], lines));
}
