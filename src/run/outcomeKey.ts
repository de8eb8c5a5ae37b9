import type { OutcomeKey } from './outcome.js';

/** The identity of one result-log row: what resume skips and merge deduplicates on. */
export function outcomeKey(o: Pick<OutcomeKey, 'model' | 'attackId' | 'sampleId' | 'variant'>): string {
  return `${o.model}\u0000${o.attackId}\u0000${o.sampleId}\u0000${o.variant}`;
}
