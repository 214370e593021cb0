/**
 * The new `updated_at` of a row being changed, as an SQL expression over the row's stored value and one parameter,
 * the time of the change (ISO 8601 in UTC with milliseconds, as `app.nowIso()` gives it): that time, or 1 ms after
 * the stored value when the clock has not passed it (two saves in the same millisecond, a fixed test clock, a clock
 * set back). Every change thus moves `updated_at` forward, and a client's `expectedUpdatedAt` read before a change
 * never matches the record after it. A stored value that is not a date (none is written so) leaves the time as given.
 */
export function nextUpdatedAt(param = '?'): string {
  return `max(${param}, coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0.001 seconds'), ''))`;
}
