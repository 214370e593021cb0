import { z } from 'zod';
import { idInput, empty, method, type MethodTable } from '../api/define';
import { isoDate, requiredText } from '../api/fields';
import type { IncomingStatus } from '../domain/marks';
import type { incomingAccess } from './access';
import {
  bulkRegisterInput,
  cancelIncomingInput,
  listIncomingInput,
  registerIncomingInput,
  routeIncomingInput,
  setStatusInput,
  updateIncomingInput,
  type DuplicateInfo,
  type IncomingDetail,
  type IncomingList,
} from './schemas';

export interface DashboardSummary {
  byStatus: Record<IncomingStatus, number>;
  overdue: number;
  registeredToday: number;
  thisYear: number;
  /** Incoming documents per month of the current year, January first. */
  perMonth: number[];
  /** Outgoing documents issued per month of the current year. */
  outgoingPerMonth: number[];
  /** Incoming documents past their deadline, per lead unit, most first. */
  overdueByUnit: { unit: string; count: number }[];
  /** Drafts waiting for the caller: to review or sign (leader), to revise (drafter), to issue (văn thư). */
  waitingForMe: number;
  urgentPending: number;
}

const duplicateQuery = z.object({
  sender: requiredText('tác giả', 200),
  ref: requiredText('số và ký hiệu', 42),
  docDate: isoDate('ngày văn bản'),
});

export const incomingMethods = {
  'dashboard.summary': method<typeof empty, DashboardSummary>(empty),
  'incoming.register': method<typeof registerIncomingInput, IncomingDetail>(registerIncomingInput),
  'incoming.bulkRegister': method<typeof bulkRegisterInput, { count: number; firstNumber: number; lastNumber: number }>(bulkRegisterInput),
  'incoming.update': method<typeof updateIncomingInput, IncomingDetail>(updateIncomingInput),
  'incoming.get': method<typeof idInput, IncomingDetail>(idInput),
  'incoming.list': method<typeof listIncomingInput, IncomingList>(listIncomingInput),
  'incoming.findDuplicate': method<typeof duplicateQuery, DuplicateInfo | null>(duplicateQuery),
  'incoming.route': method<typeof routeIncomingInput, IncomingDetail>(routeIncomingInput),
  'incoming.setStatus': method<typeof setStatusInput, IncomingDetail>(setStatusInput),
  'incoming.cancel': method<typeof cancelIncomingInput, IncomingDetail>(cancelIncomingInput),
} satisfies MethodTable<typeof incomingAccess>;
