import { Typography } from 'antd';

/** "Nhập sổ cũ" (#/import): an old register (Excel, CSV, a folder or ZIP of scans) brought in (issue 18). */
export function ImportPage() {
  return (
    <div data-testid="import-page">
      <Typography.Title level={4}>Nhập sổ cũ</Typography.Title>
    </div>
  );
}
