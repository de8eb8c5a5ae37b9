import { createHash } from 'node:crypto';

/** Lower-case hex SHA-256 of bytes (any typed array, e.g. canvas RGBA) or a UTF-8 string. */
export function sha256Hex(data: ArrayBufferView | string): string {
  const input = typeof data === 'string' ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return createHash('sha256').update(input).digest('hex');
}
