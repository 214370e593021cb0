import { useEffect, useState } from 'react';
import { Form, Select, type FormInstance } from 'antd';
import type dayjs from 'dayjs';
import type { ReservedNumbers } from '../../../shared/outgoing/schemas';
import { formatDateVN } from '../../../shared/domain/dates';
import { call } from '../api/client';

/**
 * Giữ số in the issue dialog: the numbers still reserved in the book and year the document would be issued in, to take
 * one instead of the next number. Shown only when the book has some; the API checks the choice again.
 */
export function ReservedNumberField({ id, form }: { id: number; form: FormInstance }) {
  const book = Form.useWatch<string | undefined>('book', form);
  const date = Form.useWatch<dayjs.Dayjs | undefined>('date', form);
  const [reserved, setReserved] = useState<ReservedNumbers | null>(null);
  const day = date?.format('YYYY-MM-DD');

  useEffect(() => {
    let live = true;
    call('outgoing.reservedNumbers', { id, book: book || undefined, date: day }).then(
      (r) => {
        if (!live) return;
        setReserved(r);
        const chosen = form.getFieldValue('reservedNumber') as number | undefined;
        if (chosen !== undefined && !r.numbers.some((n) => n.number === chosen)) form.setFieldValue('reservedNumber', undefined);
      },
      () => live && setReserved(null),
    );
    return () => {
      live = false;
    };
  }, [id, book, day, form]);

  if (!reserved?.numbers.length) return null;
  return (
    <Form.Item
      name="reservedNumber"
      label="Dùng số đã giữ"
      extra={`Để trống: cấp số tiếp theo của sổ «${reserved.book}». Số đã giữ được dùng một lần; lý do giữ số được ghi lại.`}
    >
      <Select
        allowClear
        placeholder="Không dùng số đã giữ"
        data-testid="wf-reserved"
        options={reserved.numbers.map((n) => ({
          value: n.number,
          label: `Số ${String(n.number).padStart(2, '0')} — giữ ngày ${formatDateVN(n.reservedOn)}${n.reason ? `: ${n.reason}` : ''}`,
        }))}
      />
    </Form.Item>
  );
}
