import { z } from 'zod';
import { idInput, empty, method, type MethodTable } from '../api/define';
import { isoDate, requiredText } from '../api/fields';
import type { IncomingStatus } from '../domain/marks';
import type { incomingAccess } from './access';
import * as s from './schemas';
import * as f from './flow';
import * as print from './print';

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
  'incoming.register': method<typeof s.registerIncomingInput, s.IncomingDetail>(s.registerIncomingInput),
  'incoming.bulkRegister': method<typeof s.bulkRegisterInput, { count: number; firstNumber: number; lastNumber: number }>(s.bulkRegisterInput),
  'incoming.update': method<typeof s.updateIncomingInput, s.IncomingDetail>(s.updateIncomingInput),
  'incoming.get': method<typeof idInput, s.IncomingDetail>(idInput),
  'incoming.list': method<typeof s.listIncomingInput, s.IncomingList>(s.listIncomingInput),
  'incoming.findDuplicate': method<typeof duplicateQuery, s.DuplicateInfo | null>(duplicateQuery),
  'incoming.route': method<typeof s.routeIncomingInput, s.IncomingDetail>(s.routeIncomingInput),
  'incoming.setStatus': method<typeof s.setStatusInput, s.IncomingDetail>(s.setStatusInput),
  'incoming.cancel': method<typeof s.cancelIncomingInput, s.IncomingDetail>(s.cancelIncomingInput),
  'incoming.submit': method<typeof f.submitIncomingInput, s.IncomingDetail>(f.submitIncomingInput),
  'incoming.instruct': method<typeof f.instructIncomingInput, s.IncomingDetail>(f.instructIncomingInput),
  'incoming.assign': method<typeof f.assignIncomingInput, s.IncomingDetail>(f.assignIncomingInput),
  'incoming.progress': method<typeof f.progressIncomingInput, s.IncomingDetail>(f.progressIncomingInput),
  'incoming.finish': method<typeof f.finishIncomingInput, s.IncomingDetail>(f.finishIncomingInput),
  'incoming.returnToClerk': method<typeof f.returnIncomingInput, s.IncomingDetail>(f.returnIncomingInput),
  'incoming.stampedCopy': method<typeof print.stampedCopyInput, print.StampedCopy>(print.stampedCopyInput),
} satisfies MethodTable<typeof incomingAccess>;
