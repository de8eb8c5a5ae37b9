import type { AttackSpec } from './attackSpecSchema.js';

/**
 * Whether the attack leaves the image exactly as it was: nothing to write (blank
 * text or opacity 0, and no sticker that shows), no band, no re-encoding.
 * Such specs are allowed; the renderer marks their results `noop`.
 */
export function isNoopAttack(spec: AttackSpec): boolean {
  const blank = spec.text.trim() === '';
  const textShows = !blank && spec.opacity > 0;
  const stickerShows = !blank && spec.sticker !== null && spec.sticker.opacity > 0;
  return !textShows && !stickerShows && spec.layout.kind === 'overlay' && spec.resave === null;
}
