/**
 * The API's method names as a plain list, for the sandboxed preload (which must not pull in zod).
 * A unit test checks that it equals the keys of `methods` in contract.ts.
 */
export const METHOD_NAME_LIST = [
  'app.info',
  'dashboard.summary',
  'books.list',
  'books.create',
  'organizations.list',
  'organizations.create',
  'incoming.register',
  'incoming.bulkRegister',
  'incoming.update',
  'incoming.get',
  'incoming.list',
  'incoming.findDuplicate',
  'incoming.route',
  'incoming.setStatus',
  'incoming.cancel',
  'search.query',
  'search.indexStatus',
  'attachments.content',
  'registerBook.export',
  'drafting.render',
  'drafting.parseText',
  'drafts.list',
  'drafts.get',
  'drafts.save',
  'drafts.delete',
] as const;
