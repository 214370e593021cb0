import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, App, AutoComplete, Button, Card, Input, InputNumber, Radio, Select, Space, Tag, Typography } from 'antd';
import { FilePdfOutlined, FileWordOutlined, InfoCircleOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { draftSchema, type DraftInput, type ProfileId } from '../../../shared/drafting/model';
import { describeSwitch, switchProfile } from '../../../shared/drafting/profile-switch';
import { sourceLine, type SourceRef } from '../../../shared/drafting/import-draft';
import type { RecipientList } from '../../../shared/recipients/schemas';
import { applyRecipients } from '../../../shared/recipients/apply';
import { useAuth, useCan } from '../auth/AuthGate';
import { PROFILES } from '../../../shared/drafting/profiles';
import { draftableTypes } from '../../../shared/drafting/templates';
import { SECRECIES, SECRECY_LABELS, URGENCIES, URGENCY_LABELS } from '../../../shared/domain/marks';
import { call, ApiFailure } from '../api/client';
import { download } from '../util/download';
import { navigate } from '../router';
import { BodyEditor } from './BodyEditor';
import { Field, errorsFromDetails, type FieldErrors } from './Field';
import { PdfPreview } from './PdfPreview';
import { DateField } from './DateField';
import { ImportSummary, type Recognised } from './ImportSummary';
import { draftAsText } from './draftText';
import { useStaleEdit } from '../util/StaleEdit';
import { useOrganisation } from '../settings/useOrganisation';
import { useUnsavedGuard } from '../util/unsavedForm';

type Recipient = NonNullable<DraftInput['recipients']>[number];

/** Nơi nhận as the văn thư types it: one recipient per line, an optional "(để b/c)" note at the end. */
export function recipientsToText(rs: Recipient[]): string {
  return rs
    .flatMap((r) => {
      const members = [r.text, ...(r.group ?? [])];
      return members.map((m, i) => (i === members.length - 1 && r.note ? `${m} (${r.note})` : m));
    })
    .join('\n');
}

export function textToRecipients(t: string): Recipient[] {
  return t
    .split('\n')
    .map((l) => l.trim().replace(/^[-–•]\s*/, '').replace(/[;.,]$/, '').trim())
    .filter(Boolean)
    .map((l) => {
      const m = /^(.*?)\s*\(([^()]+)\)$/.exec(l);
      return m && m[1] ? { text: m[1], note: m[2] } : { text: l };
    });
}

const lines = (t: string) =>
  t
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export function DraftEditor({
  id,
  initial,
  updatedAt,
  recognised,
  source,
  onSaved,
  top,
  readOnly = false,
}: {
  id?: number;
  initial: DraftInput;
  /** When the saved draft was read: sent with each save, so that a save over another desk's newer one is refused. */
  updatedAt?: string;
  recognised?: Recognised;
  /** A new draft from imported text: the number and date the source had (the draft itself has neither). */
  source?: SourceRef | null;
  onSaved(id: number): void;
  /** The workflow panel of a saved draft. */
  top?: ReactNode;
  /** Submitted, signed or issued: the text is frozen (the API refuses changes too). */
  readOnly?: boolean;
}) {
  const { me } = useAuth();
  const { message } = App.useApp();
  const canSave = useCan('drafts.save');
  const canApplyList = useCan('recipients.resolve');
  const organisation = useOrganisation();
  const [draft, setDraft] = useState<DraftInput>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [stale, setStale] = useState<string | null>(null);
  const [pdf, setPdf] = useState<Uint8Array | null>(null);
  const [pages, setPages] = useState<number | null>(null);
  const [rendering, setRendering] = useState(true);
  const [switched, setSwitched] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [orgs, setOrgs] = useState<string[]>([]);
  const [lists, setLists] = useState<RecipientList[]>([]);
  const [recipientText, setRecipientText] = useState(() => recipientsToText(initial.recipients ?? []));
  // A new draft made from pasted text is unsaved input from the start: leaving it would lose the import.
  const [saved, setSaved] = useState(id !== undefined || !recognised);
  const [base, setBase] = useState(updatedAt);
  const seq = useRef(0);
  // Another desk saved this draft first: keep what was typed; load the newer version only when asked.
  const conflict = useStaleEdit({
    mine: () => draftAsText(draft),
    async openLatest() {
      const d = await call('drafts.get', { id: id! });
      setDraft(d.draft);
      setRecipientText(recipientsToText(d.draft.recipients ?? []));
      setBase(d.updatedAt);
      setErrors({});
      setSaved(true);
    },
  });

  useEffect(() => {
    call('organizations.list', { limit: 500 }).then((o) => setOrgs(o.map((x) => x.name)), () => undefined);
    call('recipients.lists', {}).then(setLists, () => undefined);
  }, []);

  /** A saved Nơi nhận list: Kính gửi for Công văn and Tờ trình, else the list with its purposes, and the Lưu line. */
  async function applyList(listId: number) {
    try {
      const resolved = await call('recipients.resolve', { id: listId });
      const next = applyRecipients(draftSchema.parse({ ...draft, archive: [] }), resolved, me.unit);
      patch({ recipients: next.recipients, addressees: next.addressees, archive: next.archive });
      setRecipientText(recipientsToText(next.recipients));
    } catch (e) {
      if (e instanceof ApiFailure) {
        setErrors(errorsFromDetails(e.error.details));
        message.error(e.error.message);
      }
    }
  }

  // Unsaved input asks before the screen or the window is left, and is kept through a reload (util/unsavedForm).
  const guard = useUnsavedGuard<{ draft: DraftInput; recipientText: string }>({
    key: `drafting.${id ?? 'new'}`,
    // A submitted (read-only) text neither asks nor offers a draft: one kept from before waits until it may be edited.
    open: !readOnly,
    dirty: !saved && !readOnly,
    values: () => ({ draft, recipientText }),
    // A secret document's text is never left in the browser's storage (it may not be kept on a networked machine).
    persist: (draft.secrecy ?? 'thuong') === 'thuong',
    restore(v) {
      setDraft(v.draft);
      setRecipientText(v.recipientText);
      setSaved(false);
    },
  });

  const patch = useCallback((p: Partial<DraftInput>) => {
    setDraft((d) => ({ ...d, ...p }));
    setSaved(false);
  }, []);
  const sig = draft.signature;
  const setSig = (p: Partial<DraftInput['signature']>) => patch({ signature: { ...sig, ...p } });

  /** Another profile: its defaults where the user kept the old one's (profile-switch.ts), and say what changed. */
  function changeProfile(to: ProfileId) {
    const s = switchProfile(draft, to, organisation ? { profile: organisation.profile, titles: organisation.signers } : undefined);
    patch(s.draft);
    setSwitched(describeSwitch(s, to));
  }

  // Live preview: the PDF the export will write, re-rendered 400 ms after the last keystroke; a spinner until it is.
  useEffect(() => {
    const n = ++seq.current;
    setRendering(true);
    const t = setTimeout(() => {
      call('drafting.render', { draft, format: 'pdf' }).then(
        (r) => {
          if (n !== seq.current) return;
          setPdf(r.data);
          setPages(r.pageCount ?? null);
          setErrors({});
          setStale(null);
          setRendering(false);
        },
        (e) => {
          if (n !== seq.current) return;
          setRendering(false);
          if (e instanceof ApiFailure) {
            setErrors(errorsFromDetails(e.error.details));
            setStale(e.error.message);
          }
        },
      );
    }, 400);
    return () => clearTimeout(t);
  }, [draft]);

  async function save() {
    setBusy(true);
    try {
      const r = await call('drafts.save', { id, draft, expectedUpdatedAt: id !== undefined ? base : undefined });
      setBase(r.updatedAt);
      // Forgotten before onSaved navigates, so that leaving for the saved draft's address does not ask.
      guard.clear();
      setSaved(true);
      setErrors({});
      conflict.clear();
      message.success(`Đã lưu bản dự thảo số ${r.id}`);
      onSaved(r.id);
    } catch (e) {
      if (conflict.refused(e)) message.error((e as ApiFailure).error.message);
      else if (e instanceof ApiFailure) {
        setErrors(errorsFromDetails(e.error.details));
        message.error(e.error.message);
      }
    } finally {
      setBusy(false);
    }
  }

  async function exportAs(format: 'docx' | 'pdf') {
    try {
      const r = await call('drafting.render', { draft, format });
      download(r.fileName, r.mime, r.data);
      message.success(`Đã xuất ${r.fileName}`);
    } catch (e) {
      if (e instanceof ApiFailure) {
        setErrors(errorsFromDetails(e.error.details));
        message.error(e.error.message);
      }
    }
  }

  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        if (!readOnly && canSave) void save();
      }
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  });

  const profile = PROFILES[draft.profile];
  const isLetter = draft.docType === 'cong-van';
  const E = errors;

  return (
    <div className="vp-editor" data-testid="draft-editor">
      <div className="vp-editor-form">
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }}>
            {id ? `Bản dự thảo số ${id}` : 'Bản dự thảo mới'} {!saved && <Tag color="orange">Chưa lưu</Tag>}
          </Typography.Title>
          <Space>
            <Button onClick={() => guard.requestClose(() => navigate('/drafting'))}>Danh sách</Button>
            <Button icon={<FileWordOutlined />} onClick={() => void exportAs('docx')} data-testid="export-docx">
              Xuất Word
            </Button>
            <Button icon={<FilePdfOutlined />} onClick={() => void exportAs('pdf')} data-testid="export-pdf">
              Xuất PDF
            </Button>
            {!readOnly && canSave && (
              <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void save()} data-testid="save-draft">
                Lưu (Ctrl+S)
              </Button>
            )}
          </Space>
        </Space>
        {top}
        {conflict.alert}
        {readOnly && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="Văn bản đã trình: nội dung được giữ nguyên như khi trình. Chỉ người soạn sửa được khi văn bản bị trả lại." data-testid="read-only" />}
        {recognised && <ImportSummary recognised={recognised} />}
        <Card size="small" title="Thể thức và loại văn bản" style={{ marginBottom: 12 }}>
          <Space wrap align="start">
            <Field label="Thể thức" path="profile" errors={E}>
              <Radio.Group
                value={draft.profile}
                onChange={(e) => changeProfile(e.target.value)}
                options={[
                  { value: 'state', label: 'Nhà nước (NĐ 30)' },
                  { value: 'party', label: 'Đảng (HD 36)' },
                ]}
                optionType="button"
                data-testid="f-profile"
              />
            </Field>
            <Field label="Tên loại" path="docType" errors={E} width={200}>
              <Select value={draft.docType} onChange={(docType) => patch({ docType })} options={draftableTypes(draft.profile).map((t) => ({ value: t.code, label: t.name }))} showSearch={{ optionFilterProp: 'label' }} data-testid="f-type" />
            </Field>
            <Field label="Độ mật" path="secrecy" errors={E} width={130}>
              <Select value={draft.secrecy ?? 'thuong'} onChange={(secrecy) => patch({ secrecy })} options={SECRECIES.map((s) => ({ value: s, label: SECRECY_LABELS[s] }))} />
            </Field>
            <Field label="Độ khẩn" path="urgency" errors={E} width={130}>
              <Select value={draft.urgency ?? 'thuong'} onChange={(urgency) => patch({ urgency })} options={URGENCIES.map((u) => ({ value: u, label: URGENCY_LABELS[u] }))} />
            </Field>
          </Space>
          {switched && <Alert type="info" showIcon closable onClose={() => setSwitched(null)} title={switched} data-testid="profile-switched" />}
        </Card>

        <Card size="small" title="Cơ quan, số, ngày" style={{ marginBottom: 12 }}>
          <div className="vp-grid2">
            <Field label="Cơ quan chủ quản (nếu có)" path="parentOrgan" errors={E}>
              <Input value={draft.parentOrgan ?? ''} onChange={(e) => patch({ parentOrgan: e.target.value })} data-testid="f-parentOrgan" />
            </Field>
            <Field label="Cơ quan ban hành (xuống dòng bằng Enter)" path="organ" errors={E}>
              <AutoComplete
                style={{ width: '100%' }}
                value={draft.organ}
                onChange={(organ: string) => patch({ organ })}
                options={orgs.filter((o) => o.toLowerCase().includes(draft.organ.toLowerCase())).slice(0, 20).map((o) => ({ value: o }))}
              >
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} data-testid="f-organ" />
              </AutoComplete>
            </Field>
            <Field label="Chữ viết tắt cơ quan" path="organAbbr" errors={E}>
              <Input value={draft.organAbbr ?? ''} onChange={(e) => patch({ organAbbr: e.target.value })} placeholder="UBND, BTVLMHTXVN, ĐU" data-testid="f-organAbbr" />
            </Field>
            {isLetter && draft.profile === 'state' ? (
              <Field label="Chữ viết tắt đơn vị soạn thảo" path="unitAbbr" errors={E}>
                <Input value={draft.unitAbbr ?? ''} onChange={(e) => patch({ unitAbbr: e.target.value })} placeholder="VP, VX" />
              </Field>
            ) : (
              <Field label="Ký hiệu (để trống: tự ghép theo thể thức)" path="notation" errors={E}>
                <Input value={draft.notation ?? ''} onChange={(e) => patch({ notation: e.target.value })} />
              </Field>
            )}
            <Field label="Số (để trống khi chưa cấp số)" path="number" errors={E}>
              <InputNumber style={{ width: '100%' }} min={1} value={draft.number ?? null} onChange={(v) => patch({ number: typeof v === 'number' ? v : null })} aria-label="Số" data-testid="f-number" />
            </Field>
            <Field label="Ngày ban hành (để trống khi chưa ký)" path="date" errors={E}>
              <DateField value={draft.date ?? null} onChange={(date) => patch({ date })} label="Ngày ban hành" testId="f-date" />
            </Field>
            {source && (
              <Typography.Text type="secondary" style={{ gridColumn: '1 / -1', marginTop: -4, marginBottom: 6 }} data-testid="source-ref">
                <InfoCircleOutlined /> {sourceLine(source)} — bản dự thảo để trống số và ngày; văn thư cấp khi phát hành.
              </Typography.Text>
            )}
            <Field label="Địa danh" path="place" errors={E}>
              <Input value={draft.place} onChange={(e) => patch({ place: e.target.value })} data-testid="f-place" />
            </Field>
          </div>
        </Card>

        <Card size="small" title="Trích yếu, căn cứ, kính gửi" style={{ marginBottom: 12 }}>
          <Field label={isLetter ? 'Trích yếu (in sau «V/v»)' : 'Trích yếu'} path="subject" errors={E}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} value={draft.subject ?? ''} onChange={(e) => patch({ subject: e.target.value })} data-testid="f-subject" />
          </Field>
          {(draft.docType === 'quyet-dinh' || draft.competence) && (
            <Field label="Thẩm quyền ban hành (in giữa, chữ in hoa, trên các căn cứ)" path="competence" errors={E}>
              <Input value={draft.competence ?? ''} onChange={(e) => patch({ competence: e.target.value })} placeholder="Giám đốc Sở Nội vụ" data-testid="f-competence" />
            </Field>
          )}
          <Field label="Căn cứ (mỗi dòng một căn cứ)" path="bases" errors={E}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} value={(draft.bases ?? []).join('\n')} onChange={(e) => patch({ bases: lines(e.target.value) })} />
          </Field>
          <Field label={`${profile.addresseeLabelByType[draft.docType] ?? profile.addresseeLabel} (mỗi dòng một nơi)`} path="addressees" errors={E}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} value={(draft.addressees ?? []).join('\n')} onChange={(e) => patch({ addressees: lines(e.target.value) })} data-testid="f-addressees" />
          </Field>
        </Card>

        <Card size="small" title="Nội dung" style={{ marginBottom: 12 }}>
          <BodyEditor body={draft.body ?? []} onChange={(body) => patch({ body })} errors={E} />
        </Card>

        <Card
          size="small"
          title="Phụ lục (mỗi phụ lục sang trang mới, đánh số trang riêng)"
          style={{ marginBottom: 12 }}
          extra={
            <Button size="small" icon={<PlusOutlined />} onClick={() => patch({ appendices: [...(draft.appendices ?? []), { title: '', body: [{ kind: 'paragraph', text: '' }] }] })} data-testid="add-appendix">
              Thêm phụ lục
            </Button>
          }
        >
          {(draft.appendices ?? []).length === 0 && <Typography.Text type="secondary">Không có phụ lục.</Typography.Text>}
          {(draft.appendices ?? []).map((a, i) => {
            const set = (na: typeof a) => patch({ appendices: (draft.appendices ?? []).map((x, j) => (j === i ? na : x)) });
            return (
              <div key={i} style={{ marginBottom: 12 }} data-testid="appendix">
                <Space style={{ width: '100%' }} align="start">
                  <Field label={`Tên phụ lục ${i + 1}`} path={`appendices.${i}.title`} errors={E} width={420}>
                    <Input value={a.title} onChange={(e) => set({ ...a, title: e.target.value })} data-testid="appendix-title" />
                  </Field>
                  <Button danger size="small" style={{ marginTop: 20 }} onClick={() => patch({ appendices: (draft.appendices ?? []).filter((_, j) => j !== i) })}>
                    Bỏ phụ lục
                  </Button>
                </Space>
                <BodyEditor body={a.body} onChange={(body) => set({ ...a, body })} errors={E} pathPrefix={`appendices.${i}.body`} />
              </div>
            );
          })}
        </Card>

        <Card size="small" title="Người ký và nơi nhận" style={{ marginBottom: 12 }}>
          <div className="vp-grid2">
            <Field label="Quyền hạn ký" path="signature.authority" errors={E}>
              <Select
                style={{ width: '100%' }}
                value={sig.authority ?? ''}
                onChange={(authority) => setSig({ authority })}
                options={[{ value: '', label: '(ký trực tiếp)' }, ...profile.authorities.map((a) => ({ value: a, label: a }))]}
                data-testid="f-authority"
              />
            </Field>
            <Field label="Thay mặt / ký thay cho" path="signature.onBehalfOf" errors={E}>
              <Input value={sig.onBehalfOf ?? ''} onChange={(e) => setSig({ onBehalfOf: e.target.value })} placeholder="BAN THƯỜNG VỤ, ỦY BAN NHÂN DÂN, GIÁM ĐỐC" data-testid="f-onBehalfOf" />
            </Field>
            <Field label="Chức vụ" path="signature.title" errors={E}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} value={sig.title} onChange={(e) => setSig({ title: e.target.value })} data-testid="f-title" />
            </Field>
            <Field label="Họ và tên" path="signature.name" errors={E}>
              <Input value={sig.name} onChange={(e) => setSig({ name: e.target.value })} data-testid="f-name" />
            </Field>
          </div>
          {lists.length > 0 && !readOnly && canApplyList && (
            <Field label="Danh sách nơi nhận đã lưu" path="" errors={E}>
              <Select
                placeholder="Chọn danh sách để điền nơi nhận, kính gửi và dòng Lưu"
                options={lists.map((l) => ({ value: l.id, label: `${l.name} (${l.entries.length})`, title: l.name }))}
                onChange={(v: number) => void applyList(v)}
                value={null}
                data-testid="f-recipient-list"
              />
            </Field>
          )}
          <Field label="Nơi nhận (mỗi dòng một nơi; ghi chú trong ngoặc, ví dụ «Sở Tư pháp (để b/c)»)" path="recipients" errors={E}>
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 10 }}
              value={recipientText}
              onChange={(e) => {
                setRecipientText(e.target.value);
                patch({ recipients: textToRecipients(e.target.value) });
              }}
              data-testid="f-recipients"
            />
          </Field>
          <div className="vp-grid2">
            <Field label={`Lưu (${draft.profile === 'state' ? 'VT, đơn vị soạn thảo' : 'nơi lưu'}; cách nhau bằng dấu phẩy)`} path="archive" errors={E}>
              <Input value={(draft.archive ?? []).join(', ')} onChange={(e) => patch({ archive: e.target.value.split(',').map((s) => s.trim()).filter(Boolean) })} data-testid="f-archive" />
            </Field>
            <Space>
              <Field label="Ký hiệu người soạn thảo" path="drafterMark" errors={E}>
                <Input value={draft.drafterMark ?? ''} onChange={(e) => patch({ drafterMark: e.target.value })} />
              </Field>
              <Field label="Số bản" path="copies" errors={E}>
                <InputNumber min={1} value={draft.copies ?? null} onChange={(v) => patch({ copies: typeof v === 'number' ? v : null })} />
              </Field>
            </Space>
          </div>
        </Card>
      </div>
      <div className="vp-editor-preview">
        <div className="vp-preview-bar">
          Bản xem trước {pages !== null && <span data-testid="preview-pages">· {pages} trang</span>}
          {stale && (
            <Typography.Text type="danger" style={{ marginLeft: 8 }} data-testid="preview-stale">
              Chưa cập nhật: {stale}
            </Typography.Text>
          )}
        </div>
        {pdf || !stale ? (
          <PdfPreview data={pdf} width={560} busy={rendering} />
        ) : (
          <Typography.Paragraph style={{ color: '#e5e7eb', marginTop: 24, textAlign: 'center' }} data-testid="preview-failed">
            Chưa dựng được bản xem trước: sửa các ô báo lỗi bên trái.
          </Typography.Paragraph>
        )}
      </div>
    </div>
  );
}
