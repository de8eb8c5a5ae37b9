/** SHA-256 as stroop uses it: of bytes and strings, and of values by their canonical JSON. */
import { createHash } from 'node:crypto';

/** Lower-case hex SHA-256 of bytes (any typed array, e.g. canvas RGBA) or a UTF-8 string. */
export function sha256Hex(data: ArrayBufferView | string): string {
  const input = typeof data === 'string' ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return createHash('sha256').update(input).digest('hex');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** SHA-256 (hex) of a value's canonical JSON (object keys sorted): equal specs, equal hashes. */
export function specHash(value: unknown): string {
  return sha256Hex(JSON.stringify(canonical(value)));
}
