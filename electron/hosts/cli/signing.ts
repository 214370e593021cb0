import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/result';
import { loadP12 } from '../../signing/p12';
import { signPdf } from '../../signing/sign';
import { verifyPdf } from '../../signing/verify';
import { slotsOf } from '../../signing/slots';
import { parse, int, str } from './args';
import { printJson } from './output';
import { requireFile } from './files';

/** `vanphong sign` and `vanphong verify`. */

const readFile = (p: string, what: string): Uint8Array => new Uint8Array(fs.readFileSync(requireFile(p, what)));

export async function signCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    out: { type: 'string' },
    p12: { type: 'string' },
    pass: { type: 'string' },
    pkcs11: { type: 'string' },
    as: { type: 'string' },
    reason: { type: 'string' },
    location: { type: 'string' },
    page: { type: 'string' },
    rect: { type: 'string' },
  });
  const input = positionals[0];
  const out = str(values.out);
  if (!input || !out) throw new AppError('VALIDATION', 'Dùng: vanphong sign IN.pdf --out OUT.pdf --p12 FILE --pass PW [--as signer|organisation] [--reason TEXT] [--page N --rect x,y,w,h]');
  if (values.pkcs11) throw new AppError('VALIDATION', 'Ký bằng USB token (PKCS#11) chưa có ở phiên bản này; dùng tệp .p12/.pfx.', { field: 'pkcs11' });
  if (!values.p12) throw new AppError('VALIDATION', 'Thiếu --p12 FILE (tệp chữ ký số .p12/.pfx).', { field: 'p12' });
  const role = str(values.as) ?? 'signer';
  if (role !== 'signer' && role !== 'organisation') throw new AppError('VALIDATION', '--as phải là signer (người ký) hoặc organisation (cơ quan).', { field: 'as' });
  const pdf = readFile(input, 'tệp PDF');
  const key = loadP12(readFile(values.p12 as string, 'tệp chữ ký số'), str(values.pass) ?? '');

  let page: number;
  let rect: [number, number, number, number];
  if (values.page !== undefined || values.rect !== undefined) {
    page = int(values.page, 'Trang') ?? 1;
    const nums = (str(values.rect) ?? '').split(',').map(Number);
    if (nums.length !== 4 || nums.some((n) => !Number.isFinite(n)) || nums[2] < 0 || nums[3] < 0) {
      throw new AppError('VALIDATION', '--rect phải có dạng x,y,rộng,cao (điểm PDF, gốc ở góc dưới trái).', { field: 'rect' });
    }
    rect = [nums[0], nums[1], nums[0] + nums[2], nums[1] + nums[3]];
  } else {
    const slot = (await slotsOf(pdf)).find((s) => s.kind === (role === 'signer' ? 'signature' : 'seal'));
    if (!slot) throw new AppError('VALIDATION', 'Tệp này không do ứng dụng xuất nên không có ô chữ ký: chỉ rõ --page và --rect.', { field: 'rect' });
    page = slot.page;
    rect = slot.rect;
  }
  const signed = await signPdf(pdf, key, {
    page,
    rect,
    name: role === 'signer' ? 'Người có thẩm quyền ký' : 'Cơ quan ban hành',
    reason: str(values.reason) ?? (role === 'signer' ? 'Ký duyệt văn bản' : 'Phát hành văn bản'),
    location: str(values.location),
  });
  const tmp = `${out}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, signed);
  fs.renameSync(tmp, out);
  if (values.json) printJson({ out: path.resolve(out), page, rect });
  else console.log(`Đã ký: ${path.resolve(out)} (trang ${page}, ô [${rect.map((n) => Math.round(n)).join(', ')}])`);
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
      const b = fs.readFileSync(path.join(dir, f));
      const text = b.toString('latin1');
      const pems = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/g)].map((m) => Buffer.from(m[1].replace(/\s+/g, ''), 'base64'));
      for (const der of pems.length ? pems : [b]) trust.push(new Uint8Array(der));
    }
  }
  const reports = verifyPdf(pdf, trust);
  if (values.json) return printJson(reports);
  if (!reports.length) console.log('Tệp không có chữ ký số.');
  const yes = (b: boolean) => (b ? 'có' : 'KHÔNG');
  for (const r of reports) {
    console.log(`Chữ ký #${r.index}: ${r.signer} (cấp bởi ${r.issuer}), ký lúc ${r.signedAt ?? 'không rõ'}`);
    console.log(`  toàn vẹn: ${yes(r.integrity)} · chữ ký đúng: ${yes(r.signatureValid)} · tin cậy: ${yes(r.trusted)} · chứng thư còn hiệu lực khi ký: ${yes(r.validAtSigningTime)} · phủ toàn bộ tệp: ${yes(r.coversWholeFile)}`);
    for (const p of r.problems) console.log(`  ⚠ ${p}`);
  }
  if (reports.some((r) => !r.integrity || !r.signatureValid)) process.exitCode = 3;
}
