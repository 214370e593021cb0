import type { MethodName } from '../api/contract';
import type { Role } from './roles';

/**
 * Who may call each method, enforced by the dispatcher for every host (the UI only hides what the API refuses).
 * 'public': before login (the login and first-account screens); 'user': any logged-in account; else the roles
 * listed. Services add the checks that depend on the record (a drafter edits only their own draft, the leader it was
 * submitted to decides on it).
 */
export type Access = 'public' | 'user' | readonly Role[];

const CLERK = ['vanthu'] as const;
const ADMIN = ['quantri'] as const;
const LEADER = ['lanhdao'] as const;
const DRAFTERS = ['chuyenvien', 'lanhdao', 'vanthu'] as const;
const DIRECTORY = ['vanthu', 'quantri'] as const;

export const METHOD_ACCESS = {
  'app.info': 'public',
  'auth.status': 'public',
  'auth.setup': 'public',
  'auth.login': 'public',
  'auth.logout': 'public',
  'auth.changePassword': 'user',
  'users.list': 'user',
  'users.create': ADMIN,
  'users.update': ADMIN,
  'audit.list': ['quantri', 'lanhdao'],
  'audit.verify': ADMIN,

  'dashboard.summary': 'user',
  'books.list': 'user',
  'books.create': ['vanthu', 'quantri'],
  'organizations.list': 'user',
  'organizations.create': DIRECTORY,

  // ND30 Điều 21–24: the văn thư receives and registers; the leader (or the văn thư recording the leader's
  // instruction) routes; whoever handles a document reports its progress.
  'incoming.register': CLERK,
  'incoming.bulkRegister': CLERK,
  'incoming.update': CLERK,
  'incoming.get': 'user',
  'incoming.list': 'user',
  'incoming.findDuplicate': 'user',
  'incoming.route': ['vanthu', 'lanhdao'],
  'incoming.setStatus': ['vanthu', 'chuyenvien', 'lanhdao'],
  'incoming.cancel': CLERK,

  'search.query': 'user',
  'search.indexStatus': 'user',
  'attachments.content': 'user',
  'attachments.signatures': 'user',
  'registerBook.export': ['vanthu', 'lanhdao', 'quantri'],

  'drafting.render': 'user',
  'drafting.parseText': 'user',
  'drafts.list': 'user',
  'drafts.get': 'user',
  'drafts.save': DRAFTERS,
  'drafts.delete': DRAFTERS,

  // ND30 Điều 10–17: the drafter submits; the leader returns, approves and signs; the văn thư numbers, issues, sends.
  'outgoing.inbox': 'user',
  'outgoing.workflow': 'user',
  'outgoing.version': 'user',
  'outgoing.submit': DRAFTERS,
  'outgoing.return': LEADER,
  'outgoing.approve': LEADER,
  'outgoing.sign': LEADER,
  'outgoing.issue': CLERK,
  'outgoing.cancel': CLERK,
  'outgoing.skipNumber': CLERK,
  'outgoing.send': CLERK,
  'outgoing.list': 'user',
  'outgoing.get': 'user',
  'outgoing.correct': DRAFTERS,

  'recipients.groups': 'user',
  'recipients.saveGroup': DIRECTORY,
  'recipients.lists': 'user',
  'recipients.saveList': 'user',
  'recipients.deleteList': 'user',
  'recipients.resolve': 'user',
  'recipients.import': DIRECTORY,

  'signing.sign': ['lanhdao', 'vanthu'],
  'signing.verify': 'user',
  'signing.tokens': 'user',
  'signing.settings': 'user',
  'signing.saveSettings': ADMIN,
  'trust.list': 'user',
  'trust.add': ADMIN,
  'trust.remove': ADMIN,
  'people.list': 'user',
  'people.create': ['quantri', 'vanthu'],
  'stamps.list': 'user',
  'stamps.set': ['quantri', 'vanthu'],
  'stamps.image': 'user',
  'stamps.remove': ['quantri', 'vanthu'],

  // Everyone keeps the schedule; the service lets the maker, the văn thư and leaders change a meeting. Rooms and
  // the weekly schedule's letterhead belong to the văn phòng.
  'rooms.list': 'user',
  'rooms.save': DIRECTORY,
  'meetings.list': 'user',
  'meetings.get': 'user',
  'meetings.save': 'user',
  'meetings.setStatus': 'user',
  'meetings.clashes': 'user',
  'meetings.upcoming': 'user',
  'meetings.exportWeek': 'user',
  'meetings.exportIcs': 'user',
  'meetings.import': 'user',
  'meetings.invitation': DRAFTERS,
  'meetings.settings': 'user',
  'meetings.saveSettings': DIRECTORY,
} as const satisfies Record<MethodName, Access>;

export function accessOf(name: MethodName): Access {
  return METHOD_ACCESS[name];
}

/** Whether a caller with these roles may call the method (the UI uses it to show only what works). */
export function mayCall(name: MethodName, roles: readonly Role[] | null): boolean {
  const a = accessOf(name);
  if (a === 'public') return true;
  if (!roles) return false;
  return a === 'user' || a.some((r) => roles.includes(r));
}
