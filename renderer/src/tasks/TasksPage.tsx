// Placeholder replaced by the helper that owns this page.
export function TasksPage(_props: { id?: number }) {
  return null;
}
