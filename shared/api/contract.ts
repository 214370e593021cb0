import { z } from 'zod';
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
} from '../incoming/schemas';
import {
  createBookInput,
  createOrganizationInput,
  listBooksInput,
  listOrganizationsInput,
  type Organization,
  type RegisterBook,
} from '../directory/schemas';
import { searchInput, type IndexStatus, type SearchHit } from '../search/schemas';
import { exportRegisterBookInput, type ExportedFile } from '../registers/schemas';
import {
  draftIdInput,
  listDraftsInput,
  parseTextInput,
  renderDraftInput,
  saveDraftInput,
  type DraftSummary,
  type RenderedDraft,
  type StoredDraft,
} from '../drafting/schemas';
import type { ParseResult } from '../drafting/parse-text';
import {
  addTrustInput,
  createPersonInput,
  listTokensInput,
  setStampInput,
  signPdfInput,
  signingSettingsInput,
  type SigningSettings,
  stampOwnerInput,
  verifyPdfInput,
  type Person,
  type SignResult,
  type StampInfo,
  type TokenSlotInfo,
  type TrustedCertificate,
  type VerifyResult,
} from '../signing/schemas';
import { id, isoDate, requiredText } from './fields';
import { changePasswordInput, createUserInput, loginInput, updateUserInput, type AuthStatus, type UserInfo } from '../auth/schemas';
import { listAuditInput, type AuditEntry, type AuditVerifyReport } from '../audit/schemas';
import {
  approveInput,
  cancelOutgoingInput,
  correctInput,
  draftRefInput,
  inboxInput,
  issueInput,
  listOutgoingInput,
  returnInput,
  sendInput,
  signOutgoingInput,
  skipNumberInput,
  submitInput,
  versionInput,
  type OutgoingRecord,
  type WorkflowInfo,
} from '../outgoing/schemas';
import {
  clashesInput,
  exportIcsInput,
  exportWeekInput,
  importIcsInput,
  listMeetingsInput,
  meetingIdInput,
  saveMeetingInput,
  saveRoomInput,
  scheduleSettingsInput,
  setMeetingStatusInput,
  upcomingInput,
  type DayClashes,
  type IcsImportReport,
  type Meeting,
  type Reminder,
  type Room,
  type SaveMeetingResult,
  type ScheduleSettings,
} from '../meetings/schemas';
import {
  importDirectoryInput,
  resolveListInput,
  saveGroupInput,
  saveListInput,
  type DirectoryImportReport,
  type RecipientGroup,
  type RecipientList,
  type ResolvedEntry,
} from '../recipients/schemas';
import type { DraftDocument } from '../drafting/model';
import type { IncomingStatus } from '../domain/marks';
import type { Result } from './result';

/**
 * The one API contract (Actual Budget's handler map, plus a zod schema per method).
 * Every host — Electron IPC, the browser-mode HTTP host, the CLI — parses input with these schemas on the Node side.
 */
const method = <I extends z.ZodType, O>(input: I) => ({ input, output: undefined as unknown as O });

const empty = z.object({}).strict().default({});
const idInput = z.object({ id: id() });
const duplicateQuery = z.object({
  sender: requiredText('tác giả', 200),
  ref: requiredText('số và ký hiệu', 42),
  docDate: isoDate('ngày văn bản'),
});
const sha256Input = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'Mã tệp không hợp lệ.' }) });

export interface AppInfo {
  version: string;
  dataDir: string;
  schemaVersion: number;
  today: string;
  maxFileBytes: number;
}

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


export const methods = {
  'app.info': method<typeof empty, AppInfo>(empty),
  'dashboard.summary': method<typeof empty, DashboardSummary>(empty),

  'books.list': method<typeof listBooksInput, RegisterBook[]>(listBooksInput),
  'books.create': method<typeof createBookInput, RegisterBook>(createBookInput),

  'auth.status': method<typeof empty, AuthStatus>(empty),
  'auth.setup': method<typeof createUserInput, AuthStatus>(createUserInput),
  'auth.login': method<typeof loginInput, AuthStatus>(loginInput),
  'auth.logout': method<typeof empty, AuthStatus>(empty),
  'auth.changePassword': method<typeof changePasswordInput, { changed: true }>(changePasswordInput),
  'users.list': method<typeof empty, UserInfo[]>(empty),
  'users.create': method<typeof createUserInput, UserInfo>(createUserInput),
  'users.update': method<typeof updateUserInput, UserInfo>(updateUserInput),
  'audit.list': method<typeof listAuditInput, AuditEntry[]>(listAuditInput),
  'audit.verify': method<typeof empty, AuditVerifyReport>(empty),

  'outgoing.inbox': method<typeof inboxInput, DraftSummary[]>(inboxInput),
  'outgoing.workflow': method<typeof draftRefInput, WorkflowInfo>(draftRefInput),
  'outgoing.version': method<typeof versionInput, DraftDocument>(versionInput),
  'outgoing.submit': method<typeof submitInput, WorkflowInfo>(submitInput),
  'outgoing.return': method<typeof returnInput, WorkflowInfo>(returnInput),
  'outgoing.approve': method<typeof approveInput, WorkflowInfo>(approveInput),
  'outgoing.sign': method<typeof signOutgoingInput, WorkflowInfo>(signOutgoingInput),
  'outgoing.issue': method<typeof issueInput, OutgoingRecord>(issueInput),
  'outgoing.cancel': method<typeof cancelOutgoingInput, OutgoingRecord>(cancelOutgoingInput),
  'outgoing.skipNumber': method<typeof skipNumberInput, OutgoingRecord>(skipNumberInput),
  'outgoing.send': method<typeof sendInput, OutgoingRecord>(sendInput),
  'outgoing.list': method<typeof listOutgoingInput, OutgoingRecord[]>(listOutgoingInput),
  'outgoing.get': method<typeof idInput, OutgoingRecord>(idInput),
  'outgoing.correct': method<typeof correctInput, { draftId: number }>(correctInput),

  'recipients.groups': method<typeof empty, RecipientGroup[]>(empty),
  'recipients.saveGroup': method<typeof saveGroupInput, RecipientGroup>(saveGroupInput),
  'recipients.lists': method<typeof empty, RecipientList[]>(empty),
  'recipients.saveList': method<typeof saveListInput, RecipientList>(saveListInput),
  'recipients.deleteList': method<typeof idInput, { deleted: true }>(idInput),
  'recipients.resolve': method<typeof resolveListInput, ResolvedEntry[]>(resolveListInput),
  'recipients.import': method<typeof importDirectoryInput, DirectoryImportReport>(importDirectoryInput),

  'organizations.list': method<typeof listOrganizationsInput, Organization[]>(listOrganizationsInput),
  'organizations.create': method<typeof createOrganizationInput, Organization>(createOrganizationInput),

  'incoming.register': method<typeof registerIncomingInput, IncomingDetail>(registerIncomingInput),
  'incoming.bulkRegister': method<typeof bulkRegisterInput, { count: number; firstNumber: number; lastNumber: number }>(
    bulkRegisterInput,
  ),
  'incoming.update': method<typeof updateIncomingInput, IncomingDetail>(updateIncomingInput),
  'incoming.get': method<typeof idInput, IncomingDetail>(idInput),
  'incoming.list': method<typeof listIncomingInput, IncomingList>(listIncomingInput),
  'incoming.findDuplicate': method<typeof duplicateQuery, DuplicateInfo | null>(duplicateQuery),
  'incoming.route': method<typeof routeIncomingInput, IncomingDetail>(routeIncomingInput),
  'incoming.setStatus': method<typeof setStatusInput, IncomingDetail>(setStatusInput),
  'incoming.cancel': method<typeof cancelIncomingInput, IncomingDetail>(cancelIncomingInput),

  'search.query': method<typeof searchInput, SearchHit[]>(searchInput),
  'search.indexStatus': method<typeof empty, IndexStatus>(empty),

  'attachments.content': method<typeof sha256Input, Uint8Array>(sha256Input),

  'registerBook.export': method<typeof exportRegisterBookInput, ExportedFile>(exportRegisterBookInput),

  'drafting.render': method<typeof renderDraftInput, RenderedDraft>(renderDraftInput),
  'drafting.parseText': method<typeof parseTextInput, ParseResult>(parseTextInput),
  'drafts.list': method<typeof listDraftsInput, DraftSummary[]>(listDraftsInput),
  'drafts.get': method<typeof draftIdInput, StoredDraft>(draftIdInput),
  'drafts.save': method<typeof saveDraftInput, StoredDraft>(saveDraftInput),
  'drafts.delete': method<typeof draftIdInput, { deleted: true }>(draftIdInput),

  'signing.sign': method<typeof signPdfInput, SignResult>(signPdfInput),
  'signing.verify': method<typeof verifyPdfInput, VerifyResult>(verifyPdfInput),
  'signing.tokens': method<typeof listTokensInput, TokenSlotInfo[]>(listTokensInput),
  'signing.settings': method<typeof empty, SigningSettings>(empty),
  'signing.saveSettings': method<typeof signingSettingsInput, SigningSettings>(signingSettingsInput),
  'attachments.signatures': method<typeof sha256Input, VerifyResult>(sha256Input),
  'trust.list': method<typeof empty, TrustedCertificate[]>(empty),
  'trust.add': method<typeof addTrustInput, TrustedCertificate[]>(addTrustInput),
  'trust.remove': method<typeof idInput, { deleted: true }>(idInput),
  'people.list': method<typeof empty, Person[]>(empty),
  'people.create': method<typeof createPersonInput, Person>(createPersonInput),
  'stamps.list': method<typeof empty, StampInfo[]>(empty),
  'stamps.set': method<typeof setStampInput, StampInfo>(setStampInput),
  'stamps.image': method<typeof stampOwnerInput, Uint8Array>(stampOwnerInput),
  'stamps.remove': method<typeof stampOwnerInput, { deleted: true }>(stampOwnerInput),

  'rooms.list': method<typeof empty, Room[]>(empty),
  'rooms.save': method<typeof saveRoomInput, Room>(saveRoomInput),
  'meetings.list': method<typeof listMeetingsInput, Meeting[]>(listMeetingsInput),
  'meetings.get': method<typeof meetingIdInput, Meeting>(meetingIdInput),
  'meetings.save': method<typeof saveMeetingInput, SaveMeetingResult>(saveMeetingInput),
  'meetings.setStatus': method<typeof setMeetingStatusInput, Meeting>(setMeetingStatusInput),
  'meetings.clashes': method<typeof clashesInput, DayClashes>(clashesInput),
  'meetings.upcoming': method<typeof upcomingInput, Reminder[]>(upcomingInput),
  'meetings.exportWeek': method<typeof exportWeekInput, ExportedFile>(exportWeekInput),
  'meetings.exportIcs': method<typeof exportIcsInput, ExportedFile>(exportIcsInput),
  'meetings.import': method<typeof importIcsInput, IcsImportReport>(importIcsInput),
  'meetings.invitation': method<typeof meetingIdInput, { draftId: number }>(meetingIdInput),
  'meetings.settings': method<typeof empty, ScheduleSettings & { configured: boolean }>(empty),
  'meetings.saveSettings': method<typeof scheduleSettingsInput, ScheduleSettings & { configured: boolean }>(scheduleSettingsInput),
} as const;


export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<K extends MethodName> = z.input<Methods[K]['input']>;
export type MethodParsed<K extends MethodName> = z.output<Methods[K]['input']>;
export type MethodOutput<K extends MethodName> = Methods[K]['output'];

/** What the renderer sees: one async function per method, whatever the transport. */
export type VanphongApi = { [K in MethodName]: (input: MethodInput<K>) => Promise<Result<MethodOutput<K>>> };

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export function isMethodName(s: unknown): s is MethodName {
  return typeof s === 'string' && Object.prototype.hasOwnProperty.call(methods, s);
}
