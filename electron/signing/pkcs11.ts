import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as asn1js from 'asn1js';
import type * as Pkcs11Js from 'pkcs11js';
import { AppError } from '../../shared/api/result';
import type { SigningKey } from './key';

/**
 * USB tokens (VNPT-CA, Viettel-CA, FPT-CA, BKAV-CA, Ban Cơ yếu…) through their PKCS#11 module: the user picks the
 * module file, the slot and the certificate, and types the PIN. The private key stays on the token; we hand it the
 * signed attributes and it returns the signature (CKM_SHA256_RSA_PKCS, or CKM_ECDSA over our SHA-256 digest).
 * pkcs11js is loaded lazily: the app runs without it, and only token signing needs the native module.
 */
const require = createRequire(import.meta.url);

const CKR = {
  PIN_INCORRECT: 0xa0,
  PIN_INVALID: 0xa1,
  PIN_LEN_RANGE: 0xa2,
  PIN_EXPIRED: 0xa3,
  PIN_LOCKED: 0xa4,
  TOKEN_NOT_PRESENT: 0xe0,
  CRYPTOKI_ALREADY_INITIALIZED: 0x191,
  USER_ALREADY_LOGGED_IN: 0x100,
} as const;

export interface TokenCertificate {
  /** CKA_ID as hex: pairs the certificate with its private key. */
  id: string;
  label: string;
  subject: string;
  issuer: string;
  validTo: string;
}

export interface TokenSlot {
  /** The slot's position in the module's list (what the user types as --slot). */
  slot: number;
  label: string;
  manufacturer: string;
  serial: string;
  certificates: TokenCertificate[];
}

function loadLibrary(): typeof Pkcs11Js {
  try {
    return require('pkcs11js') as typeof Pkcs11Js;
  } catch {
    throw new AppError('INTERNAL', 'Thành phần ký bằng USB token (pkcs11js) chưa được cài đặt cùng ứng dụng.');
  }
}

function tokenError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  const code = (e as { code?: number }).code;
  switch (code) {
    case CKR.PIN_INCORRECT:
      return new AppError('VALIDATION', 'Sai mã PIN của USB token.', { field: 'pin' });
    case CKR.PIN_INVALID:
    case CKR.PIN_LEN_RANGE:
      return new AppError('VALIDATION', 'Mã PIN không hợp lệ (sai độ dài hoặc có ký tự không được phép).', { field: 'pin' });
    case CKR.PIN_LOCKED:
      return new AppError('VALIDATION', 'USB token đã bị khóa do nhập sai mã PIN nhiều lần: liên hệ tổ chức cấp chứng thư số.', { field: 'pin' });
    case CKR.PIN_EXPIRED:
      return new AppError('VALIDATION', 'Mã PIN của USB token đã hết hạn: đổi PIN bằng công cụ của nhà cung cấp.', { field: 'pin' });
    case CKR.TOKEN_NOT_PRESENT:
      return new AppError('VALIDATION', 'Không thấy USB token trong khe đã chọn: cắm lại token rồi thử lại.', { field: 'slot' });
  }
  return new AppError('INTERNAL', `USB token báo lỗi: ${(e as Error).message ?? String(e)}`);
}

const trimmed = (s: string) => s.replace(/\0/g, '').trim();

/** Opens a module for the length of `fn`; the module is finalised and unloaded afterwards, whatever happens. */
async function withModule<T>(modulePath: string, fn: (p: Pkcs11Js.PKCS11, lib: typeof Pkcs11Js) => Promise<T> | T): Promise<T> {
  if (!modulePath || !fs.existsSync(modulePath) || !fs.statSync(modulePath).isFile()) {
    throw new AppError('NOT_FOUND', `Không tìm thấy thư viện PKCS#11 «${modulePath}» (tệp .dll/.so/.dylib của USB token).`, { field: 'pkcs11' });
  }
  // Only a shared library file is ever loaded: whatever path arrives over the API, nothing else gets executed.
  if (!/\.(dll|so(\.\d+)*|dylib)$/i.test(modulePath)) {
    throw new AppError('VALIDATION', 'Thư viện PKCS#11 phải là tệp .dll (Windows), .so (Linux) hoặc .dylib (macOS).', { field: 'pkcs11' });
  }
  const lib = loadLibrary();
  const p = new lib.PKCS11();
  try {
    p.load(modulePath);
  } catch {
    throw new AppError('FILE_INVALID', `Tệp «${modulePath}» không phải thư viện PKCS#11 nạp được.`, { field: 'pkcs11' });
  }
  let initialised = false;
  try {
    try {
      p.C_Initialize();
      initialised = true;
    } catch (e) {
      if ((e as { code?: number }).code !== CKR.CRYPTOKI_ALREADY_INITIALIZED) throw e;
    }
    return await fn(p, lib);
  } catch (e) {
    throw e instanceof lib.NativeError ? tokenError(e) : e;
  } finally {
    if (initialised) {
      try {
        p.C_Finalize();
      } catch {
        /* already gone */
      }
    }
    try {
      p.close();
    } catch {
      /* already closed */
    }
  }
}

/** Slots holding an initialised token (SoftHSM and some readers list an empty, uninitialised one too). */
function tokenSlots(p: Pkcs11Js.PKCS11, lib: typeof Pkcs11Js): Pkcs11Js.Handle[] {
  return p.C_GetSlotList(true).filter((s) => (p.C_GetTokenInfo(s).flags & lib.CKF_TOKEN_INITIALIZED) !== 0);
}

function findObjects(p: Pkcs11Js.PKCS11, session: Pkcs11Js.Handle, template: Pkcs11Js.Template): Pkcs11Js.Handle[] {
  p.C_FindObjectsInit(session, template);
  try {
    return p.C_FindObjects(session, 64);
  } finally {
    p.C_FindObjectsFinal(session);
  }
}

function readCertificates(p: Pkcs11Js.PKCS11, lib: typeof Pkcs11Js, session: Pkcs11Js.Handle): { info: TokenCertificate; der: Uint8Array }[] {
  const out: { info: TokenCertificate; der: Uint8Array }[] = [];
  for (const h of findObjects(p, session, [{ type: lib.CKA_CLASS, value: lib.CKO_CERTIFICATE }])) {
    const [value, id, label] = p.C_GetAttributeValue(session, h, [{ type: lib.CKA_VALUE }, { type: lib.CKA_ID }, { type: lib.CKA_LABEL }]);
    const der = new Uint8Array(value.value as Buffer);
    let x: crypto.X509Certificate;
    try {
      x = new crypto.X509Certificate(der);
    } catch {
      continue;
    }
    out.push({
      der,
      info: {
        id: Buffer.from((id.value as Buffer | undefined) ?? []).toString('hex'),
        label: Buffer.from((label.value as Buffer | undefined) ?? []).toString('utf8'),
        subject: x.subject.replace(/\n/g, ', '),
        issuer: x.issuer.replace(/\n/g, ', '),
        validTo: new Date(x.validTo).toISOString(),
      },
    });
  }
  return out;
}

/** Slots with a token, and the certificates each token shows without logging in. */
export function listTokens(modulePath: string): Promise<TokenSlot[]> {
  return withModule(modulePath, (p, lib) =>
    tokenSlots(p, lib).map((slot, index) => {
      const t = p.C_GetTokenInfo(slot);
      const session = p.C_OpenSession(slot, lib.CKF_SERIAL_SESSION);
      try {
        return {
          slot: index,
          label: trimmed(t.label),
          manufacturer: trimmed(t.manufacturerID),
          serial: trimmed(t.serialNumber),
          certificates: readCertificates(p, lib, session).map((c) => c.info),
        };
      } finally {
        p.C_CloseSession(session);
      }
    }),
  );
}

/** An ECDSA signature from a token is r‖s; CMS wants the DER SEQUENCE { r INTEGER, s INTEGER }. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const int = (b: Uint8Array) => asn1js.Integer.fromBigInt(BigInt(`0x${Buffer.from(b).toString('hex') || '0'}`));
  return new Uint8Array(new asn1js.Sequence({ value: [int(raw.subarray(0, half)), int(raw.subarray(half))] }).toBER(false));
}

/**
 * Runs `fn` with a token key: the module is loaded, the user logged in, and everything closed again afterwards.
 * `certificateId` picks the certificate (CKA_ID hex) when the token holds several; else the first with a private key.
 */
export function withTokenKey<T>(opts: { module: string; slot?: number; pin: string; certificateId?: string }, fn: (key: SigningKey) => Promise<T>): Promise<T> {
  return withModule(opts.module, async (mod, lib) => {
    const slots = tokenSlots(mod, lib);
    const index = opts.slot ?? 0;
    if (!slots.length) throw new AppError('VALIDATION', 'Không thấy USB token nào: cắm token rồi thử lại.', { field: 'slot' });
    if (index < 0 || index >= slots.length) throw new AppError('VALIDATION', `Khe ${index} không có token (có ${slots.length} khe có token, đánh số từ 0).`, { field: 'slot' });
    const session = mod.C_OpenSession(slots[index], lib.CKF_SERIAL_SESSION);
    try {
      try {
        mod.C_Login(session, lib.CKU_USER, opts.pin);
      } catch (e) {
        if ((e as { code?: number }).code !== CKR.USER_ALREADY_LOGGED_IN) throw e;
      }
      const certs = readCertificates(mod, lib, session);
      const keyOf = (idHex: string) =>
        findObjects(mod, session, [{ type: lib.CKA_CLASS, value: lib.CKO_PRIVATE_KEY }, { type: lib.CKA_ID, value: Buffer.from(idHex, 'hex') }])[0];
      const chosen = opts.certificateId ? certs.find((c) => c.info.id === opts.certificateId!.toLowerCase()) : certs.find((c) => keyOf(c.info.id));
      if (!chosen) throw new AppError('VALIDATION', opts.certificateId ? `Token không có chứng thư mã «${opts.certificateId}».` : 'Token không có chứng thư số kèm khóa bí mật.', { field: 'certificate' });
      const privateKey = keyOf(chosen.info.id);
      if (!privateKey) throw new AppError('VALIDATION', 'Token không có khóa bí mật đi kèm chứng thư đã chọn.', { field: 'certificate' });
      const isEc = new crypto.X509Certificate(chosen.der).publicKey.asymmetricKeyType === 'ec';
      return await fn({
        certificate: chosen.der,
        chain: certs.filter((c) => c !== chosen).map((c) => c.der),
        sign(data) {
          try {
            if (isEc) {
              mod.C_SignInit(session, { mechanism: lib.CKM_ECDSA }, privateKey);
              const digest = crypto.createHash('sha256').update(data).digest();
              return ecdsaRawToDer(new Uint8Array(mod.C_Sign(session, digest, Buffer.alloc(256))));
            }
            mod.C_SignInit(session, { mechanism: lib.CKM_SHA256_RSA_PKCS }, privateKey);
            return new Uint8Array(mod.C_Sign(session, Buffer.from(data), Buffer.alloc(1024)));
          } catch (e) {
            throw tokenError(e);
          }
        },
      });
    } finally {
      try {
        mod.C_Logout(session);
      } catch {
        /* not logged in */
      }
      mod.C_CloseSession(session);
    }
  });
}
