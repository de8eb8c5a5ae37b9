import { messageOf } from '../util/messageOf.js';
/** The reason text of an error thrown by a decoder (ours or a library's), on one line. */
export function reasonOf(error: unknown): string {
  const text = messageOf(error);
  return text.replace(/\s+/g, ' ').trim();
}
