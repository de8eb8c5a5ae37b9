import type { Sample } from '../datasets/dataset.js';

/**
 * The image a search attacks: the sample's own, or for a real-world attack sample (its image
 * already carries a word) its clean pair; undefined for an unpaired real-world sample.
 */
export function searchedImageOf(sample: Sample): string | undefined {
  return sample.attackText === undefined ? sample.path : sample.cleanPath;
}
