import { Alert, Descriptions, Typography } from 'antd';
import type { IcsImportReport } from '../../../shared/meetings/schemas';
import { clashLine } from '../../../shared/meetings/clashes';

/** What an .ics file brings (dry run) or brought: new, updated, unchanged, skipped with why, clashes, unknown names. */
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
        column={4}
        items={[
          { key: 'new', label: 'Mới', children: <b data-testid="ics-created">{r.created}</b> },
          { key: 'upd', label: 'Cập nhật', children: <b data-testid="ics-updated">{r.updated}</b> },
          { key: 'same', label: 'Không đổi', children: r.unchanged },
          { key: 'skip', label: 'Bỏ qua', children: r.skipped.length },
        ]}
      />
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
