/**
 * JSON codec for the HTTP host: Uint8Array values travel as {"$bytes": "<base64>"}, or — a file sent before the call
 * by streaming it to POST /upload — as {"$upload": "<id>"}, which the host turns back into the bytes (so API bodies
 * stay small: no 300 MB JSON in memory). IPC needs none of this (structured clone carries Uint8Array as is).
 */
const KEY = '$bytes';
const UPLOAD = '$upload';

/** Bytes at least this large are streamed to POST /upload first by the HTTP clients. */
export const UPLOAD_FROM_BYTES = 256 * 1024;

function toBase64(u8: Uint8Array): string {
  if (typeof Buffer !== 'undefined') return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('base64');
  let s = '';
  const chunk = 0x8000;
  for (let i = 0; i < u8.length; i += chunk) s += String.fromCharCode(...u8.subarray(i, i + chunk));
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array {
  if (typeof Buffer !== 'undefined') {
    const b = Buffer.from(b64, 'base64');
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }
  const s = atob(b64);
  const u8 = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) u8[i] = s.charCodeAt(i);
  return u8;
}

/** `uploaded`: byte arrays already sent to POST /upload, by the id the host gave each. */
export function encodeWire(value: unknown, uploaded?: ReadonlyMap<Uint8Array, string>): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    if (raw instanceof Uint8Array) {
      const id = uploaded?.get(raw);
      return id ? { [UPLOAD]: id } : { [KEY]: toBase64(raw) };
    }
    return v;
  });
}

/** Every byte array of a value worth uploading before the call (depth-first, each once). */
export function largeBytesIn(value: unknown, min = UPLOAD_FROM_BYTES, out: Uint8Array[] = []): Uint8Array[] {
  if (value instanceof Uint8Array) {
    if (value.byteLength >= min && !out.includes(value)) out.push(value);
  } else if (Array.isArray(value)) for (const v of value) largeBytesIn(v, min, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) largeBytesIn(v, min, out);
  return out;
}

/** `upload`: the bytes of an uploaded file by its id (the host's, for this session); without it a reference is refused. */
export function decodeWire(text: string, upload?: (id: string) => Uint8Array): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length === 1 && keys[0] === KEY && typeof o[KEY] === 'string') return fromBase64(o[KEY] as string);
      if (keys.length === 1 && keys[0] === UPLOAD && typeof o[UPLOAD] === 'string') {
        if (!upload) throw new Error('an upload reference where none is taken');
        return upload(o[UPLOAD] as string);
      }
    }
    return v;
  });
}
