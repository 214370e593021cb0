import { useCallback, useEffect, useRef, useState, type Dispatch, type ReactNode, type SetStateAction } from 'react';
import { Alert, Button, Space, Spin, Tag, Tooltip, Typography, Upload, type FormInstance, type UploadFile } from 'antd';
import { FileSearchOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { INTAKE_MAX_BYTES, type IntakeProgress, type IntakeProposal } from '../../../shared/intake/schemas';
import { ApiFailure, call } from '../api/client';
import { markLook, prefillFrom, readOnlyLines, PREFILL_FIELDS, type PrefillField, type PrefillMarks } from './prefill';

/**
 * The registration form's file drop (issue 16): a file dropped here, or chosen with «Đọc từ tệp», is attached as the
 * attachments field attaches files, and read by the host (intake.extract) into the fields the văn thư left empty,
 * each marked with how sure the reading is. A scan takes seconds a page: its progress is shown and it can be stopped.
 * Nothing is registered until Lưu.
 */

/** Files larger than this are attached but not read (the host refuses them too). */
const MAX_READ_BYTES = INTAKE_MAX_BYTES;
const ACCEPT = '.pdf,.docx,.png,.jpg,.jpeg,.tif,.tiff,.eml,.txt,.md';
const ATTACHABLE = /\.(pdf|docx|png|jpe?g|tiff?)$/i;

/** The marks of prefilled fields, and the label that shows a field's mark beside its name. */
export function usePrefillMarks() {
  const [marks, setMarks] = useState<PrefillMarks>({});
  const label = useCallback(
    (name: PrefillField, text: string): ReactNode => {
      const m = marks[name];
      if (!m) return text;
      const look = markLook(m);
      return (
        <Space size={6}>
          {text}
          <Tooltip title={look.tooltip}>
            <Tag color={look.low ? 'orange' : 'blue'} data-testid={`autofill-${name}`} data-confidence={m.confidence} style={{ marginInlineEnd: 0 }}>
              {look.text}
            </Tag>
          </Tooltip>
        </Space>
      );
    },
    [marks],
  );
  /** The văn thư changed these fields: they are theirs now, no longer marked. */
  const touched = useCallback((changed: Record<string, unknown>) => {
    const names = Object.keys(changed).filter((k): k is PrefillField => (PREFILL_FIELDS as readonly string[]).includes(k));
    if (names.length) setMarks((m) => Object.fromEntries(Object.entries(m).filter(([k]) => !names.includes(k as PrefillField))));
  }, []);
  return { marks, setMarks, label, touched, reset: useCallback(() => setMarks({}), []) };
}

const jobId = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

function progressText(p: IntakeProgress | null): string {
  if (p?.stage === 'ocr') return p.pages ? `Đang nhận dạng chữ (OCR) trang ${Math.max(1, p.page ?? 1)}/${p.pages}…` : 'Đang nhận dạng…';
  if (p?.stage === 'fields') return 'Đang điền các trường…';
  return 'Đang đọc tệp…';
}

/** A File for the attachments field, as antd's Upload would have made it. */
function asUploadFile(file: File): UploadFile {
  const uid = `intake-${jobId()}`;
  return { uid, name: file.name, size: file.size, type: file.type, status: 'done', originFileObj: Object.assign(file, { uid }) as UploadFile['originFileObj'] };
}

export function FilePrefill(props: { form: FormInstance; open: boolean; setMarks: Dispatch<SetStateAction<PrefillMarks>>; onFilled(): void }) {
  const { form, open, setMarks, onFilled } = props;
  const [busy, setBusy] = useState<{ name: string; job: string } | null>(null);
  const [progress, setProgress] = useState<IntakeProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<IntakeProposal | null>(null);
  const live = useRef(true);
  /** The read under way, stopped when the form closes (nothing would take its answer). */
  const running = useRef<string | null>(null);
  const stop = () => {
    if (running.current) void call('intake.cancel', { job: running.current }).catch(() => undefined);
    running.current = null;
  };
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
      stop();
    };
  }, []);
  useEffect(() => {
    if (!open) {
      stop();
      setBusy(null);
      setError(null);
      setResult(null);
      setProgress(null);
    }
  }, [open]);

  const attach = (file: File) => form.setFieldValue('attachments', [...((form.getFieldValue('attachments') as UploadFile[] | undefined) ?? []), asUploadFile(file)]);

  async function read(file: File) {
    if (busy) return;
    setError(null);
    setResult(null);
    if (ATTACHABLE.test(file.name)) attach(file);
    if (file.size > MAX_READ_BYTES) {
      setError(`Tệp «${file.name}» quá lớn để tự đọc (tối đa ${MAX_READ_BYTES / 1048576} MB): đã đính kèm, hãy nhập thông tin bằng tay.`);
      onFilled();
      return;
    }
    const job = jobId();
    running.current = job;
    setBusy({ name: file.name, job });
    setProgress(null);
    // The host answers how far a scan is while the extract call waits.
    const timer = setInterval(() => {
      call('intake.progress', { job }).then((p) => live.current && p && setProgress(p), () => undefined);
    }, 700);
    try {
      const out = await call('intake.extract', { file: { name: file.name, data: new Uint8Array(await file.arrayBuffer()) }, job });
      // Stopped (or the form closed) while the answer was on its way: nothing is filled in.
      if (!live.current || running.current !== job) return;
      if (out.attachment) attach(new File([out.attachment.data as Uint8Array<ArrayBuffer>], out.attachment.name));
      const v = form.getFieldsValue(true) as Record<string, unknown>;
      const docDate = v.docDate as dayjs.Dayjs | undefined;
      const { values, marks } = prefillFrom(out.proposal, { ...v, docDate: docDate?.format('YYYY-MM-DD') });
      form.setFieldsValue({ ...values, ...(values.docDate ? { docDate: dayjs(String(values.docDate)) } : {}) });
      setMarks((m) => ({ ...m, ...marks }));
      setResult(out.proposal);
      onFilled();
    } catch (e) {
      if (!live.current) return;
      const cancelled = e instanceof ApiFailure && (e.error.details as { cancelled?: boolean } | undefined)?.cancelled;
      setError(cancelled ? null : e instanceof ApiFailure ? e.error.message : `Lỗi không mong đợi: ${(e as Error)?.message ?? String(e)}`);
      if (ATTACHABLE.test(file.name)) onFilled();
    } finally {
      clearInterval(timer);
      if (running.current === job) running.current = null;
      if (live.current) setBusy(null);
    }
  }

  const cancel = () => busy && stop();
  const lines = result ? readOnlyLines(result) : [];
  const notAttached = result && !ATTACHABLE.test(result.file.name) && !result.email?.document;

  return (
    <div data-testid="intake-drop" style={{ marginBottom: 16 }}>
      <Upload.Dragger
        accept={ACCEPT}
        multiple={false}
        showUploadList={false}
        disabled={!!busy}
        beforeUpload={(f) => {
          void read(f);
          return false;
        }}
        style={{ padding: '4px 12px' }}
      >
        {busy ? (
          <Space data-testid="intake-busy">
            <Spin size="small" />
            <span>
              {progressText(progress)} «{busy.name}»
            </span>
          </Space>
        ) : (
          <Space wrap style={{ justifyContent: 'center' }}>
            <FileSearchOutlined style={{ fontSize: 20, color: '#1677ff' }} />
            <span>Kéo thả tệp văn bản vào đây (PDF, Word, ảnh quét, thư .eml) để tự điền các trường, hoặc</span>
            <Button size="small" data-testid="intake-pick">
              Đọc từ tệp
            </Button>
          </Space>
        )}
      </Upload.Dragger>
      {busy && (
        <Button size="small" style={{ marginTop: 6 }} onClick={cancel} data-testid="intake-cancel">
          Dừng đọc tệp
        </Button>
      )}
      {error && <Alert type="error" showIcon style={{ marginTop: 8 }} data-testid="intake-error" title={error} />}
      {result && (
        <Alert
          type={result.warnings.length ? 'warning' : 'info'}
          showIcon
          style={{ marginTop: 8 }}
          data-testid="intake-result"
          title={`Đã điền từ «${result.file.name}» các trường còn trống (có nhãn «Tự điền»). Kiểm tra rồi bấm Vào sổ.`}
          description={
            (lines.length > 0 || result.warnings.length > 0 || notAttached) && (
              <div>
                {lines.map((l) => (
                  <Typography.Text key={l} style={{ display: 'block' }}>
                    {l}
                  </Typography.Text>
                ))}
                {notAttached && <Typography.Text type="secondary" style={{ display: 'block' }}>Tệp chữ không đính kèm được: chỉ dùng để điền.</Typography.Text>}
                {result.warnings.map((w) => (
                  <Typography.Text key={w} type="warning" style={{ display: 'block' }}>
                    {w}
                  </Typography.Text>
                ))}
              </div>
            )
          }
        />
      )}
    </div>
  );
}
