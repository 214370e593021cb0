import type { KeyboardEvent } from 'react';
import { Button, DatePicker, Space, Tooltip } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';

/**
 * A date that may be left empty (a draft's ngày ban hành: the văn thư gives it at issuance). It clears with the
 * keyboard — Delete or Backspace in the field empties it whole — and with a visible, named button beside it, not only
 * with antd's × that appears on hover.
 */
export function DateField({ value, onChange, label, testId }: { value: string | null; onChange(v: string | null): void; label: string; testId: string }) {
  const clear = () => onChange(null);
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if ((e.key === 'Delete' || e.key === 'Backspace') && value && (e.target as HTMLElement).tagName === 'INPUT') {
      e.preventDefault();
      e.stopPropagation();
      clear();
    }
  }
  return (
    <div onKeyDownCapture={onKeyDown}>
      <Space.Compact style={{ width: '100%' }}>
        <DatePicker
          format="DD/MM/YYYY"
          placeholder="Chọn ngày"
          style={{ width: '100%' }}
          allowClear
          value={value ? dayjs(value) : null}
          onChange={(v) => onChange(v ? v.format('YYYY-MM-DD') : null)}
          aria-label={label}
          data-testid={testId}
        />
        <Tooltip title="Xóa ngày (phím Delete)">
          <Button icon={<CloseOutlined />} onClick={clear} disabled={!value} aria-label={`Xóa ${label.toLowerCase()}`} data-testid={`${testId}-clear`} />
        </Tooltip>
      </Space.Compact>
    </div>
  );
}
