import crypto from 'node:crypto';

/**
 * Authenticated encryption of a byte stream in fixed-size chunks (the STREAM construction: AES-256-GCM per chunk, the
 * chunk's index and whether it is the last one bound into its nonce and associated data). A chunk can be decrypted on
 * its own, so a stored file is read or streamed from any offset without decrypting what comes before; reordering,
 * dropping or truncating chunks fails authentication like any flipped byte. Used by the attachment store
 * (attachments/blob-store.ts) and the backup archive (backup/archive.ts).
 */

export const TAG_BYTES = 16;
export const NONCE_PREFIX_BYTES = 8;

export class ChunkCipher {
  /**
   * @param key 32 bytes.
   * @param noncePrefix 8 random bytes, new for every stream encrypted under this key.
   * @param context bytes every chunk authenticates besides its own (the file's header, its name).
   */
  constructor(
    private readonly key: Uint8Array,
    private readonly noncePrefix: Uint8Array,
    private readonly context: Uint8Array,
  ) {
    if (key.byteLength !== 32) throw new Error('ChunkCipher: key must be 32 bytes');
    if (noncePrefix.byteLength !== NONCE_PREFIX_BYTES) throw new Error('ChunkCipher: bad nonce prefix');
  }

  private nonce(index: number): Buffer {
    const n = Buffer.alloc(12);
    n.set(this.noncePrefix, 0);
    n.writeUInt32BE(index >>> 0, 8);
    return n;
  }

  private aad(index: number, last: boolean): Buffer {
    const tail = Buffer.alloc(5);
    tail.writeUInt32BE(index >>> 0, 0);
    tail[4] = last ? 1 : 0;
    return Buffer.concat([this.context, tail]);
  }

  /** The chunk's ciphertext followed by its 16-byte tag. */
  seal(index: number, plain: Uint8Array, last: boolean): Buffer {
    const c = crypto.createCipheriv('aes-256-gcm', this.key, this.nonce(index));
    c.setAAD(this.aad(index, last));
    const body = Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
    return body;
  }

  /** The chunk's plaintext; throws ChunkAuthError when it was altered, moved, or is not the chunk expected. */
  open(index: number, sealed: Uint8Array, last: boolean): Buffer {
    if (sealed.byteLength < TAG_BYTES) throw new ChunkAuthError(index);
    const d = crypto.createDecipheriv('aes-256-gcm', this.key, this.nonce(index));
    d.setAAD(this.aad(index, last));
    d.setAuthTag(sealed.subarray(sealed.byteLength - TAG_BYTES));
    try {
      return Buffer.concat([d.update(sealed.subarray(0, sealed.byteLength - TAG_BYTES)), d.final()]);
    } catch {
      throw new ChunkAuthError(index);
    }
  }
}

export class ChunkAuthError extends Error {
  constructor(readonly chunk: number) {
    super(`chunk ${chunk} failed authentication`);
    this.name = 'ChunkAuthError';
  }
}

/** A key for one purpose, derived from the installation key (HKDF-SHA256), so that no two uses share a key. */
export function deriveKey(installationKey: Uint8Array, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', installationKey, Buffer.from('vanphong'), Buffer.from(purpose), 32));
}
