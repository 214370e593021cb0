import type { RecipientEntry } from '../model';
import {
  NOTE_START,
  isNameLike,
  isNoiNhanLabel,
  isSignaturePlaceholder,
  parseArchive,
  parseAuthority,
  parseNoteLine,
} from './closing-lines';
import { splitSegments } from './header-lines';
import { fold, isCaps, plain, squash, stripEndPunct, truncate } from './text';

/**
 * The closing after the body, as read line by line. Two-column layouts flattened to text put Nơi nhận (left) and the signature (right) on
 * the same lines, so each line is split into columns and each column read for what it can hold.
 */
export interface Tail {
  recipients: RecipientEntry[];
  archive: string[];
  archiveColon: boolean | null;
  signature: { authority: string; lines: string[]; name: string } | null;
  leftovers: string[];
  dropped: string[];
  notesGrouped: { note: string; count: number }[];
}

/** Words of a signer's title ("PHÓ GIÁM ĐỐC"), never of a name written in capitals. */
const TITLE_WORD = /\b(chu tich|giam doc|bi thu|truong|chanh|tong|uy vien|ke toan|thu ky|phu trach|quyen|thuong truc|ban|hoi dong|uy ban)\b/;

/** Nơi nhận, Lưu and the signature block, in either order, one column or two flattened ones. */
export function parseTail(lines: string[]): Tail {
  const t: Tail = { recipients: [], archive: [], archiveColon: null, signature: null, leftovers: [], dropped: [], notesGrouped: [] };
  type Item = { kind: 'entry'; text: string } | { kind: 'note'; note: string };
  const items: Item[] = [];
  let lastKind: 'entry' | 'other' = 'other';
  let sigLines: string[] = [];
  let sigAuthority = '';
  let sigName = '';
  let sigGap = false;
  let sigStarted = false;
  let recipientsStarted = false;

  for (const raw of lines) {
    if (!raw.trim()) {
      if (sigStarted) sigGap = true;
      continue;
    }
    const segs = splitSegments(raw);
    segs.forEach((seg, si) => {
      const column = segs.length === 1 ? 'single' : si === 0 ? 'left' : 'right';
      const s = plain(seg);
      if (!s) return;
      const label = isNoiNhanLabel(s);
      if (label) {
        recipientsStarted = true;
        if (label.rest) {
          items.push({ kind: 'entry', text: label.rest.replace(/^[-–—+•]\s*/, '') });
          lastKind = 'entry';
        }
        return;
      }
      const auth = parseAuthority(s);
      if (auth && !sigName && column !== 'left') {
        if (!sigStarted) {
          sigStarted = true;
          sigAuthority = auth.authority;
          sigLines.push(auth.rest);
        } else {
          sigLines.push(s);
        }
        lastKind = 'other';
        return;
      }
      const arc = parseArchive(s);
      if (arc) {
        t.archive.push(...arc.units);
        t.archiveColon = arc.colon;
        lastKind = 'other';
        return;
      }
      const note = parseNoteLine(s);
      const lastItem = items[items.length - 1];
      // "(để phối hợp);" without a dash right under an unfinished entry belongs to that entry.
      const continuesEntry = lastKind === 'entry' && lastItem?.kind === 'entry' && !/[;,.]$/.test(lastItem.text) && !/^[-–—+•]/.test(s);
      if (note && !continuesEntry && column !== 'right' && (recipientsStarted || items.length > 0)) {
        items.push({ kind: 'note', note });
        lastKind = 'other';
        return;
      }
      if (/^[-–—+•]/.test(s) && column !== 'right') {
        items.push({ kind: 'entry', text: s.replace(/^[-–—+•]\s*/, '') });
        lastKind = 'entry';
        return;
      }
      if (isSignaturePlaceholder(s)) {
        t.dropped.push(s);
        return;
      }
      if (isCaps(s) && s.length <= 200 && !sigName && column !== 'left' && !(lastKind === 'entry' && column === 'single' && !sigStarted && recipientsContinues(s))) {
        if (!sigStarted) sigStarted = true;
        if (sigGap && sigLines.length > 0 && isNameLike(s) && !TITLE_WORD.test(fold(s))) {
          sigName = s;
          return;
        }
        sigLines.push(s);
        lastKind = 'other';
        return;
      }
      if (sigStarted && !sigName && column !== 'left' && (isNameLike(s) || (sigGap && s.length <= 60))) {
        sigName = s;
        lastKind = 'other';
        return;
      }
      if (lastKind === 'entry' && column !== 'right') {
        const last = items[items.length - 1];
        if (last.kind === 'entry') last.text = `${last.text} ${s}`;
        return;
      }
      t.leftovers.push(s);
    });
  }

  // Entries, their notes, and notes on their own line that apply to the run of entries above them.
  let run: RecipientEntry[] = [];
  const out: RecipientEntry[] = [];
  const flush = () => {
    for (const e of run) out.push(e);
    run = [];
  };
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    if (it.kind === 'entry') {
      const e = splitNote(it.text);
      if (!e.text) continue;
      if (e.note) {
        flush();
        out.push(e);
      } else run.push(e);
      continue;
    }
    const notes = [it.note];
    while (k + 1 < items.length && items[k + 1].kind === 'note') {
      const nx = items[++k];
      if (nx.kind === 'note') notes.push(nx.note);
    }
    const note = truncate(notes.join('; '), 100);
    if (run.length === 0) {
      const prev = out[out.length - 1];
      if (prev && !prev.note) prev.note = note;
      else out.push({ text: `(${notes.join('; ')})` });
    } else if (run.length === 1 || run.length > 51) {
      run.forEach((e) => (e.note = note));
      t.notesGrouped.push({ note, count: run.length });
      flush();
    } else {
      out.push({ text: run[0].text, group: run.slice(1).map((e) => e.text), note });
      t.notesGrouped.push({ note, count: run.length });
      run = [];
    }
  }
  flush();
  t.recipients = out;
  // OCR and plain copies lose the columns: the signer's name may come out at the left, under Nơi nhận, before the
  // title it signs under. A name-like line the tail could not place is that name.
  if (sigStarted && !sigName) {
    const k = t.leftovers.findLastIndex((l) => isNameLike(l) && !TITLE_WORD.test(fold(l)));
    if (k >= 0) sigName = t.leftovers.splice(k, 1)[0];
  }
  if (sigStarted) t.signature = { authority: sigAuthority, lines: sigLines, name: sigName };
  return t;

  function recipientsContinues(s: string): boolean {
    // A capitals line right after an entry that did not end its item is a continuation, not a title.
    const last = items[items.length - 1];
    // A signature line never ends with punctuation: "ĐM, PT KTTT, HTX;" continues the entry above.
    return last !== undefined && last.kind === 'entry' && !/[;.,]$/.test(last.text) && (s.length > 40 || /[;.,]$/.test(s));
  }
}

/** "Văn phòng TW Đảng (để b/c);" → { text: 'Văn phòng TW Đảng', note: 'để b/c' }. */
function splitNote(raw: string): RecipientEntry {
  let text = stripEndPunct(squash(raw));
  let note: string | undefined;
  const m = /\s*\(([^()]{1,100})\)$/.exec(text);
  if (m && NOTE_START.test(fold(m[1].trim()))) {
    note = m[1].trim();
    text = stripEndPunct(text.slice(0, m.index));
  }
  if (text.length > 500) text = text.slice(0, 500);
  return note ? { text, note } : { text };
}
