import { flipFontFraction } from './flipFontFraction.js';
import type { FlippedRecord, SearchRecord } from '../results/searchRecord.js';

/** The flipped images of each model with the smallest flipping font, weakest first (ties by sample id). */
export function weakestFlips(records: readonly SearchRecord[], perModel: number): FlippedRecord[] {
  const flipped = records.filter((r): r is FlippedRecord => r.status === 'flipped');
  const models = [...new Set(flipped.map((r) => r.model))].sort();
  return models.flatMap((model) =>
    flipped
      .filter((r) => r.model === model)
      .sort((a, b) => flipFontFraction(a) - flipFontFraction(b) || (a.sampleId < b.sampleId ? -1 : a.sampleId > b.sampleId ? 1 : 0))
      .slice(0, perModel),
  );
}
