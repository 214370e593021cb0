import { useState } from 'react';
import { App, Button, Input, List, Modal, Tag, Typography } from 'antd';
import { formatDateVN } from '../../../shared/domain/dates';
import type { HosoDetail } from '../../../shared/hoso/schemas';
import { SEARCH_KIND_LABELS, type SearchHit } from '../../../shared/search/schemas';
import { call } from '../api/client';
import { showError } from '../api/errors';

/**
 * Thêm văn bản vào hồ sơ: found by the office-wide search (số, ký hiệu, trích yếu, nội dung), among what the user
 * may read; incoming and outgoing documents and signed drafts. The API says why a document cannot be taken.
 */
export function AddDocModal({ open, hosoId, onClose, onAdded }: { open: boolean; hosoId: number; onClose(): void; onAdded(h: HosoDetail): void }) {
  const { message } = App.useApp();
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<Set<string>>(new Set());

  async function search(query: string) {
    if (!query.trim()) return;
    setBusy(true);
    try {
      setHits(await call('search.query', { query, limit: 30 }));
    } catch (e) {
      showError(e, message.error);
    } finally {
      setBusy(false);
    }
  }

  async function add(hit: SearchHit) {
    try {
      const h = await call('hoso.addDoc', { id: hosoId, kind: hit.kind, refId: hit.id });
      setAdded((s) => new Set(s).add(`${hit.kind}:${hit.id}`));
      message.success(`Đã đưa ${hit.ref || hit.subject} vào hồ sơ.`);
      onAdded(h);
    } catch (e) {
      showError(e, message.error);
    }
  }

  return (
    <Modal open={open} title="Thêm văn bản vào hồ sơ" footer={null} onCancel={onClose} width={760} destroyOnHidden afterOpenChange={(o) => !o && (setHits(null), setAdded(new Set()))}>
      <Input.Search placeholder="Số, ký hiệu, trích yếu hoặc nội dung" enterButton="Tìm" loading={busy} onSearch={(q) => void search(q)} autoFocus data-testid="hoso-search" />
      <List<SearchHit>
        style={{ marginTop: 12, maxHeight: 420, overflow: 'auto' }}
        dataSource={hits ?? []}
        locale={{ emptyText: hits === null ? 'Gõ từ khóa để tìm văn bản đến, văn bản đi, dự thảo đã ký.' : 'Không tìm thấy văn bản nào.' }}
        data-testid="hoso-search-results"
        renderItem={(hit) => {
          const done = added.has(`${hit.kind}:${hit.id}`);
          return (
            <List.Item
              actions={[
                <Button key="add" size="small" type={done ? 'default' : 'primary'} disabled={done} onClick={() => void add(hit)} data-testid={`hoso-pick-${hit.kind}-${hit.id}`}>
                  {done ? 'Đã thêm' : 'Thêm'}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <>
                    <Tag>{SEARCH_KIND_LABELS[hit.kind]}</Tag>
                    {hit.ref || hit.number} <Typography.Text type="secondary">{formatDateVN(hit.date)}</Typography.Text>
                  </>
                }
                description={`${hit.subject}${hit.sender ? ` — ${hit.sender}` : ''}`}
              />
            </List.Item>
          );
        }}
      />
    </Modal>
  );
}
