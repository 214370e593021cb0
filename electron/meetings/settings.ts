import type { MethodParsed } from '../../shared/api/contract';
import { scheduleSettingsInput, type ScheduleSettings } from '../../shared/meetings/schemas';
import type { AppContext } from '../app/context';
import { getSetting, setSetting } from '../app/settings';
import { organisation } from '../settings/organisation';
import { immediate } from '../db/connection';
import { audit } from '../audit/record';

const KEY = 'schedule.document';

/**
 * Until the văn phòng fills in the schedule's own details, it takes the organisation's header (Cài đặt), else prints
 * dotted blanks a person will notice.
 */
function defaults(app: AppContext): ScheduleSettings {
  const o = organisation(app.db);
  return {
    profile: o.profile,
    parentOrgan: o.configured ? o.parentOrgan : 'Ủy ban nhân dân tỉnh …',
    organ: o.name || 'Văn phòng',
    organAbbr: o.abbr || 'VP',
    place: o.place || '…',
    whose: 'của Lãnh đạo',
    signature: { authority: '', onBehalfOf: '', title: 'Chánh Văn phòng', name: '…' },
    recipients: [],
  };
}

export function scheduleSettings(app: AppContext): ScheduleSettings & { configured: boolean } {
  const raw = getSetting(app.db, KEY);
  if (!raw) return { ...defaults(app), configured: false };
  const parsed = scheduleSettingsInput.safeParse(JSON.parse(raw));
  return parsed.success ? { ...parsed.data, configured: true } : { ...defaults(app), configured: false };
}

export function saveScheduleSettings(app: AppContext, input: MethodParsed<'meetings.saveSettings'>): ScheduleSettings & { configured: boolean } {
  immediate(app.db, () => {
    setSetting(app.db, KEY, JSON.stringify(input));
    audit(app, 'settings.schedule', 'settings', null, { organ: input.organ });
  });
  return scheduleSettings(app);
}
