import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, List, Progress, Space, Tag, Typography } from 'antd';
import { FileImageOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import type { AttachmentInfo, IncomingDetail } from '../../../shared/incoming/schemas';
import { formatDateVN, todayInVietnam } from '../../../shared/domain/dates';
import { SECRECY_LABELS } from '../../../shared/domain/marks';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { STATUS_COLORS, URGENCY_COLORS, formatBytes, statusLabel, typeName, urgencyLabel } from '../labels';
import { AttachmentViewer } from '../viewer/AttachmentViewer';
import { SignatureBadge } from '../signing/SignatureBadge';
import { RouteModal, StatusModal, CancelModal, EditModal } from './ActionModals';
import { AssignModal, FinishModal, InstructModal, ProgressModal, ReturnModal, SubmitModal } from './FlowModals';
import { FlowTimeline } from './FlowTimeline';
import { useEscape } from '../shortcuts';
import { useCan } from '../auth/AuthGate';
import { CLOSE } from './closeButton';
import { SheetButtons } from './SheetButtons';
import { GiveTaskButton } from './GiveTaskButton';
import { ReceivedFacts } from '../exchange/ReceivedFacts';

const icon = (mime: string) =>
  mime === 'application/pdf' ? <FilePdfOutlined style={{ color: '#dc2626' }} /> : mime.startsWith('image/') ? <FileImageOutlined /> : <FileWordOutlined style={{ color: '#1d4ed8' }} />;

const HANDLER_ROLES = { lead: 'Chủ trì', co: 'Phối hợp', info: 'Để biết' } as const;

type Action = 'route' | 'status' | 'cancel' | 'edit' | 'submit' | 'instruct' | 'assign' | 'progress' | 'finish' | 'return';

/** The flow's actions the caller may take now (the server says which: IncomingDetail.flow.can), as buttons. */
const FLOW_BUTTONS: { key: keyof IncomingDetail['flow']['can']; action: Action; label: string; primary?: boolean }[] = [
  { key: 'submit', action: 'submit', label: 'Trình lãnh đạo', primary: true },
  { key: 'instruct', action: 'instruct', label: 'Bút phê', primary: true },
  { key: 'assign', action: 'assign', label: 'Phân công', primary: true },
  { key: 'progress', action: 'progress', label: 'Báo cáo tiến độ' },
  { key: 'finish', action: 'finish', label: 'Hoàn thành' },
  { key: 'returnToClerk', action: 'return', label: 'Trả lại văn thư' },
];

/** The document's card: metadata, routing and status history, attachments viewed inside the app. */
export function DetailDrawer({ id, onClose, onChanged }: { id?: number; onClose(): void; onChanged(): void }) {
  const { message } = App.useApp();
  const [doc, setDoc] = useState<IncomingDetail | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [viewing, setViewing] = useState<AttachmentInfo | null>(null);

  const load = useCallback(() => {
    if (id === undefined) return setDoc(null);
    call('incoming.get', { id }).then(setDoc, (e) => showError(e, (t) => message.error(t)));
  }, [id, message]);
  useEffect(load, [load]);

  const changed = (d: IncomingDetail) => {
    setDoc(d);
    setAction(null);
    onChanged();
  };
  const open = doc !== null && doc.status !== 'da-huy';
  // Each action shows only to whom the API lets call it (a chuyên viên reports progress, never cancels).
  const can = {
    route: useCan('incoming.route'),
    status: useCan('incoming.setStatus'),
    edit: useCan('incoming.update'),
    cancel: useCan('incoming.cancel'),
  };
  useEscape(id !== undefined && action === null && viewing === null, onClose);

  return (
    <Drawer
      open={id !== undefined}
      onClose={onClose}
      closable={CLOSE}
      size={880}
      title={doc ? `Văn bản đến số ${doc.arrivalNumber}/${doc.year} — ${doc.ref}` : 'Văn bản đến'}
      extra={
        open && (
          <Space>
            {can.route && (
              <Button type="primary" onClick={() => setAction('route')} data-testid="action-route">
                Chuyển xử lý
              </Button>
            )}
            {can.status && (
              <Button onClick={() => setAction('status')} data-testid="action-status">
                Cập nhật trạng thái
              </Button>
            )}
            {can.edit && (
              <Button onClick={() => setAction('edit')} data-testid="action-edit">
                Sửa
              </Button>
            )}
            {can.cancel && (
              <Button danger onClick={() => setAction('cancel')} data-testid="action-cancel">
                Hủy văn bản
              </Button>
            )}
          </Space>
        )
      }
    >
      {doc && (
        <div data-testid="incoming-detail">
          {doc.status === 'da-huy' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`Đã hủy: ${doc.cancelReason ?? ''}. Số đến ${doc.arrivalNumber} vẫn được giữ, không cấp lại.`} />}
          {doc.overdue && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`Quá hạn giải quyết (hạn ${formatDateVN(doc.deadline)}).`} data-testid="detail-overdue" />}
          {doc.flow.awaitingInstruction && doc.flow.submittedTo && (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`Đã trình, chờ ý kiến chỉ đạo của ${doc.flow.submittedTo.name}.`} />
          )}
          {FLOW_BUTTONS.some((b) => doc.flow.can[b.key]) && (
            <Space wrap style={{ marginBottom: 12 }} data-testid="flow-actions">
              {FLOW_BUTTONS.filter((b) => doc.flow.can[b.key]).map((b) => (
                <Button key={b.key} type={b.primary ? 'primary' : 'default'} onClick={() => setAction(b.action)} data-testid={`flow-${b.action}`}>
                  {b.label}
                </Button>
              ))}
              {doc.flow.onBehalfOf && doc.flow.can.instruct && <Typography.Text type="secondary">(theo ủy quyền của {doc.flow.onBehalfOf.name})</Typography.Text>}
            </Space>
          )}
          <div style={{ marginBottom: 12 }}>
            <GiveTaskButton doc={doc} />
          </div>
          <Descriptions bordered size="small" column={2} styles={{ label: { width: 150 } }}>
            <Descriptions.Item label="Số đến">
              <b data-testid="detail-number">{doc.arrivalNumber}</b> / {doc.year} · {doc.bookName}
            </Descriptions.Item>
            <Descriptions.Item label="Ngày đến">{formatDateVN(doc.arrivalDate)}</Descriptions.Item>
            <Descriptions.Item label="Tác giả" span={2}>
              {doc.sender}
            </Descriptions.Item>
            <Descriptions.Item label="Số, ký hiệu">{doc.ref}</Descriptions.Item>
            <Descriptions.Item label="Ngày văn bản">{formatDateVN(doc.docDate)}</Descriptions.Item>
            <Descriptions.Item label="Tên loại">{typeName(doc.docType) || '—'}</Descriptions.Item>
            <Descriptions.Item label="Trạng thái">
              <Tag color={STATUS_COLORS[doc.status]} data-testid="detail-status">
                {statusLabel(doc.status)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label="Trích yếu" span={2}>
              {doc.subject}
            </Descriptions.Item>
            <Descriptions.Item label="Độ khẩn">
              <Tag color={URGENCY_COLORS[doc.urgency]}>{urgencyLabel(doc.urgency)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="Độ mật">{SECRECY_LABELS[doc.secrecy]}</Descriptions.Item>
            <Descriptions.Item label="Chủ trì">{doc.lead ?? '—'}</Descriptions.Item>
            {doc.handlers.length > 0 && (
              <Descriptions.Item label="Người, đơn vị xử lý" span={2}>
                <Space size={[4, 4]} wrap data-testid="detail-handlers">
                  {doc.handlers.map((h) => (
                    <Tag key={`${h.role}-${h.kind}-${h.id ?? h.name}`} color={h.kind === 'text' ? undefined : h.role === 'lead' ? 'blue' : 'geekblue'}>
                      {HANDLER_ROLES[h.role]}: {h.name}
                      {h.kind === 'text' ? ' (ngoài cơ quan)' : ''}
                    </Tag>
                  ))}
                </Space>
              </Descriptions.Item>
            )}
            <Descriptions.Item label="Hạn giải quyết">
              {doc.deadline ? <span style={doc.overdue ? { color: '#dc2626', fontWeight: 600 } : undefined}>{formatDateVN(doc.deadline)}{doc.overdue ? ' (quá hạn)' : ''}</span> : '—'}
            </Descriptions.Item>
            {doc.flow.progress !== null && (
              <Descriptions.Item label="Tiến độ">
                <Progress percent={doc.flow.progress} size="small" style={{ width: 200 }} />
              </Descriptions.Item>
            )}
            {doc.flow.reply && (
              <Descriptions.Item label="Văn bản trả lời">
                {doc.flow.reply.ref} ngày {formatDateVN(doc.flow.reply.docDate)}
              </Descriptions.Item>
            )}
            <Descriptions.Item label="Số trang">{doc.pageCount ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="Đơn vị hoặc người nhận">{doc.recipient ?? '—'}</Descriptions.Item>
            {doc.note && (
              <Descriptions.Item label="Ghi chú" span={2}>
                {doc.note}
              </Descriptions.Item>
            )}
          </Descriptions>
          <ReceivedFacts incomingId={doc.id} version={doc.updatedAt} />

          <Typography.Title level={5} style={{ marginTop: 20 }}>
            Tệp đính kèm
          </Typography.Title>
          <List
            size="small"
            bordered
            locale={{ emptyText: 'Không có tệp đính kèm' }}
            dataSource={doc.attachments}
            renderItem={(a) => (
              <List.Item
                data-testid="attachment"
                actions={[
                  <Button key="v" type="link" onClick={() => setViewing(a)} data-testid="open-attachment">
                    Xem
                  </Button>,
                ]}
              >
                <Space>
                  {icon(a.mime)}
                  <span>{a.name}</span>
                  <SignatureBadge status={a.signatureStatus} withText />
                  <Typography.Text type="secondary">
                    {formatBytes(a.size)}
                    {a.pageCount ? ` · ${a.pageCount} trang` : ''}
                    {a.textStatus === 'pending' ? ' · đang trích xuất nội dung' : ''}
                    {a.textStatus === 'failed' ? <span data-testid="text-failed"> · {a.textNote}</span> : ''}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
          <SheetButtons doc={doc} />

          <Typography.Title level={5} style={{ marginTop: 20 }}>
            Quá trình xử lý
          </Typography.Title>
          <FlowTimeline doc={doc} today={todayInVietnam(new Date())} />
        </div>
      )}
      {doc && (
        <>
          <RouteModal open={action === 'route'} doc={doc} onClose={() => setAction(null)} onDone={changed} />
          <StatusModal open={action === 'status'} doc={doc} onClose={() => setAction(null)} onDone={changed} />
          <CancelModal open={action === 'cancel'} doc={doc} onClose={() => setAction(null)} onDone={changed} />
          <SubmitModal open={action === 'submit'} doc={doc} onClose={() => setAction(null)} onDone={changed} />
          <InstructModal open={action === 'instruct'} doc={doc} onClose={() => setAction(null)} onDone={changed} />
          <AssignModal open={action === 'assign'} doc={doc} onClose={() => setAction(null)} onDone={changed} />
          <ProgressModal open={action === 'progress'} doc={doc} onClose={() => setAction(null)} onDone={changed} />
          <FinishModal open={action === 'finish'} doc={doc} onClose={() => setAction(null)} onDone={changed} />
          <ReturnModal open={action === 'return'} doc={doc} onClose={() => setAction(null)} onDone={changed} />
          <EditModal
            open={action === 'edit'}
            doc={doc}
            onClose={() => setAction(null)}
            onDone={changed}
            onLatest={(d) => {
              setDoc(d);
              onChanged();
            }}
          />
        </>
      )}
      <AttachmentViewer attachment={viewing} onClose={() => setViewing(null)} />
    </Drawer>
  );
}
