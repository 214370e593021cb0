import { Alert } from 'antd';

/** What the text import recognised, and what it warns about: shown above a new draft made from pasted text. */
export interface Recognised {
  lines: string[];
  warnings: string[];
}

/** "Cơ quan ban hành: SỞ NỘI VỤ" → label and value; a line without a label is all value. */
function split(line: string): [string, string] {
  const i = line.indexOf(': ');
  return i > 0 && i < 40 ? [line.slice(0, i), line.slice(i + 2)] : ['', line];
}

/**
 * The recognised parts as a two-column grid of label and value, each value wrapping inside its own cell: the earlier
 * CSS `columns: 2` list let long lines and the second column's bullets run over each other.
 */
export function ImportSummary({ recognised }: { recognised: Recognised }) {
  return (
    <Alert
      type={recognised.warnings.length ? 'warning' : 'info'}
      showIcon
      closable
      style={{ marginBottom: 12 }}
      title="Kết quả nhận dạng văn bản: kiểm tra và sửa trước khi lưu"
      description={
        <div data-testid="recognised">
          <dl style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: '2px 24px', margin: '4px 0', fontSize: 13 }}>
            {recognised.lines.map((l) => {
              const [label, value] = split(l);
              return (
                <div key={l} style={{ minWidth: 0, overflowWrap: 'anywhere' }} data-testid="recognised-item">
                  {label && <dt style={{ display: 'inline', fontWeight: 600 }}>{label}: </dt>}
                  <dd style={{ display: 'inline', margin: 0 }}>{value}</dd>
                </div>
              );
            })}
          </dl>
          {recognised.warnings.map((w) => (
            <div key={w} style={{ overflowWrap: 'anywhere' }}>
              ⚠ {w}
            </div>
          ))}
        </div>
      }
    />
  );
}
