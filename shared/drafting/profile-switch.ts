import { docTypeByCode } from '../domain/doc-types';
import type { DraftInput, ProfileId } from './model';
import { PROFILES } from './profiles';
import { draftTemplate, draftableTypes } from './templates';
import { DEFAULT_SIGNERS, type SignerTitles } from '../settings/schemas';

/**
 * Switching a draft between the State (ND30) and Party (HD36) profiles. The profile decides how the document is
 * printed, but a few fields hold the profile's own wording as text: the quyền hạn ("TM." / "T/M"), whom the signer
 * signs for ("Ủy ban nhân dân" / "Ban Thường vụ"), the chức vụ, and the "Lưu" line ("VT" / "Văn phòng"). A field the
 * user left at the old profile's default takes the new profile's default; a field the user wrote stays as written.
 * The quyền hạn is format, not wording: it always takes the new profile's equivalent ("KT." → "K/T") when one exists.
 * Pure: the editor calls it and shows the changes it returns.
 */

export type SwitchedField = 'docType' | 'signature.authority' | 'signature.onBehalfOf' | 'signature.title' | 'archive';

export const SWITCHED_FIELD_LABELS: Record<SwitchedField, string> = {
  docType: 'Tên loại',
  'signature.authority': 'Quyền hạn ký',
  'signature.onBehalfOf': 'Thay mặt / ký thay cho',
  'signature.title': 'Chức vụ',
  archive: 'Lưu',
};

export interface FieldChange {
  field: SwitchedField;
  label: string;
  from: string;
  to: string;
}

export interface ProfileSwitch {
  draft: DraftInput;
  /** What was re-applied, in the order the editor shows the fields. */
  changed: FieldChange[];
  /** Fields the user wrote that still hold text of their own: left alone, for the user to check. */
  kept: { field: SwitchedField; label: string; value: string }[];
}

/** The same quyền hạn in the other profile (ND30 Điều 13 / HD36 mục 1.4.1); TUQ. and Q. have no Party form. */
const AUTHORITY_EQUIVALENTS: [string, string][] = [
  ['TM.', 'T/M'],
  ['KT.', 'K/T'],
  ['TL.', 'T/L'],
];

function equivalentAuthority(a: string, to: ProfileId): string | null {
  const up = a.trim().toUpperCase();
  for (const [state, party] of AUTHORITY_EQUIVALENTS) {
    if (up === state || up === party) return to === 'state' ? state : party;
  }
  return null;
}

const AUTHORITY_IN_TITLE = /^\s*(T\/M|K\/T|T\/L|TM\.|KT\.|TL\.)\s/im;

/** "KT. GIÁM ĐỐC" → "K/T GIÁM ĐỐC" at the start of a chức vụ line; other lines as they are. */
function titleWithAuthorities(title: string, to: ProfileId): string {
  return title
    .split('\n')
    .map((line) => {
      const m = /^\s*(T\/M|K\/T|T\/L|TM\.|KT\.|TL\.)(\s+)/i.exec(line);
      if (!m) return line;
      const eq = equivalentAuthority(m[1], to);
      return eq ? `${eq}${m[2]}${line.slice(m[0].length)}` : line;
    })
    .join('\n');
}

const same = (a: string, b: string) => a.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi') === b.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');

type Defaults = ReturnType<typeof draftTemplate>;

/** The organisation's usual signers (Cài đặt) and the profile they are written for. */
export interface OrganisationSigners {
  profile: ProfileId;
  titles: SignerTitles;
}

/**
 * The profile's defaults for every type it drafts, with and without the organisation's signers: a value equal to any
 * of them is one the user did not write.
 */
function defaultsOf(d: DraftInput, profile: ProfileId, org: OrganisationSigners | undefined): Defaults[] {
  const types = [...new Set([d.docType, ...draftableTypes(profile).map((t) => t.code)])].filter((docType) => draftableTypes(profile).some((t) => t.code === docType));
  const signerSets: (SignerTitles | undefined)[] = [undefined, DEFAULT_SIGNERS[profile], ...(org?.profile === profile ? [org.titles] : [])];
  return types.flatMap((docType) => signerSets.map((signers) => draftTemplate({ profile, docType, ...ownHeader(d), signers })));
}

const ownHeader = (d: DraftInput) => ({ organ: d.organ, parentOrgan: d.parentOrgan, organAbbr: d.organAbbr, place: d.place });

const isDefault = (value: string, values: string[]) => values.some((v) => same(v, value));

/**
 * Re-applies the new profile's defaults where the user kept the old one's; see the module comment. `org`: the
 * organisation's signers, which new drafts start with (a draft switched to the organisation's own profile takes them).
 */
export function switchProfile(d: DraftInput, to: ProfileId, org?: OrganisationSigners): ProfileSwitch {
  const from = d.profile;
  const changed: FieldChange[] = [];
  const kept: ProfileSwitch['kept'] = [];
  if (from === to) return { draft: d, changed, kept };
  const change = (field: SwitchedField, before: string, after: string) => changed.push({ field, label: SWITCHED_FIELD_LABELS[field], from: before, to: after });
  const keep = (field: SwitchedField, value: string) => kept.push({ field, label: SWITCHED_FIELD_LABELS[field], value });

  // A type the new profile lacks (HD36 has no Giấy mời): Công văn, which both have.
  let docType = d.docType;
  if (!draftableTypes(to).some((t) => t.code === docType)) {
    const fallback = draftableTypes(to).some((t) => t.code === 'cong-van') ? 'cong-van' : draftableTypes(to)[0].code;
    const name = (code: string) => docTypeByCode(code)?.name ?? code;
    change('docType', name(docType), name(fallback));
    docType = fallback;
  }

  const old = defaultsOf(d, from, org);
  // Without settings, the legacy wording; with them, the organisation's signers in its own profile, else the usual ones.
  const nextSigners = org ? (org.profile === to ? org.titles : DEFAULT_SIGNERS[to]) : undefined;
  const next = draftTemplate({ profile: to, docType, ...ownHeader(d), signers: nextSigners });
  const sig = { ...d.signature };
  const nextSig = next.signature;

  // The quyền hạn goes with whom it signs for (TM. Ủy ban nhân dân, KT. Giám đốc, or neither): a default pair takes the
  // new profile's pair; otherwise the user chose how the signer signs, and only the quyền hạn's form changes.
  const authority = sig.authority ?? '';
  const onBehalfOf = sig.onBehalfOf ?? '';
  // No quyền hạn because the chức vụ line carries it ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC") is the user's own layout.
  const inTitle = !authority && AUTHORITY_IN_TITLE.test(sig.title);
  const defaultPair = !inTitle && old.some((o) => same(o.signature.authority ?? '', authority) && same(o.signature.onBehalfOf ?? '', onBehalfOf));
  if (defaultPair) {
    const [a, b] = [nextSig.authority ?? '', nextSig.onBehalfOf ?? ''];
    if (a !== authority) change('signature.authority', authority, a);
    if (b !== onBehalfOf) change('signature.onBehalfOf', onBehalfOf, b);
    sig.authority = a;
    sig.onBehalfOf = b;
  } else {
    const eq = authority ? equivalentAuthority(authority, to) : '';
    if (eq !== null && eq !== authority) {
      change('signature.authority', authority, eq);
      sig.authority = eq;
    } else if (eq === null && !PROFILES[to].authorities.includes(authority.toUpperCase())) keep('signature.authority', authority);
    if (onBehalfOf) keep('signature.onBehalfOf', onBehalfOf);
  }

  const title = sig.title;
  if (title && isDefault(title, old.map((o) => o.signature.title))) {
    if (nextSig.title !== title) change('signature.title', title, nextSig.title);
    sig.title = nextSig.title;
  } else {
    const mapped = titleWithAuthorities(title, to);
    if (mapped !== title) change('signature.title', title, mapped);
    else if (title) keep('signature.title', title);
    sig.title = mapped;
  }

  // "Lưu": an entry that is the old profile's default ("VT") becomes the new one's ("Văn phòng"); the units stay.
  const archive = d.archive ?? [];
  const oldArchive = old.flatMap((o) => o.archive ?? []);
  const newArchive = next.archive ?? [];
  let replaced = false;
  const nextArchiveList = archive.map((a) => {
    if (!isDefault(a, oldArchive) || isDefault(a, newArchive)) return a;
    replaced = true;
    return newArchive[0] ?? a;
  });
  const dedup = nextArchiveList.filter((a, i) => nextArchiveList.findIndex((b) => same(a, b)) === i);
  if (replaced) change('archive', archive.join(', '), dedup.join(', '));

  return { draft: { ...d, profile: to, docType, signature: sig, archive: dedup }, changed, kept };
}

/** The editor's message: "Đã đổi theo thể thức văn bản của Đảng: Quyền hạn ký (TM. → T/M); …". */
export function describeSwitch(s: ProfileSwitch, to: ProfileId): string {
  const name = to === 'party' ? 'văn bản của Đảng (HD 36)' : 'văn bản hành chính (NĐ 30)';
  const shown = (v: string) => (v ? v.replace(/\n/g, ' / ') : '(trống)');
  const parts = s.changed.map((c) => `${c.label} (${shown(c.from)} → ${shown(c.to)})`);
  const head = parts.length ? `Đã đổi theo thể thức ${name}: ${parts.join('; ')}.` : `Đã chuyển sang thể thức ${name}; không có trường mặc định nào cần đổi.`;
  const kept = s.kept.length ? ` Giữ nguyên phần bạn đã viết: ${s.kept.map((k) => `${k.label} «${shown(k.value)}»`).join('; ')}.` : '';
  return head + kept;
}
