/**
 * The little XML the hồ sơ package needs: a writer for metadata.xml, and a strict reader for the same shape read back
 * from a file that may be hostile (it runs in the parse worker): elements, attributes, text, the five predefined
 * entities and character references. A DOCTYPE (entity expansion), a processing instruction other than the XML
 * declaration, CDATA, unbalanced tags, more than `maxNodes` elements or a nesting deeper than 32 are refused.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]);

/** `<Name a="1">text</Name>`, or with children indented; an empty text writes `<Name/>`. */
export function el(name: string, content: string | number | null | undefined | string[], attrs: Record<string, string | number> = {}, indent = ''): string {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  if (Array.isArray(content)) return content.length ? `${indent}<${name}${a}>\n${content.join('\n')}\n${indent}</${name}>` : `${indent}<${name}${a}/>`;
  const text = content === null || content === undefined ? '' : escapeXml(String(content));
  return text ? `${indent}<${name}${a}>${text}</${name}>` : `${indent}<${name}${a}/>`;
}

export class XmlError extends Error {}

const NAME = /^[A-Za-z_][\w.-]*$/;

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);|&/g, (m, e: string | undefined) => {
    if (!e) throw new XmlError('ký tự & không hợp lệ');
    if (e[0] === '#') {
      const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      if (!(cp > 0 && cp <= 0x10ffff)) throw new XmlError('mã ký tự không hợp lệ');
      return String.fromCodePoint(cp);
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e as 'amp']!;
  });
}

export function parseXml(text: string, maxNodes = 200_000): XmlElement {
  let i = 0;
  let nodes = 0;
  const src = text.replace(/^\uFEFF/, '');
  const skipSpace = () => {
    while (i < src.length && /\s/.test(src[i])) i++;
  };
  skipSpace();
  if (src.startsWith('<?xml', i)) {
    const end = src.indexOf('?>', i);
    if (end < 0) throw new XmlError('khai báo XML không đóng');
    i = end + 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const chunk = lt < 0 ? src.slice(i) : src.slice(i, lt);
    if (chunk.length) {
      if (stack.length) stack[stack.length - 1].text += decode(chunk);
      else if (chunk.trim()) throw new XmlError('có chữ nằm ngoài phần tử gốc');
    }
    if (lt < 0) break;
    i = lt;
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4);
      if (end < 0) throw new XmlError('chú thích không đóng');
      i = end + 3;
      continue;
    }
    if (src.startsWith('<!', i) || src.startsWith('<?', i)) throw new XmlError('có DOCTYPE, CDATA hoặc chỉ thị xử lý không được phép');
    const gt = src.indexOf('>', i);
    if (gt < 0) throw new XmlError('thẻ không đóng');
    const tag = src.slice(i + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new XmlError(`thẻ đóng </${name}> không khớp`);
      if (!stack.length) {
        root = open;
        skipSpace();
        if (i < src.length && !src.startsWith('<!--', i)) throw new XmlError('có nội dung sau phần tử gốc');
      }
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const m = /^([^\s/>]+)([\s\S]*)$/.exec(body);
    if (!m || !NAME.test(m[1])) throw new XmlError('tên thẻ không hợp lệ');
    const attrs: Record<string, string> = {};
    const rest = m[2].trim();
    if (rest) {
      const re = /([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')\s*/gy;
      let pos = 0;
      let a: RegExpExecArray | null;
      while (pos < rest.length && (re.lastIndex = pos, (a = re.exec(rest)))) {
        if (a[1] in attrs) throw new XmlError(`thuộc tính ${a[1]} lặp lại`);
        attrs[a[1]] = decode(a[3] ?? a[4] ?? '');
        pos = re.lastIndex;
      }
      if (pos < rest.length) throw new XmlError(`thuộc tính của thẻ <${m[1]}> không hợp lệ`);
    }
    if (++nodes > maxNodes) throw new XmlError('quá nhiều phần tử');
    if (stack.length >= 32) throw new XmlError('lồng quá sâu');
    if (root || (!stack.length && nodes > 1)) throw new XmlError('có hơn một phần tử gốc');
    const e: XmlElement = { name: m[1], attrs, children: [], text: '' };
    if (stack.length) stack[stack.length - 1].children.push(e);
    if (selfClosing) {
      if (!stack.length) root = e;
    } else stack.push(e);
  }
  if (stack.length || !root) throw new XmlError('tài liệu XML không trọn vẹn');
  return root;
}

/** The first child of that name. */
export const child = (e: XmlElement | undefined, name: string): XmlElement | undefined => e?.children.find((c) => c.name === name);
/** The text of the first child of that name, trimmed; undefined when absent. */
export const childText = (e: XmlElement | undefined, name: string): string | undefined => child(e, name)?.text.trim();
