import type { AttackSpec } from '../attacks/attackSpec.js';
import type { ErrorOutcome, OutcomeKey } from '../results/outcome.js';


/** One attack row to produce for a sample, before rendering. */
export interface PlannedRow {
  readonly attackId: string;
  readonly variant: string;
  readonly spec: AttackSpec;
  readonly seed: number;
}

/**
 * An attack row after rendering (or after finding its render in the index). `failed`: drawing
 * its spec (a text it cannot write) or rendering it threw; a row that was never drawn has no
 * spec, so nothing reads a failed row's spec. A failed row fails alone: its sample's clean row
 * and other rows go on.
 */
export type RowState =
  | { readonly kind: 'rendered'; readonly row: PlannedRow; readonly key: string; readonly fontSizePx: number }
  | { readonly kind: 'unrenderable'; readonly row: PlannedRow; readonly reason: string }
  | { readonly kind: 'failed'; readonly row: PlannedRow; readonly message: string };

/** A real-world attack image (the text is already on it), scored against its clean pair. */
export interface RealWorldRow {
  readonly key: string;
  readonly attackText: string;
  /** Whether a clean pair exists; without one, clean = attacked and no drop is measured. */
  readonly paired: boolean;
}

/** One sample between rendering and scoring: which embeddings its rows need. */
export interface SampleState {
  readonly key: Omit<OutcomeKey, 'attackId' | 'variant'>;
  readonly needClean: boolean;
  readonly cleanKey?: string;
  readonly realWorld?: RealWorldRow;
  readonly rows: RowState[];
  readonly failure?: { readonly stage: ErrorOutcome['stage']; readonly message: string; readonly rows: readonly PlannedRow[] };
}
