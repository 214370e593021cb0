import { useEffect } from 'react';

/** Keyboard shortcuts for the văn thư's daily work. */
export const SHORTCUTS: [string, string][] = [
  ['Ctrl + N / Alt + N', 'Vào sổ văn bản đến mới'],
  ['Ctrl + K hoặc /', 'Tìm kiếm'],
  ['Ctrl + Enter', 'Lưu biểu mẫu đang mở; trong soạn thảo: thêm khối nội dung bên dưới'],
  ['Ctrl + S', 'Lưu bản dự thảo'],
  ['Alt + ↑ / ↓', 'Chuyển khối nội dung lên, xuống'],
  ['Ctrl + Delete', 'Xóa khối nội dung'],
  ['Esc', 'Đóng cửa sổ đang mở'],
];

export function useShortcuts(handlers: { newIncoming(): void; focusSearch(): void }): void {
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
      const key = e.key.toLowerCase();
      if ((e.ctrlKey || e.metaKey || e.altKey) && key === 'n') {
        e.preventDefault();
        handlers.newIncoming();
      } else if (((e.ctrlKey || e.metaKey) && key === 'k') || (key === '/' && !typing)) {
        e.preventDefault();
        handlers.focusSearch();
      }
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, [handlers]);
}

/**
 * Esc closes the panel even when the focus is outside it (after a save, the focus is on the page body, where
 * antd's own Esc handling does not reach). `active` must be false while a dialog on top of the panel is open.
 */
export function useEscape(active: boolean, close: () => void): void {
  useEffect(() => {
    if (!active) return;
    const on = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      close();
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, [active, close]);
}
