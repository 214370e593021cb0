import type { Signature } from '../model';
import { parseAuthority } from './closing-lines';
import type { Tail } from './closing';
import type { Report } from './recognised';
import { PLACEHOLDER, truncate } from './text';

/**
 * The closing as read, turned into draft fields. Over-long values are cut to what the model accepts rather than
 * refused: an imported draft should always open, and the user fixes it there.
 */

export function readClosing(tail: Tail, { recognised, warnings }: Report): { archive: string[]; signature: Signature } {
  const recipientCount = tail.recipients.reduce((n, e) => n + 1 + (e.group?.length ?? 0), 0);
  if (recipientCount) recognised.push(`Nơi nhận: ${recipientCount}`);
  for (const g of tail.notesGrouped) {
    warnings.push(`Ghi chú «(${g.note})» đứng riêng dòng; đã gán cho ${g.count} nơi nhận phía trên, cần kiểm tra lại.`);
  }
  let archive = tail.archive;
  if (archive.length > 10) archive = [...archive.slice(0, 9), archive.slice(9).join(', ')];
  archive = archive.map((u) => truncate(u, 200));
  if (archive.length) recognised.push(`Lưu: ${archive.join(', ')}`);

  const { signature, missing } = buildSignature(tail.signature);
  if (tail.signature) {
    const head = [signature.authority, signature.onBehalfOf].filter(Boolean).join(' ');
    recognised.push(`Người ký: ${[head, signature.title.replace(/\n/g, ' / '), signature.name].filter(Boolean).join(' / ')}`);
  }
  warnings.push(...missing);
  return { archive, signature };
}

/** Missing title or name get a placeholder so the draft validates; `missing` says which, for the warnings. */
function buildSignature(sig: Tail['signature']): { signature: Signature; missing: string[] } {
  const missing: string[] = [];
  let authority = '';
  let onBehalfOf = '';
  let title = '';
  const name = sig?.name ?? '';
  if (sig) {
    authority = sig.authority;
    const lines = sig.lines.filter((l) => l.length > 0);
    if (authority) {
      // First line: what follows the quyền hạn ("BAN THƯỜNG VỤ"); then the title, possibly with a second quyền hạn.
      const rest = sig.lines.slice(1).filter((l) => l.length > 0);
      onBehalfOf = sig.lines[0] ?? '';
      if (!onBehalfOf && rest.length > 1) onBehalfOf = rest.shift() ?? '';
      const k = rest.findIndex((l) => parseAuthority(l) !== null);
      if (k >= 0) {
        onBehalfOf = [onBehalfOf, ...rest.slice(0, k)].filter(Boolean).join(' ');
        title = rest.slice(k).join('\n');
      } else if (rest.length) {
        onBehalfOf = [onBehalfOf, ...rest.slice(0, -1)].filter(Boolean).join(' ');
        title = rest[rest.length - 1];
      }
    } else {
      title = lines.join('\n');
    }
  }
  if (!title) missing.push('Không thấy chức vụ người ký.');
  if (!name) missing.push('Không thấy họ tên người ký.');
  return {
    signature: {
      authority,
      onBehalfOf: truncate(onBehalfOf, 200),
      title: truncate(title, 200) || PLACEHOLDER,
      name: name ? truncate(name, 100) : PLACEHOLDER,
    },
    missing,
  };
}
