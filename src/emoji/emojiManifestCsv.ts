import { stringify } from 'csv-stringify/sync';
import type { EmojiImagePlan } from './planEmojiImages.js';

/** The dataset's `manifest.csv` (columns `path,label,split`), one row per planned image, in plan order. */
export function emojiManifestCsv(plan: readonly EmojiImagePlan[]): string {
  return stringify(
    plan.map((image) => [image.path, image.label, image.split]),
    { header: true, columns: ['path', 'label', 'split'], record_delimiter: 'unix' },
  );
}
