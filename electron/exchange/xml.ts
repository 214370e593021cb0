import * as lazy from './lazy-libs';
import { AppError } from '../../shared/api/result';

/**
 * A package from another office is hostile (issue 18): read it only through here, and only in the parse worker.
 * Refused before any parsing: more than `maxBytes`, any DOCTYPE (which is where external entities and "billion laughs"
 * live: QCVN 102 packages never carry one), a processing instruction other than the XML declaration. A parse error
 * refuses the whole package: nothing is read from a broken file.
 */
export function readXml(bytes: Uint8Array, opts: { maxBytes: number; what?: string }): Document {
  const what = opts.what ?? 'gói tin';
  if (bytes.byteLength > opts.maxBytes) throw new AppError('VALIDATION', `${cap(what)} quá lớn (hơn ${Math.round(opts.maxBytes / 1024 / 1024)} MB).`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new AppError('VALIDATION', `${cap(what)} không phải văn bản XML mã UTF-8.`);
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new AppError('VALIDATION', `${cap(what)} có khai báo DOCTYPE/ENTITY (có thể chứa thực thể ngoài): từ chối, không đọc.`);
  if (/<\?(?!xml[\s?])/i.test(text)) throw new AppError('VALIDATION', `${cap(what)} có chỉ thị xử lý XML lạ: từ chối.`);
  const problems: string[] = [];
  let doc: Document;
  try {
    doc = new (lazy.xmldom().DOMParser)({
      // xmldom mends some broken markup with a mere warning (an unclosed tag): any complaint refuses the package.
      errorHandler: (_level: string, msg: unknown) => void problems.push(String(msg).replace(/^\[xmldom \w+\]\s*/, '')),
    }).parseFromString(text, 'text/xml');
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
    doc = null as unknown as Document;
  }
  if (problems.length || !doc.documentElement) throw new AppError('VALIDATION', `${cap(what)} không phải XML hợp lệ: ${(problems[0] ?? 'không có phần tử gốc').split('\n')[0].slice(0, 200)}`);
  return doc;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The element children of `el` whose local name is `name` (any namespace prefix: edXML:To, To). */
export function childrenNamed(el: Element, name: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1 && ((n as Element).localName ?? (n as Element).nodeName) === name) out.push(n as Element);
  return out;
}

/** The first child element named `name`, or null. */
export function childNamed(el: Element | null | undefined, name: string): Element | null {
  return el ? (childrenNamed(el, name)[0] ?? null) : null;
}

/** The first descendant element named `name` (depth first), or null. */
export function findNamed(el: Element | Document, name: string): Element | null {
  const list = (el as Element).getElementsByTagNameNS('*', name);
  return list.length ? (list.item(0) as Element) : null;
}

/** The trimmed text of the child named `name`, or null when absent or empty. */
export function childText(el: Element | null | undefined, name: string): string | null {
  const c = childNamed(el, name);
  const t = c?.textContent?.trim();
  return t ? t : null;
}

/** Escapes text for an XML element or attribute. */
export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
