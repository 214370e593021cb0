import { useEffect, useState } from 'react';
import type { OrganisationSettings } from '../../../shared/settings/schemas';
import type { TemplateOptions } from '../../../shared/drafting/templates';
import { call } from '../api/client';

let cached: Promise<OrganisationSettings | null> | null = null;

/** The organisation (Cài đặt), read once per page load; null until known or when it cannot be read. */
export function useOrganisation(): OrganisationSettings | null {
  const [o, setO] = useState<OrganisationSettings | null>(null);
  useEffect(() => {
    cached ??= call('settings.organisation', {}).catch(() => null);
    let live = true;
    void cached.then((v) => live && setO(v));
    return () => {
      live = false;
    };
  }, []);
  return o;
}

/** After the quản trị saves, new drafts read the new header. */
export function forgetOrganisation(): void {
  cached = null;
}

/** What a new draft takes from the organisation: its header, place and usual signers. */
export function templateOptions(o: OrganisationSettings | null): Omit<TemplateOptions, 'profile' | 'docType'> {
  if (!o) return {};
  return { organ: o.name, parentOrgan: o.parentOrgan, organAbbr: o.abbr, place: o.place, signers: o.signers };
}
