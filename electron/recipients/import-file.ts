import { AppError } from '../../shared/api/result';
import { readCsv } from './import-csv';
import { KIND_LABEL, sniff } from './import-kind';
import { buildResult, DIRECTORY_IMPORT_LIMITS as L, type DirectoryImportResult } from './import-rows';
import { readXlsx } from './import-xlsx';

/**
 * Reading the directory of organisations (danh bạ nơi nhận) from a spreadsheet the user picked: .xlsx or .csv.
 * Pure: bytes in, validated rows and per-row Vietnamese issues out; the caller imports the good rows and shows the
 * issues. The file comes from outside, so it is treated as hostile: sizes, row counts and ZIP expansion are bounded
 * before anything big is allocated.
 */

export {
  DIRECTORY_IMPORT_LIMITS,
  type DirectoryImportIssue,
  type DirectoryImportResult,
  type DirectoryImportRow,
} from './import-rows';
export { cellText } from './import-xlsx';

export async function parseDirectoryFile(fileName: string, data: Uint8Array): Promise<DirectoryImportResult> {
  if (data.byteLength === 0) throw new AppError('FILE_INVALID', 'Tệp rỗng, không có dữ liệu.');
  if (data.byteLength > L.fileBytes) {
    throw new AppError('FILE_TOO_LARGE', 'Tệp danh bạ lớn quá 20 MB. Hãy chia thành nhiều tệp nhỏ hơn.');
  }
  const ext = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  const kind = sniff(data);
  // By content first: a workbook saved under another name is still a workbook, and a renamed PDF is not one.
  if (kind === 'zip') return buildResult(await readXlsx(data));
  // Excel also wraps a password-protected .xlsx in the old compound-file format, so the name tells the two apart.
  if (kind === 'ole' && (ext === 'xlsx' || ext === 'xlsm')) {
    throw new AppError(
      'FILE_INVALID',
      'Không đọc được tệp: tệp được đặt mật khẩu hoặc thực chất là tệp Excel 97–2003 (.xls). ' +
        'Hãy mở trong Excel, bỏ mật khẩu (nếu có) rồi lưu thành «Sổ làm việc Excel (.xlsx)» hoặc «CSV UTF-8».',
    );
  }
  if (kind === 'ole' || ext === 'xls') {
    throw new AppError(
      'FILE_INVALID',
      'Tệp Excel 97–2003 (.xls) không được hỗ trợ. Hãy mở tệp trong Excel rồi lưu thành «Sổ làm việc Excel (.xlsx)» hoặc «CSV UTF-8».',
    );
  }
  if (ext === 'xlsx' || ext === 'xlsm') {
    const what = kind && KIND_LABEL[kind] ? `Tệp này thực chất là ${KIND_LABEL[kind]}, không phải` : 'Tệp không phải';
    throw new AppError('FILE_INVALID', `${what} bảng tính Excel (.xlsx) hợp lệ.`);
  }
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return buildResult(readCsv(data, kind));
  const what = kind && KIND_LABEL[kind] ? `Tệp này là ${KIND_LABEL[kind]}. ` : '';
  throw new AppError('FILE_INVALID', `${what}Chỉ nhập được danh bạ từ bảng tính Excel (.xlsx) hoặc tệp CSV (UTF-8).`);
}
