import type { DB } from '../connection';
import { m001Initial } from './001-initial';
import { m002Drafts } from './002-drafts';
import { m003SortKeys } from './003-sort-keys';
import { m004Signing } from './004-signing';
import { m005Outgoing } from './005-outgoing';
import { m006Meetings } from './006-meetings';
import { m007LoginThrottle } from './007-login-throttle';
import { m008SigningRequests } from './008-signing-requests';
import { m009Sessions } from './009-sessions';
import { m010UnitsReadScope } from './010-units-read-scope';
import { m011OfficeStamps } from './011-office-stamps';
import { m012IncomingTallies } from './012-incoming-tallies';
import { m013SearchEverything } from './013-search-everything';
import { m014OcrText } from './014-ocr-text';
import { m015Work } from './015-work';
import { m016Hoso } from './016-hoso';
import { m017TaskIndexes } from './017-task-indexes';
import { m018InboxIndexes } from './018-inbox-indexes';
import { m019Exchange } from './019-exchange';

export interface Migration {
  version: number;
  name: string;
  up(db: DB): void;
}

/** The explicit, ordered registry (Signal's migrations/index): a new migration is appended here with its test. */
export const MIGRATIONS: readonly Migration[] = [m001Initial, m002Drafts, m003SortKeys, m004Signing, m005Outgoing, m006Meetings, m007LoginThrottle, m008SigningRequests, m009Sessions, m010UnitsReadScope, m011OfficeStamps, m012IncomingTallies, m013SearchEverything, m014OcrText, m015Work, m016Hoso, m017TaskIndexes, m018InboxIndexes, m019Exchange];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
