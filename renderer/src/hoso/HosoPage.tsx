// Placeholder replaced by the helper that owns this page.
export function HosoPage(_props: { id?: number }) {
  return null;
}
