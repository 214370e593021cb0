// Placeholder replaced by the helper that owns this page.
export function InboxPage(_props: { id?: number }) {
  return null;
}
