import { z } from 'zod';
import { id, isoDate, optionalText } from '../api/fields';

/**
 * Ủy quyền xử lý (migration 015 delegations): a leader away names a deputy who, between two days (both included),
 * holds the leader's "Chờ tôi xử lý" and acts on it; every action taken so says "(ủy quyền của …)" in the record
 * and the audit log. The legal signing forms (KT., TL., TUQ.) stay as the document states them.
 */
export const DELEGATION_SCOPES = ['inbox', 'all'] as const;
export type DelegationScope = (typeof DELEGATION_SCOPES)[number];
export const DELEGATION_SCOPE_LABELS: Record<DelegationScope, string> = { inbox: 'Văn bản, công việc chờ xử lý', all: 'Xử lý và duyệt thay' };

export type DelegationState = 'dang-hieu-luc' | 'sap-toi' | 'het-han' | 'da-thu-hoi';
export const DELEGATION_STATE_LABELS: Record<DelegationState, string> = {
  'dang-hieu-luc': 'Đang hiệu lực',
  'sap-toi': 'Sắp tới',
  'het-han': 'Đã hết hạn',
  'da-thu-hoi': 'Đã thu hồi',
};

export interface DelegationPerson {
  id: number;
  username: string;
  fullName: string;
}

export interface Delegation {
  id: number;
  from: DelegationPerson;
  to: DelegationPerson;
  fromDay: string;
  toDay: string;
  scope: DelegationScope;
  note: string | null;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  state: DelegationState;
}

export const createDelegationInput = z
  .object({
    /** The deputy's account. */
    to: id('người được ủy quyền'),
    /** The delegator (a lãnh đạo); left out: the caller. The quản trị names the leader it records this for. */
    delegator: id('người ủy quyền').optional(),
    from: isoDate('ngày bắt đầu'),
    until: isoDate('ngày kết thúc'),
    scope: z.enum(DELEGATION_SCOPES, { error: 'Phạm vi ủy quyền phải là inbox hoặc all.' }).default('all'),
    note: optionalText('ghi chú', 500),
  })
  .refine((d) => d.from <= d.until, { error: 'Ngày bắt đầu phải trước hoặc trùng ngày kết thúc.', path: ['until'] });

export const listDelegationsInput = z.object({ all: z.boolean().optional() }).default({});
