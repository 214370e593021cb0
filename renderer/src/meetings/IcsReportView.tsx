import { Alert, Descriptions, Tag, Typography } from 'antd';
import type { IcsChange, IcsImportReport } from '../../../shared/meetings/schemas';
import { clashLine } from '../../../shared/meetings/clashes';
import { dateVN, hm } from '../../../shared/meetings/time';

/** Changes listed one by one; a year's file says the rest as a count. */
const SHOWN = 100;
const CHANGE_TAGS: Record<IcsChange['action'], { label: string; color: string }> = {
  create: { label: 'Thêm', color: 'green' },
  update: { label: 'Sửa', color: 'blue' },
  cancel: { label: 'Hủy', color: 'red' },
};

/** What an .ics file brings (dry run) or brought: new, updated, cancelled (each listed), unchanged, skipped with why, clashes, unknown names. */
export function IcsReportView({ report: r }: { report: IcsImportReport }) {
  return (
    <div data-testid="ics-report">
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        {r.dryRun ? 'Thử đọc tệp (chưa ghi gì)' : 'Đã nhập'}
        {r.calendarName ? ` — lịch «${r.calendarName}»` : ''}
        {r.fileName ? ` từ ${r.fileName}` : ''}:
      </Typography.Paragraph>
      <Descriptions
        size="small"
        bordered
        column={5}
        items={[
          { key: 'new', label: 'Mới', children: <b data-testid="ics-created">{r.created}</b> },
          { key: 'upd', label: 'Cập nhật', children: <b data-testid="ics-updated">{r.updated}</b> },
          { key: 'cancel', label: 'Hủy', children: <b data-testid="ics-cancelled">{r.cancelled}</b> },
          { key: 'same', label: 'Không đổi', children: r.unchanged },
          { key: 'skip', label: 'Bỏ qua', children: r.skipped.length },
        ]}
      />
      {r.changes.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>{r.dryRun ? 'Sẽ thay đổi' : 'Đã thay đổi'}:</Typography.Text>
          <ul data-testid="ics-changes" style={{ margin: '4px 0 0', paddingLeft: 18, maxHeight: 180, overflow: 'auto' }}>
            {r.changes.slice(0, SHOWN).map((c, i) => (
              <li key={i}>
                <Tag color={CHANGE_TAGS[c.action].color}>{CHANGE_TAGS[c.action].label}</Tag>«{c.title}» {c.allDay ? 'cả' : hm(c.start)} ngày {dateVN(c.start.slice(0, 10))}
                {c.reason ? <Typography.Text type="secondary"> — {c.reason}</Typography.Text> : null}
              </li>
            ))}
            {r.changes.length > SHOWN && <li>và {(r.changes.length - SHOWN).toLocaleString('vi-VN')} thay đổi khác</li>}
          </ul>
        </div>
      )}
      {r.skipped.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={`Bỏ qua ${r.skipped.length} mục`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 160, overflow: 'auto' }}>
              {r.skipped.map((s, i) => (
                <li key={i}>
                  {s.line ? `Dòng ${s.line}` : 'Không rõ dòng'}
                  {s.title ? ` «${s.title}»` : ''}: {s.reason}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {r.clashes.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="ics-clashes"
          title={`Trùng lịch: ${r.clashes.length} chỗ`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 160, overflow: 'auto' }}>
              {r.clashes.map((c, i) => (
                <li key={i}>{clashLine(c)}</li>
              ))}
            </ul>
          }
        />
      )}
      {r.unmatched.length > 0 && (
        <Alert type="info" showIcon style={{ marginTop: 12 }} title="Tên không có trong danh bạ (giữ nguyên như trong tệp)" description={r.unmatched.join('; ')} />
      )}
    </div>
  );
}
