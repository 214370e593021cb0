import type { KeyboardEvent } from 'react';
import { Button, Checkbox, Input, Select, Space, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { DraftInput } from '../../../shared/drafting/model';
import { Field, type FieldErrors } from './Field';

type BlockIn = NonNullable<DraftInput['body']>[number];
type Kind = BlockIn['kind'];

const KINDS: { value: Kind; label: string }[] = [
  { value: 'heading', label: 'Đề mục (I., Chương, Điều)' },
  { value: 'item', label: 'Mục đánh số (1., 1.1., a))' },
  { value: 'bullet', label: 'Gạch đầu dòng (-, +)' },
  { value: 'paragraph', label: 'Đoạn văn' },
  { value: 'activity', label: 'Hoạt động (kế hoạch)' },
  { value: 'table', label: 'Bảng' },
];

export function emptyBlock(kind: Kind): BlockIn {
  switch (kind) {
    case 'heading':
      return { kind, level: 'section', number: '', text: '' };
    case 'item':
      return { kind, label: '1.', text: '', bold: false };
    case 'bullet':
      return { kind, marker: '-', text: '' };
    case 'paragraph':
      return { kind, text: '' };
    case 'activity':
      return { kind, title: '', content: '', time: '', place: '', lead: '', participants: '' };
    case 'table':
      return { kind, rows: [['Nội dung', 'Thời gian', 'Đơn vị chủ trì']], header: true };
  }
}

/** Table rows typed as lines, cells separated by "|". */
const tableToText = (rows: string[][]) => rows.map((r) => r.join(' | ')).join('\n');
const textToTable = (t: string) =>
  t
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => l.split('|').map((c) => c.trim()));

const ACTIVITY_FIELDS: [keyof Extract<BlockIn, { kind: 'activity' }>, string][] = [
  ['content', 'Nội dung'],
  ['time', 'Thời gian'],
  ['place', 'Địa điểm'],
  ['host', 'Đơn vị đăng cai'],
  ['lead', 'Đơn vị chủ trì'],
  ['participants', 'Đơn vị thực hiện, phối hợp'],
];

/**
 * The structured body: one row per block. Keys: Ctrl+Enter adds a block of the same kind below, Alt+↑/↓ moves the
 * block, Ctrl+Delete removes it.
 */
export function BodyEditor({ body, onChange, errors, pathPrefix = 'body' }: { body: BlockIn[]; onChange(b: BlockIn[]): void; errors: FieldErrors; pathPrefix?: string }) {
  const set = (i: number, b: BlockIn) => onChange(body.map((x, j) => (j === i ? b : x)));
  const insert = (i: number, b: BlockIn) => onChange([...body.slice(0, i + 1), b, ...body.slice(i + 1)]);
  const remove = (i: number) => onChange(body.filter((_, j) => j !== i));
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= body.length) return;
    const next = [...body];
    [next[i], next[j]] = [next[j], next[i]];
    onChange(next);
  };
  const keys = (i: number) => (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      insert(i, emptyBlock(body[i].kind));
    } else if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      move(i, e.key === 'ArrowUp' ? -1 : 1);
    } else if ((e.ctrlKey || e.metaKey) && e.key === 'Delete') {
      e.preventDefault();
      remove(i);
    }
  };

  return (
    <div data-testid={pathPrefix === 'body' ? 'body-editor' : 'appendix-body'}>
      {body.map((b, i) => (
        <div key={i} className="vp-block" data-testid="body-block" onKeyDown={keys(i)}>
          <Space style={{ marginBottom: 6 }} wrap>
            <Select
              size="small"
              style={{ width: 230 }}
              value={b.kind}
              options={KINDS}
              onChange={(k: Kind) => set(i, { ...emptyBlock(k), ...('text' in b && k !== 'table' && k !== 'activity' ? { text: b.text } : {}) } as BlockIn)}
              data-testid="block-kind"
            />
            <Tooltip title="Lên (Alt+↑)">
              <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label="Lên" />
            </Tooltip>
            <Tooltip title="Xuống (Alt+↓)">
              <Button size="small" icon={<ArrowDownOutlined />} disabled={i === body.length - 1} onClick={() => move(i, 1)} aria-label="Xuống" />
            </Tooltip>
            <Tooltip title="Thêm khối dưới (Ctrl+Enter)">
              <Button size="small" icon={<PlusOutlined />} onClick={() => insert(i, emptyBlock(b.kind))} aria-label="Thêm khối" data-testid="block-add" />
            </Tooltip>
            <Tooltip title="Xóa khối (Ctrl+Delete)">
              <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(i)} aria-label="Xóa khối" />
            </Tooltip>
          </Space>
          <BlockFields block={b} path={`${pathPrefix}.${i}`} errors={errors} onChange={(nb) => set(i, nb)} />
        </div>
      ))}
      <Space wrap>
        {KINDS.map((k) => (
          <Button key={k.value} size="small" icon={<PlusOutlined />} onClick={() => onChange([...body, emptyBlock(k.value)])} data-testid={`add-${k.value}`}>
            {k.label.split(' (')[0]}
          </Button>
        ))}
      </Space>
    </div>
  );
}

function BlockFields({ block: b, path, errors, onChange }: { block: BlockIn; path: string; errors: FieldErrors; onChange(b: BlockIn): void }) {
  const text = (value: string, set: (v: string) => void, rows = 2) => (
    <Input.TextArea autoSize={{ minRows: 1, maxRows: rows * 6 }} value={value} onChange={(e) => set(e.target.value)} data-testid="block-text" />
  );
  switch (b.kind) {
    case 'heading':
      return (
        <div className="vp-row-fields">
          <Select
            style={{ width: 130 }}
            value={b.level ?? 'section'}
            onChange={(level) => onChange({ ...b, level })}
            options={[
              { value: 'part', label: 'Phần/Chương' },
              { value: 'section', label: 'Mục La Mã' },
              { value: 'article', label: 'Điều' },
            ]}
          />
          <Input style={{ width: 90 }} placeholder="I" value={b.number ?? ''} onChange={(e) => onChange({ ...b, number: e.target.value })} data-testid="block-number" />
          <Field label="" path={`${path}.text`} errors={errors} grow>
            {text(b.text, (v) => onChange({ ...b, text: v }))}
          </Field>
        </div>
      );
    case 'item':
      return (
        <div className="vp-row-fields">
          <Field label="" path={`${path}.label`} errors={errors} width={80}>
            <Input value={b.label} onChange={(e) => onChange({ ...b, label: e.target.value })} data-testid="block-label" />
          </Field>
          <Field label="" path={`${path}.text`} errors={errors} grow>
            {text(b.text, (v) => onChange({ ...b, text: v }))}
          </Field>
          <Checkbox checked={b.bold ?? false} onChange={(e) => onChange({ ...b, bold: e.target.checked })}>
            Đậm
          </Checkbox>
        </div>
      );
    case 'bullet':
      return (
        <div className="vp-row-fields">
          <Select style={{ width: 60 }} value={b.marker ?? '-'} onChange={(marker) => onChange({ ...b, marker })} options={['-', '+', '•'].map((m) => ({ value: m, label: m }))} />
          <Field label="" path={`${path}.text`} errors={errors} grow>
            {text(b.text, (v) => onChange({ ...b, text: v }))}
          </Field>
        </div>
      );
    case 'paragraph':
      return (
        <Field label="" path={`${path}.text`} errors={errors}>
          {text(b.text, (v) => onChange({ ...b, text: v }), 4)}
        </Field>
      );
    case 'table':
      return (
        <Field label="Mỗi dòng một hàng, các ô cách nhau bằng «|»; hàng đầu là tiêu đề" path={`${path}.rows`} errors={errors}>
          <Input.TextArea autoSize={{ minRows: 2 }} value={tableToText(b.rows)} onChange={(e) => onChange({ ...b, rows: textToTable(e.target.value) })} />
        </Field>
      );
    case 'activity':
      return (
        <div>
          <Field label="Tên hoạt động" path={`${path}.title`} errors={errors}>
            {text(b.title ?? '', (v) => onChange({ ...b, title: v }))}
          </Field>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 8 }}>
            {ACTIVITY_FIELDS.map(([k, label]) => (
              <Field key={k} label={label} path={`${path}.${k}`} errors={errors}>
                <Input value={(b[k] as string | undefined) ?? ''} onChange={(e) => onChange({ ...b, [k]: e.target.value })} data-testid={`activity-${k}`} />
              </Field>
            ))}
          </div>
        </div>
      );
  }
}
