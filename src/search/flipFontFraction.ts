import type { FlippedRecord } from '../results/searchRecord.js';

/**
 * The smallest font (as a fraction of the image height) known to flip this image: the size
 * margin's flipping value when it was bisected, else the minimal attack's.
 */
export function flipFontFraction(record: FlippedRecord): number {
  const size = record.margins['size'];
  const px = size !== undefined && (size.kind === 'threshold' || size.kind === 'flipsAtWeakest') ? Math.min(size.fontSizePx, record.attack.fontSizePx) : record.attack.fontSizePx;
  return px / record.height;
}
