import { AppError } from '../../shared/api/result';
import { serveParseTasks } from '../parsing/parse-worker';
import { bytes, PARSE_TASKS } from '../parsing/tasks';

/**
 * The parse worker's entry (dist/cli/parse-worker.mjs; electron/parsing/worker-file.ts finds it): the attachments'
 * tasks and those of the domains that read files from outside. It lives here, above the domains, so that a domain
 * can call the worker (electron/parsing/untrusted.ts) while the worker runs that domain's parser, with no import loop.
 * Each domain's code loads with its first task.
 */
serveParseTasks({
  ...PARSE_TASKS,
  /** A directory file (CSV or XLSX) to import into recipients. */
  'recipients.directory': async (i) => (await import('../recipients/import-file')).parseDirectoryFile(String(i.name ?? ''), bytes(i)),
  /** A copy of an incoming PDF with the ĐẾN mark on page 1 (the mark's text and the fonts come with the task). */
  'pdf.stampArrival': async (i) => (await import('../incoming/arrival-stamp-pdf')).stampArrivalPdf(bytes(i), String(i.name ?? 'tệp'), i.mark as never, i.fonts as never),
  /** A PDF's signatures against the trust store (its DER certificates). */
  'signing.verify': async (i) => (await import('../signing/verify')).verifyResult(bytes(i), (i.trust as Uint8Array[]) ?? []),
  /** OCR of scans and images (electron/ocr/): a file's pages, then one page per task (each with its own budget). */
  'ocr.inspect': async (i) => (await import('../ocr/page-task')).ocrInspect(i as never, () => bytes(i)),
  'ocr.page': async (i) => (await import('../ocr/page-task')).ocrPage(i as never, () => bytes(i)),
  'ocr.close': async () => (await import('../ocr/page-task')).close(),
  /** An edXML document package from another office (issue 18): read, checked, its signatures verified. */
  'edxml.read': async (i) => (await import('../exchange/edxml-parse')).readDocumentPackage(bytes(i), { trust: (i.trust as Uint8Array[]) ?? [], maxDecodedBytes: i.maxDecodedBytes as number | undefined }),
  /** An arrival sniffed: a status message read whole (electron/exchange/status-read.ts), else 'document'. */
  'edxml.status': async (i) => (await import('../exchange/status-read')).sniffPackage(bytes(i)),
  /** An e-mail dropped in the exchange inbox: its sender and .edxml attachments. */
  'exchange.eml': async (i) => (await import('../exchange/transport-eml')).emlPackages(bytes(i)),
  /** An old register's rows (xlsx/csv) and a .zip of one with its scans, unpacked (electron/imports/). */
  'imports.read': async (i) => (await import('../imports/read-register')).readRegister(i as never),
  'imports.unzip': async (i) => (await import('../imports/unzip')).unzipTo(i as never),
  /** A hồ sơ handover package (ZIP) read back: every file against its manifest and metadata.xml. */
  'hoso.package': async (i) => (await import('../hoso/package-read')).checkPackage(bytes(i)),
  /** An .ics file to import into meetings; an IcsError becomes the AppError meetings/import.ts made of it. */
  'meetings.ics': async (i) => {
    const { IcsError, parseIcs } = await import('../meetings/ics-import');
    try {
      return parseIcs(bytes(i), { expandUntilMs: Number(i.expandUntilMs) });
    } catch (e) {
      if (e instanceof IcsError)
        throw new AppError('FILE_INVALID', e.message, { field: 'data', details: e.line !== undefined ? { line: e.line } : undefined });
      throw e;
    }
  },
});
