import { childNamed, findNamed } from './xml';

/**
 * What an edXML package is: a status message (its header holds MessageStatus) or a document (MessageHeader). The
 * inbound dispatcher (runner.ts) sends documents to the edXML import and statuses to status-read.ts.
 */
export function packageKind(doc: Document): 'document' | 'status' {
  const header = findNamed(doc, 'edXMLHeader');
  if (childNamed(header, 'MessageStatus') || (!header && findNamed(doc, 'MessageStatus'))) return 'status';
  return 'document';
}
