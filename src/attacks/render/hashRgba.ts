import { createHash } from 'node:crypto';

/** Lower-case hex SHA-256 of raw RGBA bytes: the render hash a report records. */
export function hashRgba(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
