import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Breadcrumb, Button, Card, Select, Space, Spin, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { DraftDocument } from '../../../shared/drafting/model';
import type { StoredDraft } from '../../../shared/drafting/schemas';
import type { WorkflowInfo } from '../../../shared/outgoing/schemas';
import { diffDrafts, type SectionDiff } from '../../../shared/drafting/version-diff';
import { docTypeByCode } from '../../../shared/domain/doc-types';
import { formatDateTimeVN } from '../../../shared/domain/dates';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { useAuth } from '../auth/AuthGate';
import { download } from '../util/download';
import { PdfPreview } from '../drafting/PdfPreview';
import { WorkflowPanel } from './WorkflowPanel';
import { VersionDiff } from './VersionDiff';

/**
 * The version to compare with: the last one this leader acted on (returned, approved) before the one in front of
 * them — what they last saw — else the one submitted before it. Null on a first submission.
 */
export function baseVersion(w: WorkflowInfo, me: number): number | null {
  const earlier = w.versions.map((v) => v.version).filter((v) => v < w.version);
  if (earlier.length === 0) return null;
  const seen = w.steps.filter((s) => s.userId === me && s.version < w.version && s.action !== 'submit').map((s) => s.version);
  return seen.length ? Math.max(...seen) : Math.max(...earlier);
}

/** The width the pages take: the preview pane's, less its padding, between a readable minimum and an A4 at 100 %. */
function usePaneWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(680);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(420, Math.min(900, Math.floor(el.clientWidth - 40))));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

/**
 * The leader's review of a draft waiting for them (Văn bản đi › Chờ tôi xử lý): the document large, as it will print;
 * beside it the decision — comment, Trả lại, Duyệt, Ký — the changes since the version they last saw, and the history.
 */
export function ReviewView({ id }: { id: number }) {
  const { me } = useAuth();
  const { message } = App.useApp();
  const [stored, setStored] = useState<StoredDraft | null>(null);
  const [w, setW] = useState<WorkflowInfo | null>(null);
  const [pdf, setPdf] = useState<{ data: Uint8Array; fileName: string; pages: number | null } | null>(null);
  const [rendering, setRendering] = useState(true);
  const [base, setBase] = useState<number | null>(null);
  const [diff, setDiff] = useState<SectionDiff[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [paneRef, pageWidth] = usePaneWidth();
  const shown = useRef<string>('');

  const load = useCallback(() => {
    Promise.all([call('drafts.get', { id }), call('outgoing.workflow', { id })]).then(
      ([d, wf]) => {
        setStored(d);
        setW(wf);
        setBase((b) => b ?? baseVersion(wf, me.id));
      },
      (e) => {
        setFailed('Không mở được văn bản này.');
        showError(e, (t) => message.error(t));
      },
    );
  }, [id, me.id, message]);
  useEffect(load, [load]);

  // The document as it will print, rendered again only when its text changed (issuance writes number and date).
  const model = stored?.draft;
  useEffect(() => {
    if (!model) return;
    const key = JSON.stringify(model);
    if (key === shown.current) return;
    shown.current = key;
    setRendering(true);
    let live = true;
    call('drafting.render', { draft: model, format: 'pdf' }).then(
      (r) => live && (setPdf({ data: r.data, fileName: r.fileName, pages: r.pageCount ?? null }), setRendering(false)),
      (e) => {
        if (!live) return;
        setRendering(false);
        showError(e, (t) => setFailed(t));
      },
    );
    return () => {
      live = false;
    };
  }, [model]);

  useEffect(() => {
    if (!model || base === null) return setDiff(null);
    let live = true;
    call('outgoing.version', { id, version: base }).then(
      (before: DraftDocument) => live && setDiff(diffDrafts(before, model)),
      (e) => showError(e, (t) => message.error(t)),
    );
    return () => {
      live = false;
    };
  }, [id, base, model, message]);

  const title = stored ? `${docTypeByCode(stored.docType)?.name ?? 'Văn bản'}: ${stored.subject}` : 'Văn bản';
  const earlier = w ? w.versions.filter((v) => v.version < w.version) : [];
  return (
    <div data-testid="review" style={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 96px)' }}>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <a href="#/outgoing">Văn bản đi</a> },
          { title: <a href="#/outgoing">Chờ tôi xử lý</a> },
          { title: <span data-testid="review-title">{title}</span> },
        ]}
      />
      <div style={{ display: 'flex', gap: 16, flex: 1, minHeight: 0 }}>
        <div ref={paneRef} style={{ flex: 1, minWidth: 0, overflow: 'auto', background: '#525659', borderRadius: 4, padding: '0 12px 12px' }} data-testid="review-preview">
          <div className="vp-preview-bar" style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <span>
              Văn bản trình duyệt{w ? ` · phiên bản ${w.version}` : ''}
              {pdf?.pages ? <span data-testid="preview-pages"> · {pdf.pages} trang</span> : null}
            </span>
            {pdf && (
              <Button size="small" icon={<DownloadOutlined />} style={{ marginLeft: 'auto' }} onClick={() => download(pdf.fileName, 'application/pdf', pdf.data)}>
                Tải PDF
              </Button>
            )}
          </div>
          {failed && !pdf ? (
            <Typography.Paragraph style={{ color: '#e5e7eb', textAlign: 'center', marginTop: 24 }}>{failed}</Typography.Paragraph>
          ) : (
            <PdfPreview data={pdf?.data ?? null} width={pageWidth} busy={rendering} />
          )}
        </div>
        <div style={{ width: 440, flex: 'none', overflow: 'auto', paddingRight: 4 }} data-testid="review-side">
          {!w || !stored ? (
            failed ? <Typography.Text type="danger">{failed}</Typography.Text> : <Spin style={{ display: 'block', marginTop: 80 }} />
          ) : (
            <WorkflowPanel
              id={id}
              review
              onChanged={(next) => {
                setW(next);
                load();
              }}
            >
              <Card size="small" type="inner" style={{ marginTop: 12 }} title="Thay đổi so với lần trước" data-testid="review-changes">
                {base === null ? (
                  <Typography.Text type="secondary" data-testid="diff-first">
                    Lần trình đầu tiên: chưa có phiên bản trước để so sánh.
                  </Typography.Text>
                ) : (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Space wrap>
                      <span>So với</span>
                      <Select
                        size="small"
                        value={base}
                        onChange={setBase}
                        style={{ minWidth: 240 }}
                        aria-label="Phiên bản để so sánh"
                        data-testid="diff-base"
                        options={earlier.map((v) => ({ value: v.version, label: `Phiên bản ${v.version} · ${formatDateTimeVN(v.savedAt)}` }))}
                      />
                    </Space>
                    {diff === null ? <Spin size="small" /> : <VersionDiff diff={diff} />}
                  </Space>
                )}
              </Card>
            </WorkflowPanel>
          )}
        </div>
      </div>
    </div>
  );
}
