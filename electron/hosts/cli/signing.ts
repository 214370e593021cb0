import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/result';
import { signDocument } from '../../signing/sign';
import { verifyPdf } from '../../signing/verify';
import { withKey, parseCertificates } from '../../signing/service';
import type { SignatureRole } from '../../signing/placement';
import type { KeyInput } from '../../../shared/signing/schemas';
import { parse, int, str, type Options } from './args';
import { printJson } from './output';
import { requireFile } from './files';
import { secretFlag } from './secrets';

/** `vanphong sign` and `vanphong verify`. */

const readFile = (p: string, what: string): Uint8Array => new Uint8Array(fs.readFileSync(requireFile(p, what)));

const SIGN_USAGE =
  'Dùng: vanphong sign IN.pdf --out OUT.pdf (--p12 FILE [--pass-stdin] | --pkcs11 MODULE [--slot N] --pin-stdin) ' +
  '[--as signer|organisation|attachment] [--image PNG] [--seal-mm N] [--number "SỐ/KÝ-HIỆU"] [--reason TEXT] [--tsa URL] [--page N --rect x,y,w,h]';

/** The key flags every signing command takes: a .p12/.pfx file, or a PKCS#11 token. */
export const KEY_FLAGS: Options = {
  p12: { type: 'string' },
  pass: { type: 'string' },
  'pass-stdin': { type: 'boolean', default: false },
  pkcs11: { type: 'string' },
  slot: { type: 'string' },
  pin: { type: 'string' },
  'pin-stdin': { type: 'boolean', default: false },
  cert: { type: 'string' },
  /** Ký số từ xa: the service the administrator configured asks the signer to approve on their phone. */
  remote: { type: 'boolean', default: false },
};

/** The key from the flags; the PIN and the .p12 password from stdin, the environment or (with a warning) the argument. */
export async function keyFromFlags(values: Record<string, unknown>): Promise<KeyInput & { slot?: number }> {
  if (values.remote) {
    if (values.p12 || values.pkcs11) throw new AppError('VALIDATION', 'Chọn một cách ký: --remote, --p12 hoặc --pkcs11.', { field: 'remote' });
    return { kind: 'remote' };
  }
  if (values.pkcs11) {
    if (values.p12) throw new AppError('VALIDATION', 'Chọn một cách ký: --p12 hoặc --pkcs11, không dùng cả hai.', { field: 'pkcs11' });
    const pin = await secretFlag(values, 'pin', 'VANPHONG_PIN', 'mã PIN');
    if (pin === undefined) throw new AppError('VALIDATION', 'Thiếu --pin-stdin (mã PIN của USB token, đọc từ đầu vào chuẩn) hoặc biến VANPHONG_PIN.', { field: 'pin' });
    return { kind: 'pkcs11', module: path.resolve(str(values.pkcs11)!), slot: int(values.slot, 'Khe (--slot)') ?? 0, pin, certificateId: str(values.cert) };
  }
  if (values.p12) {
    const data = readFile(str(values.p12)!, 'tệp chữ ký số');
    return { kind: 'p12', data, password: (await secretFlag(values, 'pass', 'VANPHONG_P12_PASS', 'mật khẩu tệp .p12')) ?? '' };
  }
  throw new AppError('VALIDATION', 'Thiếu khóa ký: --p12 FILE --pass-stdin (tệp .p12/.pfx), --pkcs11 MODULE --pin-stdin (USB token) hoặc --remote (ký số từ xa).', { field: 'p12' });
}

export async function signCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    out: { type: 'string' },
    ...KEY_FLAGS,
    as: { type: 'string' },
    image: { type: 'string' },
    'seal-mm': { type: 'string' },
    number: { type: 'string' },
    reason: { type: 'string' },
    location: { type: 'string' },
    page: { type: 'string' },
    rect: { type: 'string' },
    tsa: { type: 'string' },
  });
  const input = positionals[0];
  const out = str(values.out);
  if (!input || !out) throw new AppError('VALIDATION', SIGN_USAGE);
  const role = (str(values.as) ?? 'signer') as SignatureRole;
  if (!['signer', 'organisation', 'attachment'].includes(role)) {
    throw new AppError('VALIDATION', '--as phải là signer (người ký), organisation (cơ quan phát hành) hoặc attachment (tệp đính kèm).', { field: 'as' });
  }
  const key = await keyFromFlags(values);
  if (role === 'attachment' && !values.number) throw new AppError('VALIDATION', 'Ký tệp đính kèm cần --number "SỐ/KÝ-HIỆU" của văn bản chính.', { field: 'number' });
  const sealMm = values['seal-mm'] !== undefined ? Number(values['seal-mm']) : undefined;
  if (sealMm !== undefined && !(sealMm >= 5 && sealMm <= 120)) throw new AppError('VALIDATION', '--seal-mm phải từ 5 đến 120 (đường kính thật của con dấu, mm).', { field: 'seal-mm' });

  let page: number | undefined;
  let rect: [number, number, number, number] | undefined;
  if (values.page !== undefined || values.rect !== undefined) {
    page = int(values.page, 'Trang') ?? 1;
    const nums = (str(values.rect) ?? '').split(',').map(Number);
    if (nums.length !== 4 || nums.some((n) => !Number.isFinite(n)) || nums[2] <= 0 || nums[3] <= 0) {
      throw new AppError('VALIDATION', '--rect phải có dạng x,y,rộng,cao (điểm PDF, gốc ở góc dưới trái).', { field: 'rect' });
    }
    rect = [nums[0], nums[1], nums[0] + nums[2], nums[1] + nums[3]];
  }
  const pdf = readFile(input, 'tệp PDF');
  const image = values.image ? readFile(str(values.image)!, 'ảnh chữ ký/con dấu') : undefined;
  const signed = await withKey(key, (k) =>
    signDocument(pdf, k, { role, page, rect, image, sealWidthMm: sealMm, stampText: str(values.number), reason: str(values.reason), location: str(values.location), tsaUrl: str(values.tsa) }),
  );
  // Written next to the target and renamed: a failure leaves no half-written output.
  const tmp = `${out}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, signed.pdf);
  fs.renameSync(tmp, out);
  if (values.json) printJson({ out: path.resolve(out), page: signed.page, rect: signed.rect });
  else {
    const where = signed.rect.every((n) => n === 0) ? 'không có hình hiển thị' : `trang ${signed.page}, ô [${signed.rect.map((n) => Math.round(n)).join(', ')}]`;
    console.log(`Đã ký: ${path.resolve(out)} (${where})`);
  }
}

export async function tokensCommand(argv: string[]): Promise<void> {
  const { values } = parse(argv, { pkcs11: { type: 'string' } });
  if (!values.pkcs11) throw new AppError('VALIDATION', 'Dùng: vanphong tokens --pkcs11 MODULE (tệp thư viện PKCS#11 của USB token).', { field: 'pkcs11' });
  const { listTokens } = await import('../../signing/pkcs11');
  const slots = await listTokens(path.resolve(str(values.pkcs11)!));
  if (values.json) return printJson(slots);
  if (!slots.length) console.log('Không thấy USB token nào.');
  for (const s of slots) {
    console.log(`Khe ${s.slot}: ${s.label} (${s.manufacturer}, số sê-ri ${s.serial})`);
    for (const c of s.certificates) console.log(`  chứng thư ${c.id || '(không mã)'}: ${c.subject} — cấp bởi ${c.issuer}, hết hạn ${c.validTo.slice(0, 10)}`);
  }
}

export async function verifyCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { trust: { type: 'string' } });
  const input = positionals[0];
  if (!input) throw new AppError('VALIDATION', 'Dùng: vanphong verify FILE.pdf [--trust DIR]');
  const pdf = readFile(input, 'tệp PDF');
  const trust: Uint8Array[] = [];
  const dir = str(values.trust);
  if (dir) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new AppError('NOT_FOUND', `Không tìm thấy thư mục chứng thư tin cậy «${dir}».`, { field: 'trust' });
    for (const f of fs.readdirSync(dir).filter((n) => /\.(pem|crt|cer|der)$/i.test(n))) {
      for (const x of parseCertificates(new Uint8Array(fs.readFileSync(path.join(dir, f))))) trust.push(new Uint8Array(x.raw));
    }
  }
  const reports = verifyPdf(pdf, trust);
  if (values.json) return printJson(reports);
  if (!reports.length) console.log('Tệp không có chữ ký số.');
  const yes = (b: boolean) => (b ? 'có' : 'KHÔNG');
  for (const r of reports) {
    console.log(`Chữ ký #${r.index}: ${r.signer} (cấp bởi ${r.issuer}), ký lúc ${r.signedAt ?? 'không rõ'}${r.timestamp ? `, dấu thời gian ${r.timestamp}` : ''}`);
    console.log(`  toàn vẹn: ${yes(r.integrity)} · chữ ký đúng: ${yes(r.signatureValid)} · tin cậy: ${yes(r.trusted)} · chứng thư còn hiệu lực khi ký: ${yes(r.validAtSigningTime)} · phủ toàn bộ tệp: ${yes(r.coversWholeFile)}`);
    for (const p of r.problems) console.log(`  ⚠ ${p}`);
  }
  if (reports.some((r) => !r.integrity || !r.signatureValid)) process.exitCode = 3;
}
