import { HOSO_DOC_KIND_LABELS, HOSO_RIGHTS_LABELS, type HosoSummary } from '../../shared/hoso/schemas';
import { splitRef } from '../../shared/hoso/rules';
import { SECRECY_LABELS, type Secrecy } from '../../shared/domain/marks';
import type { DocInfo } from './documents';
import { el } from './xml';

/**
 * metadata.xml of a handover package: the hồ sơ's fields of ND30 Phụ lục VI (FileCode = OrganId + FileCatalog +
 * FileNotation, Title, Maintenance, Rights, Language, StartDate, EndDate, DocTotal, PageTotal, Description) and, per
 * document, the fields of the electronic-archive data standard (Thông tư 02/2019/TT-BNV: DocOrdinal, TypeName,
 * CodeNumber, CodeNotation, IssuedDate, OrganName, Subject, Language, PageAmount, Description…), with each file's
 * path in the package and SHA-256 — what `hoso.verifyPackage` checks the files against.
 */
export const PACKAGE_FORMAT = 'vanphong-hoso/1';
export const METADATA = 'metadata.xml';
export const MANIFEST = 'manifest-sha256.txt';
export const CONTENTS_PDF = 'muc-luc.pdf';

export interface PackedFile {
  path: string;
  sha256: string;
  size: number;
  mime: string;
}

export function metadataXml(h: HosoSummary & { organId: string; creator: string }, docs: { doc: DocInfo; files: PackedFile[] }[], contents: PackedFile): string {
  const i1 = '  ';
  const i2 = '    ';
  const i3 = '      ';
  const fileEl = (f: PackedFile, indent: string) => el('File', null, { path: f.path, sha256: f.sha256, size: f.size, mime: f.mime }, indent);
  const info = [
    el('FileCode', h.fileCode, {}, i2),
    el('OrganId', h.organId, {}, i2),
    el('FileCatalog', h.year, {}, i2),
    el('FileNotation', h.code, {}, i2),
    el('Title', h.title, {}, i2),
    el('Maintenance', h.retention?.label ?? '', {}, i2),
    el('Rights', HOSO_RIGHTS_LABELS[h.rights], {}, i2),
    el('Creator', h.creator, {}, i2),
    el('Language', h.language, {}, i2),
    el('StartDate', h.startDate, {}, i2),
    el('EndDate', h.endDate, {}, i2),
    el('DocTotal', docs.length, {}, i2),
    el('PageTotal', h.pageTotal ?? 0, {}, i2),
    el('Description', h.description, {}, i2),
    el('Contents', [fileEl(contents, i3)], {}, i2),
  ];
  const list = docs.map(({ doc: d, files }) => {
    const { number, notation } = splitRef(d.ref);
    return el(
      'Doc',
      [
        el('DocOrdinal', d.ordinal, {}, i3),
        el('Mode', HOSO_DOC_KIND_LABELS[d.kind], {}, i3),
        el('TypeName', d.typeName, {}, i3),
        el('CodeNumber', number, {}, i3),
        el('CodeNotation', notation, {}, i3),
        el('IssuedDate', d.date, {}, i3),
        el('OrganName', d.author, {}, i3),
        el('Subject', d.subject, {}, i3),
        el('Language', 'Tiếng Việt', {}, i3),
        el('PageAmount', d.pages ?? '', {}, i3),
        el('Confidentiality', SECRECY_LABELS[d.secrecy as Secrecy] ?? d.secrecy, {}, i3),
        ...(d.signer ? [el('SignerInfo', d.signer, {}, i3)] : []),
        el('Description', d.pageRange ? `Tờ số/Trang số: ${d.pageRange}` : '', {}, i3),
        el('Files', files.map((f) => fileEl(f, `${i3}  `)), {}, i3),
      ],
      {},
      i2,
    );
  });
  return ['<?xml version="1.0" encoding="UTF-8"?>', el('HoSo', [el('FileInfo', info, {}, i1), el('DocList', list, {}, i1)], { format: PACKAGE_FORMAT }), ''].join('\n');
}

/** "sha256  path" per line (sha256sum's format: `sha256sum -c` checks an unpacked package). */
export function manifestText(files: PackedFile[]): string {
  return files.map((f) => `${f.sha256}  ${f.path}\n`).join('');
}
