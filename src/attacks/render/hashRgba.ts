import { sha256Hex } from '../../util/sha256Hex.js';

/** Lower-case hex SHA-256 of raw RGBA bytes: the render hash a report records. */
export function hashRgba(data: Uint8Array): string {
  return sha256Hex(data);
}
