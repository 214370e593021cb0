import { EDXML_NS } from '../../shared/exchange/edxml-model';
import { edxmlTimestamp } from './edxml-build';
import { xmlEscape } from './xml';

/**
 * A status message (văn bản trạng thái) as the VNPT SDK's StatusXmlBuilder writes it (QCVN 102:2016; domain.md §3.5):
 * the edXML envelope whose header holds MessageStatus — ResponseFor (the document answered: its sender's OrganId, its
 * Code, PromulgationDate and DocumentId), From (this office), StatusCode, Description, Timestamp, StaffInfo — and a
 * TraceHeaderList with this office's trace. No attachments, an empty manifest. Plain string building: no outside input
 * is parsed here, so it runs on any thread.
 */
export interface StatusMessage {
  responseFor: { organId: string; code: string; promulgationDate: string; documentId: string };
  from: { organId: string; organName: string; organAdd?: string; email?: string; telephone?: string };
  statusCode: string;
  description: string;
  /** ISO instant. */
  timestamp: string;
  staff: { department?: string; staff?: string; mobile?: string; email?: string };
}

/** "yyyy/MM/dd HH:mm:ss" in Vietnam's time, as the VNPT-style builders write Timestamp (the package builder's). */
const edxmlTime = (iso: string) => edxmlTimestamp(new Date(iso));

const el = (name: string, value: string | undefined | null, indent: string) => `${indent}<edXML:${name}>${xmlEscape(value ?? '')}</edXML:${name}>`;

export function buildStatusXml(m: StatusMessage): Uint8Array {
  const i3 = '        ';
  const i4 = `${i3}  `;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<edXML:edXML xmlns:edXML="${EDXML_NS}">`,
    '  <edXML:edXMLEnvelope>',
    '    <edXML:edXMLHeader>',
    '      <edXML:MessageStatus>',
    `${i3.slice(2)}<edXML:ResponseFor>`,
    el('OrganId', m.responseFor.organId, i3),
    el('Code', m.responseFor.code, i3),
    el('PromulgationDate', m.responseFor.promulgationDate, i3),
    el('DocumentId', m.responseFor.documentId, i3),
    `${i3.slice(2)}</edXML:ResponseFor>`,
    `${i3.slice(2)}<edXML:From>`,
    el('OrganId', m.from.organId, i3),
    el('OrganizationInCharge', '', i3),
    el('OrganName', m.from.organName, i3),
    el('OrganAdd', m.from.organAdd, i3),
    el('Email', m.from.email, i3),
    el('Telephone', m.from.telephone, i3),
    el('Fax', '', i3),
    el('Website', '', i3),
    `${i3.slice(2)}</edXML:From>`,
    el('StatusCode', m.statusCode, i3.slice(2)),
    el('Description', m.description, i3.slice(2)),
    el('Timestamp', edxmlTime(m.timestamp), i3.slice(2)),
    `${i3.slice(2)}<edXML:StaffInfo>`,
    el('Department', m.staff.department, i4.slice(2)),
    el('Staff', m.staff.staff, i4.slice(2)),
    el('Mobile', m.staff.mobile, i4.slice(2)),
    el('Email', m.staff.email, i4.slice(2)),
    `${i3.slice(2)}</edXML:StaffInfo>`,
    '      </edXML:MessageStatus>',
    '      <edXML:TraceHeaderList>',
    '        <edXML:TraceHeader>',
    el('OrganId', m.from.organId, '          '),
    el('Timestamp', edxmlTime(m.timestamp), '          '),
    '        </edXML:TraceHeader>',
    '      </edXML:TraceHeaderList>',
    '    </edXML:edXMLHeader>',
    '    <edXML:edXMLBody>',
    '      <edXML:edXMLManifest version="1.0"/>',
    '    </edXML:edXMLBody>',
    '  </edXML:edXMLEnvelope>',
    '</edXML:edXML>',
    '',
  ];
  return new TextEncoder().encode(lines.join('\n'));
}
