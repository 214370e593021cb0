import type { Block } from '../model';
import { classify, type Proto } from './classify';
import { endsTerminal, isCaps, squash, startsLower } from './text';

/**
 * Body lines to blocks. Copied text breaks sentences at the old page width, so a line that does not start a structure
 * continues the one above when it starts in lower case or the line above was long and unfinished.
 */

function protoText(p: Proto): string {
  switch (p.kind) {
    case 'field':
      return p.value;
    case 'table':
      return '';
    default:
      return p.text;
  }
}

function appendText(p: Proto, s: string): void {
  const join = (a: string) => (a ? `${a} ${s}` : s);
  if (p.kind === 'field') {
    p.value = join(p.value);
    p.raw = join(p.raw);
  } else if (p.kind !== 'table') p.text = join(p.text);
}

/** Turns body lines into blocks: joins broken lines, then gathers labelled plan lines into activities. */
export function parseBody(lines: string[]): Block[] {
  const protos: Proto[] = [];
  let lastLine = '';
  let blankBefore = false;
  for (const raw of lines) {
    const s = squash(raw);
    if (!s) {
      blankBefore = true;
      continue;
    }
    const c = classify(s);
    const prev = protos[protos.length - 1];
    if (prev && !c.structural && prev.kind !== 'table') {
      const prevText = protoText(prev);
      const open = prevText === '' && prev.kind !== 'heading';
      const headingOpen = prev.kind === 'heading' && prev.level === 'part' && prev.text === '' && isCaps(s);
      const lowerContinuation = startsLower(s) && prev.kind !== 'heading';
      const broken =
        (prev.kind === 'paragraph' || prev.kind === 'bullet' || prev.kind === 'field') &&
        !endsTerminal(lastLine) &&
        lastLine.length >= 120;
      if (open || headingOpen || lowerContinuation || broken) {
        appendText(prev, s);
        lastLine = s;
        blankBefore = false;
        continue;
      }
    }
    if (c.proto.kind === 'table' && prev?.kind === 'table' && !blankBefore) {
      const row = c.proto.rows[0];
      if (row.every((cell) => /^:?-{2,}:?$/.test(cell))) prev.header = true;
      else prev.rows.push(row);
    } else {
      protos.push(c.proto);
    }
    lastLine = s;
    blankBefore = false;
  }
  return assemble(protos);
}

function isTitleLike(p: Proto): boolean {
  if (p.kind !== 'item' && p.kind !== 'bullet' && p.kind !== 'paragraph') return false;
  const t = p.text;
  if (!t || t.length > 300) return false;
  if (!endsTerminal(t)) return true;
  return p.kind !== 'paragraph' && /\.$/.test(t.replace(/[\s*”"’)]+$/u, '')) && t.length <= 160;
}

function toBlock(p: Exclude<Proto, { kind: 'field' }>): Block {
  switch (p.kind) {
    case 'heading':
      if (p.text.length > 1000) return { kind: 'paragraph', text: `${p.number} ${p.text}` };
      return { kind: 'heading', level: p.level, number: p.number, text: p.text };
    case 'item': {
      if (p.text.length > 20000) return { kind: 'paragraph', text: `${p.label} ${p.text}` };
      const bold = /^\d/.test(p.label) && p.text.length > 0 && p.text.length <= 250 && !endsTerminal(p.text);
      return { kind: 'item', label: p.label, text: p.text, bold };
    }
    case 'bullet':
      if (p.text.length > 20000) return { kind: 'paragraph', text: `${p.marker} ${p.text}` };
      return { kind: 'bullet', marker: p.marker, text: p.text };
    case 'table': {
      const rows = p.rows.map((r) => (r.length > 12 ? [...r.slice(0, 11), r.slice(11).join(' | ')] : r));
      return { kind: 'table', rows, header: p.header };
    }
    case 'paragraph':
      return { kind: 'paragraph', text: p.text };
  }
}

function fieldFallback(p: Extract<Proto, { kind: 'field' }>): Block {
  return p.marker ? { kind: 'bullet', marker: p.marker, text: p.raw } : { kind: 'paragraph', text: p.raw };
}

function assemble(protos: Proto[]): Block[] {
  const out: Block[] = [];
  // Parallel to `out`; null where the block cannot title a following activity.
  const outProtos: (Proto | null)[] = [];
  let i = 0;
  while (i < protos.length) {
    const p = protos[i];
    if (p.kind !== 'field') {
      out.push(toBlock(p));
      outProtos.push(p);
      i++;
      continue;
    }
    // A run of labelled lines; a repeated label starts a new activity.
    const run: Extract<Proto, { kind: 'field' }>[] = [];
    while (i < protos.length) {
      const q = protos[i];
      if (q.kind !== 'field') break;
      run.push(q);
      i++;
    }
    const groups: (typeof run)[] = [];
    let cur: typeof run = [];
    for (const q of run) {
      if (cur.some((x) => x.key === q.key)) {
        groups.push(cur);
        cur = [];
      }
      cur.push(q);
    }
    if (cur.length) groups.push(cur);
    groups.forEach((g, gi) => {
      let title = '';
      const prev = outProtos[outProtos.length - 1];
      // An exported activity prints its title as the paragraph right above its labelled lines, whatever it ends with.
      const canTitle = gi === 0 && prev !== undefined && prev !== null && (isTitleLike(prev) || (prev.kind === 'paragraph' && g.length >= 2 && prev.text.length <= 2000));
      if (g.length < 2 && !canTitle) {
        g.forEach((q) => {
          out.push(fieldFallback(q));
          outProtos.push(null);
        });
        return;
      }
      if (canTitle && prev !== undefined && prev !== null && (prev.kind === 'item' || prev.kind === 'bullet' || prev.kind === 'paragraph')) {
        title = prev.kind === 'item' ? `${prev.label} ${prev.text}` : prev.text;
        if (title.length <= 2000) {
          out.pop();
          outProtos.pop();
        } else title = '';
      }
      const act: Extract<Block, { kind: 'activity' }> = { kind: 'activity', title };
      for (const q of g) act[q.key] = q.value;
      out.push(act);
      outProtos.push(null);
    });
  }
  return out;
}
