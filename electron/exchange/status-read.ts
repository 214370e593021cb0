import { AppError } from '../../shared/api/result';
import { MAX_PACKAGE_BYTES } from '../../shared/exchange/limits';
import { traceTime } from './edxml-parse';
import { packageKind } from './package-kind';
import { childNamed, childText, findNamed, readXml } from './xml';

/**
 * Reads a status message from another office (domain.md §3.5). Runs only in the parse worker (the 'edxml.status'
 * task, electron/hosts/parse-worker.ts): the package is hostile until read by readXml. Documents are only recognised
 * here, and read by the edXML import.
 */
export interface ParsedStatus {
  responseFor: { organId: string | null; code: string | null; promulgationDate: string | null; documentId: string };
  fromOrganId: string;
  fromName: string | null;
  statusCode: string;
  description: string | null;
  /** ISO instant, or null when the package has none that parses. */
  timestamp: string | null;
  staff: string | null;
}

export type SniffedPackage = { kind: 'document' } | { kind: 'status'; status: ParsedStatus };

/** A status's Timestamp ("yyyy/MM/dd HH:mm:ss" or "dd/MM/yyyy HH:mm:ss", Vietnam time) as ISO; null when neither. */
export function parseEdxmlTime(s: string | null): string | null {
  return traceTime(s)?.toISOString() ?? null;
}

export function sniffPackage(bytes: Uint8Array): SniffedPackage {
  const doc = readXml(bytes, { maxBytes: MAX_PACKAGE_BYTES, what: 'gói edXML' });
  if (packageKind(doc) === 'document') return { kind: 'document' };
  const st = findNamed(doc, 'MessageStatus')!;
  const rf = childNamed(st, 'ResponseFor');
  const from = childNamed(st, 'From');
  const documentId = childText(rf, 'DocumentId');
  const statusCode = childText(st, 'StatusCode');
  const fromOrganId = childText(from, 'OrganId');
  if (!documentId) throw new AppError('VALIDATION', 'Gói trạng thái thiếu ResponseFor/DocumentId: không biết trạng thái này nói về văn bản nào.');
  if (!statusCode || !/^\d{1,3}$/.test(statusCode)) throw new AppError('VALIDATION', `Gói trạng thái có mã trạng thái không hợp lệ («${(statusCode ?? '').slice(0, 20)}»).`);
  if (!fromOrganId) throw new AppError('VALIDATION', 'Gói trạng thái thiếu From/OrganId: không biết cơ quan nào gửi.');
  const staffInfo = childNamed(st, 'StaffInfo');
  const staff = [childText(staffInfo, 'Staff'), childText(staffInfo, 'Department')].filter(Boolean).join(', ') || null;
  const cut = (s: string | null, n: number) => (s === null ? null : s.normalize('NFC').slice(0, n));
  return {
    kind: 'status',
    status: {
      responseFor: { organId: cut(childText(rf, 'OrganId'), 50), code: cut(childText(rf, 'Code'), 200), promulgationDate: cut(childText(rf, 'PromulgationDate'), 30), documentId: cut(documentId, 300)! },
      fromOrganId: cut(fromOrganId, 50)!.toUpperCase(),
      fromName: cut(childText(from, 'OrganName'), 300),
      statusCode: statusCode.padStart(2, '0'),
      description: cut(childText(st, 'Description'), 2000),
      timestamp: parseEdxmlTime(childText(st, 'Timestamp')),
      staff: cut(staff, 300),
    },
  };
}
