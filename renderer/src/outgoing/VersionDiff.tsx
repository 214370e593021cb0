import { Typography } from 'antd';
import { foldUnchanged, type DiffLine, type Segment, type SectionDiff } from '../../../shared/drafting/version-diff';

const STYLE: Record<DiffLine['op'], { background?: string; mark: string; label: string }> = {
  same: { mark: ' ', label: '' },
  add: { background: '#e6f4ea', mark: '+', label: 'Thêm dòng: ' },
  del: { background: '#fdecea', mark: '−', label: 'Bỏ dòng: ' },
  change: { background: '#fff8e1', mark: '~', label: 'Sửa dòng: ' },
};

/** Read by a screen reader, not shown: whether a line was added or removed is not told by colour alone. */
const SR_ONLY = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

/** The words of a line edited: removed ones struck through on red, added ones on green, the rest as they were. */
function Words({ words }: { words: Segment[] }) {
  return (
    <>
      {words.map((w, i) =>
        w.op === 'del' ? (
          <del key={i} style={{ background: '#f5b7b1', textDecorationColor: '#b91c1c' }}>
            <span style={SR_ONLY}>[bỏ: </span>
            {w.text}
            <span style={SR_ONLY}>]</span>
          </del>
        ) : w.op === 'add' ? (
          <ins key={i} style={{ background: '#a8dab5', textDecoration: 'none' }}>
            <span style={SR_ONLY}>[thêm: </span>
            {w.text}
            <span style={SR_ONLY}>]</span>
          </ins>
        ) : (
          <span key={i}>{w.text}</span>
        ),
      )}
    </>
  );
}

function Line({ line }: { line: DiffLine }) {
  const st = STYLE[line.op];
  const Tag = line.op === 'add' ? 'ins' : line.op === 'del' ? 'del' : 'span';
  return (
    <div style={{ display: 'flex', gap: 6, background: st.background, padding: '1px 6px', color: line.op === 'same' ? '#6b7280' : '#111827' }} data-testid={`diff-${line.op}`}>
      <span aria-hidden style={{ width: 10, flex: 'none', fontFamily: 'monospace' }}>
        {st.mark}
      </span>
      <Tag style={{ textDecoration: line.op === 'del' ? 'line-through' : 'none', overflowWrap: 'anywhere', minWidth: 0 }}>
        {st.label && <span style={SR_ONLY}>{st.label}</span>}
        {line.op === 'change' && line.words ? <Words words={line.words} /> : line.text}
      </Tag>
    </div>
  );
}

/** The sections that changed between two versions, unchanged runs folded, removed lines red and added ones green. */
export function VersionDiff({ diff }: { diff: SectionDiff[] }) {
  if (diff.length === 0) return <Typography.Text type="secondary">Nội dung hai phiên bản giống nhau.</Typography.Text>;
  return (
    <div data-testid="version-diff" style={{ fontSize: 13 }}>
      {diff.map((s) => (
        <section key={s.label} style={{ marginBottom: 12 }} data-testid="diff-section">
          <div style={{ fontWeight: 600, marginBottom: 2 }}>
            {s.label}{' '}
            <Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 12 }}>
              ({[s.changed && `sửa ${s.changed} dòng`, s.added && `thêm ${s.added} dòng`, s.removed && `bỏ ${s.removed} dòng`].filter(Boolean).join(', ')})
            </Typography.Text>
          </div>
          <div style={{ border: '1px solid #e5e7eb', borderRadius: 4, overflow: 'hidden' }}>
            {foldUnchanged(s.lines).map((l, i) =>
              l.op === 'skip' ? (
                <div key={i} style={{ padding: '1px 22px', color: '#9ca3af', fontStyle: 'italic', background: '#f9fafb' }}>
                  … {l.count} dòng không đổi
                </div>
              ) : (
                <Line key={i} line={l} />
              ),
            )}
          </div>
        </section>
      ))}
    </div>
  );
}
