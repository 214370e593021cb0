import { AppError } from '../../shared/api/result';
import type { MethodName, MethodOutput, MethodParsed } from '../../shared/api/contract';
import type { AppContext } from '../app/context';
import * as directory from '../directory/service';
import * as incoming from '../incoming/service';
import { dashboard, list } from '../incoming/list';
import { search } from '../search/service';
import { exportIncomingBook } from '../registers/incoming-book';
import { isReferencedBlob } from '../attachments/repo';
import { renderDraft } from '../drafting/service';
import { deleteDraft, getDraft, listDrafts, saveDraft } from '../drafting/drafts';
import { parseOfficialText } from '../../shared/drafting/parse-text';
import * as signing from '../signing/service';
import { listPeople, listStamps, listTrusted } from '../signing/repo';
import type { Session } from '../auth/session';
import * as auth from '../auth/service';
import { listUsers } from '../auth/repo';
import * as auditService from '../audit/service';
import * as workflow from '../outgoing/workflow';
import * as outgoing from '../outgoing/service';
import { startCorrection } from '../outgoing/correction';
import * as recipients from '../recipients/service';
import { listGroups, listLists } from '../recipients/repo';
import { exportFollowUpBook, exportOutgoingBook } from '../registers/outgoing-book';
import * as meetings from '../meetings/service';
import { listRooms } from '../meetings/repo';
import { saveRoom } from '../meetings/rooms';
import { exportCalendar, exportWeek } from '../meetings/export';
import { importCalendar } from '../meetings/import';
import { createInvitation } from '../meetings/invitation';
import { saveScheduleSettings, scheduleSettings } from '../meetings/settings';

type Handlers = {
  [K in MethodName]: (app: AppContext, input: MethodParsed<K>, session: Session) => MethodOutput<K> | Promise<MethodOutput<K>>;
};

/** The implementation of every API method, once, for all hosts. Each write runs in its own transaction. */
export const handlers: Handlers = {
  'app.info': (app) => ({
    version: app.version,
    dataDir: app.dataDir,
    schemaVersion: app.migration.to,
    today: app.today(),
    maxFileBytes: app.maxFileBytes,
  }),
  'dashboard.summary': (app) => dashboard(app),
  'auth.status': (app, _input, session) => auth.status(app, session),
  'auth.setup': auth.setup,
  'auth.login': auth.login,
  'auth.logout': (app, _input, session) => auth.logout(app, session),
  'auth.changePassword': auth.changePassword,
  'users.list': (app) => listUsers(app.db),
  'users.create': auth.createUser,
  'users.update': auth.updateUser,
  'audit.list': auditService.list,
  'audit.verify': (app) => auditService.verify(app),
  'outgoing.inbox': workflow.inbox,
  'outgoing.workflow': (app, input) => workflow.workflowInfo(app, input.id),
  'outgoing.version': workflow.versionModel,
  'outgoing.submit': workflow.submit,
  'outgoing.return': workflow.returnDraft,
  'outgoing.approve': workflow.approve,
  'outgoing.sign': workflow.sign,
  'outgoing.issue': outgoing.issue,
  'outgoing.cancel': outgoing.cancel,
  'outgoing.skipNumber': outgoing.skipNumber,
  'outgoing.send': outgoing.send,
  'outgoing.list': outgoing.list,
  'outgoing.get': (app, input) => outgoing.requireOutgoing(app, input.id),
  'outgoing.correct': startCorrection,
  'recipients.groups': (app) => listGroups(app.db),
  'recipients.saveGroup': recipients.saveGroup,
  'recipients.lists': (app) => listLists(app.db),
  'recipients.saveList': recipients.saveList,
  'recipients.deleteList': (app, input) => recipients.deleteList(app, input.id),
  'recipients.resolve': (app, input) => recipients.resolveList(app, input.id),
  'recipients.import': recipients.importDirectory,
  'books.list': directory.listBooks,
  'books.create': directory.createBook,
  'organizations.list': directory.listOrganizations,
  'organizations.create': directory.createOrganization,
  'incoming.register': incoming.register,
  'incoming.bulkRegister': incoming.bulkRegister,
  'incoming.update': incoming.update,
  'incoming.get': (app, input) => incoming.get(app, input.id),
  'incoming.list': list,
  'incoming.findDuplicate': incoming.findDuplicate,
  'incoming.route': incoming.route,
  'incoming.setStatus': incoming.setStatus,
  'incoming.cancel': incoming.cancel,
  'search.query': search,
  'search.indexStatus': (app) => app.indexer.status(),
  'attachments.content': (app, input) => referencedBlob(app, input.sha256),
  'attachments.signatures': (app, input) => signing.verify(app, referencedBlob(app, input.sha256)),
  'registerBook.export': (app, input) =>
    input.kind === 'outgoing' ? exportOutgoingBook(app, input) : input.kind === 'followup' ? exportFollowUpBook(app, input) : exportIncomingBook(app, input),
  'drafting.render': (_app, input) => renderDraft(input.draft, input.format),
  'drafting.parseText': (_app, input) => parseOfficialText(input.text, { profile: input.profile }),
  'drafts.list': listDrafts,
  'drafts.get': (app, input) => getDraft(app, input.id),
  'drafts.save': saveDraft,
  'drafts.delete': (app, input) => deleteDraft(app, input.id),
  'signing.sign': signing.signPdf,
  'signing.verify': (app, input) => signing.verify(app, input.pdf),
  'signing.tokens': signing.listTokens,
  'signing.settings': signing.settings,
  'signing.saveSettings': signing.saveSettings,
  'trust.list': (app) => listTrusted(app.db),
  'trust.add': signing.addTrusted,
  'trust.remove': (app, input) => signing.removeTrusted(app, input.id),
  'people.list': (app) => listPeople(app.db),
  'people.create': signing.createPerson,
  'stamps.list': (app) => listStamps(app.db),
  'stamps.set': signing.setStamp,
  'stamps.image': signing.stampImage,
  'stamps.remove': signing.removeStamp,
  'rooms.list': (app) => listRooms(app.db),
  'rooms.save': saveRoom,
  'meetings.list': meetings.listMeetings,
  'meetings.get': (app, input) => meetings.getMeeting(app, input.id),
  'meetings.save': meetings.saveMeeting,
  'meetings.setStatus': meetings.setStatus,
  'meetings.clashes': meetings.dayClashes,
  'meetings.upcoming': meetings.upcoming,
  'meetings.exportWeek': exportWeek,
  'meetings.exportIcs': exportCalendar,
  'meetings.import': importCalendar,
  'meetings.invitation': createInvitation,
  'meetings.settings': (app) => scheduleSettings(app),
  'meetings.saveSettings': saveScheduleSettings,
};

function referencedBlob(app: AppContext, sha256: string): Uint8Array {
  if (!isReferencedBlob(app.db, sha256) || !app.blobs.has(sha256)) throw new AppError('NOT_FOUND', 'Không tìm thấy tệp đính kèm.');
  return app.blobs.read(sha256);
}
