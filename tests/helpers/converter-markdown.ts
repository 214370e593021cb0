/**
 * The Markdown a document converter (pandoc, markitdown, docling) writes from a DOCX, as the intake receives it:
 * Word's paragraphs through mammoth's HTML (as markitdown does), then bold as **…**, italic as *…*, Markdown's
 * special characters escaped (`\*`, `\-`, `1\.`, `I\.`), a paragraph starting "- " as a `- ` list item, line breaks as
 * two trailing spaces, tables (the header's and the closing's borderless ones too) as pipe tables whose cells join
 * their paragraphs with `<br>`, and paragraphs wrapped at 72 columns as pandoc does by default.
 */
export interface MarkdownOptions {
  /** Wrap paragraphs at this many columns (pandoc's default is 72); 0 = one line per paragraph (markitdown). */
  wrap?: number;
}

export async function docxToMarkdown(docx: Uint8Array, o: MarkdownOptions = {}): Promise<string> {
  const mammoth = await import('mammoth');
  const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(docx) });
  return htmlToMarkdown(html, o);
}

type Node = { tag: string; children: Node[] } | { text: string };

function decode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", nbsp: '\u00a0' })[e] ?? '');
}

/** mammoth's HTML is well formed and small: a stack parser is enough. */
function parse(html: string): Node[] {
  const root: { tag: string; children: Node[] } = { tag: 'root', children: [] };
  const stack = [root];
  const re = /<(\/?)([a-zA-Z0-9]+)[^>]*?(\/?)>|([^<]+)/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const top = stack[stack.length - 1];
    if (m[4] !== undefined) top.children.push({ text: decode(m[4]) });
    else if (m[1]) {
      const i = stack.map((n) => n.tag).lastIndexOf(m[2].toLowerCase());
      if (i > 0) stack.length = i;
    } else {
      const node = { tag: m[2].toLowerCase(), children: [] as Node[] };
      top.children.push(node);
      if (!m[3] && node.tag !== 'br' && node.tag !== 'img') stack.push(node);
    }
  }
  return root.children;
}

/** Escapes what Markdown would read as markup inside running text. */
const escapeInline = (s: string) => s.replace(/([\\*_`[\]<>])/g, '\\$1');

/** Escapes what Markdown would read as a block marker at the start of a line. */
function escapeLineStart(s: string): string {
  return s
    .replace(/^(#{1,6})(?=\s)/, '\\$1')
    .replace(/^([-+])(?=\s)/, '\\$1')
    .replace(/^-{3,}\s*$/, (m) => m.replace(/-/g, '\\-'))
    .replace(/^(\d{1,9})([.)])(?=\s)/, '$1\\$2')
    .replace(/^([IVXLC]{1,6}|[a-zA-Z])([.)])(?=\s)/, '$1\\$2');
}

/** Inline content: text with **bold** and *italic*, spaces kept outside the markers; a line break as "  \n". */
function inline(nodes: Node[], style: { b: boolean; i: boolean } = { b: false, i: false }): string {
  let out = '';
  for (const n of nodes) {
    if ('text' in n) {
      out += escapeInline(n.text.replace(/\u00a0/g, ' '));
      continue;
    }
    if (n.tag === 'br') {
      out += '  \n';
      continue;
    }
    const b = n.tag === 'strong' || n.tag === 'b';
    const i = n.tag === 'em' || n.tag === 'i';
    if ((b && !style.b) || (i && !style.i)) {
      const inner = inline(n.children, { b: style.b || b, i: style.i || i });
      const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner)!;
      const mark = b ? '**' : '*';
      out += m[2] ? `${m[1]}${mark}${m[2]}${mark}${m[3]}` : inner;
    } else out += inline(n.children, style);
  }
  return out;
}

/** Merges "**a** **b**" written by adjacent bold runs into "**a b**", as converters do. */
const tidy = (s: string) => s.replace(/\*\*(\s+)\*\*/g, '$1').replace(/(^|[^*])\*(\s+)\*(?!\*)/g, '$1$2');

function wrapLine(text: string, width: number): string {
  if (!width || text.length <= width) return text;
  const words = text.split(' ');
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    // pandoc never starts a wrapped line with something Markdown would read as a block marker.
    const marker = /^([-+*#>]|\d+[.)]|[IVXLC]+\.|[a-z]\))$/.test(w);
    if (cur && cur.length + 1 + w.length > width && !marker) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines.join('\n');
}

function paragraph(n: { children: Node[] }, wrap: number): string {
  const text = tidy(inline(n.children)).trim();
  if (!text) return '';
  const hard = text.split('  \n');
  const list = /^-\s/.test(hard[0]);
  return hard
    .map((part, k) => {
      let t = k === 0 ? escapeLineStart(part) : part;
      if (k === 0 && list) t = `- ${t.slice(3)}`;
      return wrapLine(t, wrap).replace(/\n/g, list ? '\n  ' : '\n');
    })
    .join('  \n');
}

function cellText(n: { children: Node[] }): string {
  const parts: string[] = [];
  for (const c of n.children) {
    if ('text' in c) {
      if (c.text.trim()) parts.push(escapeInline(c.text));
    } else if (c.tag === 'p' || /^h[1-6]$/.test(c.tag)) {
      const t = tidy(inline(c.children)).replace(/ {2}\n/g, '<br>').trim();
      if (t) parts.push(escapeLineStart(t));
    } else if (c.tag === 'table') parts.push(cellText({ children: c.children }));
    else {
      const t = tidy(inline([c])).trim();
      if (t) parts.push(t);
    }
  }
  return parts.join('<br>').replace(/\|/g, '\\|');
}

function rowsOf(table: { children: Node[] }): string[][] {
  const rows: string[][] = [];
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      if ('text' in n) continue;
      if (n.tag === 'tr') rows.push(n.children.filter((c): c is { tag: string; children: Node[] } => !('text' in c) && (c.tag === 'td' || c.tag === 'th')).map(cellText));
      else if (n.tag === 'thead' || n.tag === 'tbody' || n.tag === 'tfoot') walk(n.children);
    }
  };
  walk(table.children);
  return rows;
}

function table(n: { children: Node[] }): string {
  const rows = rowsOf(n);
  if (!rows.length) return '';
  const cols = Math.max(...rows.map((r) => r.length));
  const line = (r: string[]) => `| ${Array.from({ length: cols }, (_, i) => r[i] ?? '').join(' | ')} |`;
  return [line(rows[0]), `|${Array.from({ length: cols }, () => '---').join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

export function htmlToMarkdown(html: string, o: MarkdownOptions = {}): string {
  const wrap = o.wrap ?? 72;
  const blocks: string[] = [];
  for (const n of parse(html)) {
    if ('text' in n) {
      if (n.text.trim()) blocks.push(escapeInline(n.text.trim()));
      continue;
    }
    const h = /^h([1-6])$/.exec(n.tag);
    if (h) blocks.push(`${'#'.repeat(Number(h[1]))} ${tidy(inline(n.children)).trim()}`);
    else if (n.tag === 'p') blocks.push(paragraph(n, wrap));
    else if (n.tag === 'table') blocks.push(table(n));
    else if (n.tag === 'ul' || n.tag === 'ol') {
      n.children.forEach((li, k) => {
        if (!('text' in li)) blocks.push(`${n.tag === 'ol' ? `${k + 1}.` : '-'} ${tidy(inline(li.children)).trim()}`);
      });
    } else blocks.push(paragraph(n, wrap));
  }
  return blocks.filter(Boolean).join('\n\n') + '\n';
}
