import type { FlippedRecord } from '../../results/searchRecord.js';

/** A minimal attack as search.html shows it: the clean image, the attack, and the attack just too small to flip. */
export interface SearchCard {
  readonly record: FlippedRecord;
  /** PNG data URIs, or null when the image could not be made. */
  readonly cleanPng: string | null;
  readonly attackPng: string | null;
  /** The minimal attack at the size margin's holding value (it does not flip); null without a size threshold. */
  readonly holdingPng: string | null;
  /** What went wrong or differs (image gone, re-render differs), or null. */
  readonly note: string | null;
}
