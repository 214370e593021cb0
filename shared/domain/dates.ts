/** Dates travel as ISO strings "YYYY-MM-DD" (calendar dates, no time zone) and are shown as dd/MM/yyyy. */
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

export function formatDateVN(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = ISO_DATE.exec(iso.slice(0, 10));
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** Parses dd/MM/yyyy (or d/M/yyyy) typed by a user into ISO; null when impossible. */
export function parseDateVN(s: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(s);
  if (!m) return null;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return isValidIsoDate(iso) ? iso : null;
}

/** Today's date in Vietnam (Asia/Ho_Chi_Minh, UTC+7, no DST) for a given instant. */
export function todayInVietnam(now: Date): string {
  const t = new Date(now.getTime() + 7 * 3600_000);
  return t.toISOString().slice(0, 10);
}

/** An instant as a Vietnamese office reads it, "09:05 24/11/2026", in Vietnam time whatever the computer's zone. */
export function formatDateTimeVN(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString();
  return `${t.slice(11, 16)} ${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)}`;
}

/** An instant in ISO 8601 with the Vietnam offset, "2020-03-05T14:30:15+07:00" (ND30 Phụ lục I, II.8 for attachments). */
export function isoInVietnam(d: Date): string {
  return `${new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
}

/** ND30 Phụ lục I, II.4: "ngày 05 tháng 01 năm 2020": days below 10 and months 1–2 take a leading zero. */
export function formatDateLongVN(iso: string): string {
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  const month = Number(m[2]);
  return `ngày ${m[3]} tháng ${month <= 2 ? m[2] : String(month)} năm ${m[1]}`;
}
