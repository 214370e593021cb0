import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Input, Space } from 'antd';
import { CopyOutlined, ReloadOutlined } from '@ant-design/icons';
import { ApiFailure } from '../api/client';
import { showError } from '../api/errors';

/**
 * Optimistic concurrency on screen: a save carries the updatedAt the form read; when another desk saved first the
 * server refuses it (CONFLICT on `expectedUpdatedAt`) naming who and when. The form keeps the user's input; the
 * newer record is loaded only when the user asks, and then the user's own text stays visible (and is copied to
 * the clipboard) so they can merge it into the newer version.
 */
export const isStaleEdit = (e: unknown): e is ApiFailure => e instanceof ApiFailure && e.error.code === 'CONFLICT' && e.error.field === 'expectedUpdatedAt';

/** Puts text on the clipboard; false when the browser refuses (no permission, not a secure context). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}

interface Stale {
  /** The server's message: who saved last and when. */
  message: string;
  /** The user's text, kept once the newer record was opened over it. */
  mine: string | null;
  copied: boolean;
}

/**
 * `refused(e)` takes a save's error and returns true when it was a stale edit (the alert then shows); `alert` is
 * the element to place above the form; `clear()` hides it (after a successful save, or when the form reopens).
 * `mine()` gives the user's current input as text; `openLatest()` loads the newer record into the form.
 */
export function useStaleEdit(opts: { mine(): string; openLatest(): Promise<void> }): { refused(e: unknown): boolean; alert: ReactNode; clear(): void } {
  const { message } = App.useApp();
  const [stale, setStale] = useState<Stale | null>(null);
  const [busy, setBusy] = useState(false);

  const refused = (e: unknown) => {
    if (!isStaleEdit(e)) return false;
    setStale({ message: e.error.message, mine: null, copied: false });
    return true;
  };

  async function copyMine(text: string) {
    const ok = await copyText(text);
    if (ok) message.success('Đã chép bản của bạn vào bộ nhớ tạm.');
    else message.warning('Trình duyệt không cho chép vào bộ nhớ tạm: hãy bôi đen và chép bằng Ctrl+C.');
    return ok;
  }

  async function openLatest() {
    const mine = opts.mine();
    setBusy(true);
    try {
      const copied = await copyText(mine);
      await opts.openLatest();
      setStale((s) => s && { ...s, mine, copied });
    } catch (e) {
      showError(e, (t) => message.error(t));
    } finally {
      setBusy(false);
    }
  }

  let alert: ReactNode = null;
  if (stale && stale.mine === null) {
    alert = (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        data-testid="stale-edit"
        title={stale.message}
        description={
          <Space wrap style={{ marginTop: 4 }}>
            <Button size="small" icon={<CopyOutlined />} onClick={() => void copyMine(opts.mine())} data-testid="stale-copy">
              Chép bản của tôi
            </Button>
            <Button size="small" type="primary" icon={<ReloadOutlined />} loading={busy} onClick={() => void openLatest()} data-testid="stale-open-latest">
              Mở bản mới nhất
            </Button>
          </Space>
        }
      />
    );
  } else if (stale) {
    alert = (
      <Alert
        type="info"
        showIcon
        closable={{ onClose: () => setStale(null) }}
        style={{ marginBottom: 12 }}
        data-testid="stale-mine"
        title={`Đã mở bản mới nhất. Bản của bạn chưa được lưu, giữ ở dưới đây${stale.copied ? ' và đã chép vào bộ nhớ tạm' : ''}: gộp phần cần giữ vào bản mới rồi lưu.`}
        description={
          <>
            <Input.TextArea readOnly value={stale.mine ?? ''} autoSize={{ minRows: 3, maxRows: 12 }} style={{ marginTop: 4 }} data-testid="stale-mine-text" />
            <Button size="small" icon={<CopyOutlined />} style={{ marginTop: 6 }} onClick={() => void copyMine(stale.mine ?? '')}>
              Chép lại
            </Button>
          </>
        }
      />
    );
  }
  return { refused, alert, clear: () => setStale(null) };
}
