import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** Server validation errors by model path ("signature.authority", "body.3.text"). */
export type FieldErrors = Record<string, string>;

/** A label, its control and the server's Vietnamese message for that model path, right under it. */
export function Field({ label, path, errors, children, width, grow }: { label: string; path: string; errors: FieldErrors; children: ReactNode; width?: number | string; grow?: boolean }) {
  const error = errors[path];
  return (
    <div style={{ marginBottom: 10, width, flex: grow ? 1 : undefined, minWidth: 0 }} data-field={path}>
      {label && <div style={{ fontSize: 12, color: '#4b5563', marginBottom: 2 }}>{label}</div>}
      {children}
      {error && (
        <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`error-${path}`}>
          {error}
        </Typography.Text>
      )}
    </div>
  );
}

/** Turns the API's validation details into a path → message map (the model sits under "draft."). */
export function errorsFromDetails(details: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (!Array.isArray(details)) return out;
  for (const d of details as { path?: string; message?: string }[]) {
    if (!d?.path || !d.message) continue;
    const path = d.path.replace(/^draft\./, '');
    out[path] ??= d.message;
  }
  return out;
}
