import type { RankedPrediction } from './rankedPrediction.js';

/** A scored outcome reduced to what the metrics read: the clean and attacked prediction of one sample. */
export interface PairedRow {
  readonly sampleId: string;
  /** The attack spec of this row among the sample's (see Outcome.variant). */
  readonly variant: string;
  readonly attackId: string;
  readonly trueLabel: string;
  /** The clean image's prediction (true class and the first five ranked class indices). */
  readonly clean: RankedPrediction;
  /** The attacked image's prediction, same shape. */
  readonly attacked: RankedPrediction;
  /** Class index the written text names, or null when it names none. */
  readonly targetIndex: number | null;
  /** Attack parameters as flat scalars. */
  readonly params: Readonly<Record<string, number | string | boolean>>;
}
