import { StroopError } from '../errors/StroopError.js';

/**
 * Why a set of outcomes cannot be summarised:
 * - `cleanDisagreement`: two rows of one (model, sample) carry different clean predictions
 *   (the clean image is classified once per model, so every row must repeat the same top-k);
 * - `duplicateOutcome`: two rows share one (model, attackId, sampleId, variant) key, which would count a
 *   sample twice (the result-log reader resolves retries before metrics see the rows).
 *
 * Both mean the result log is inconsistent: the run itself failed (exit code 3), not the user's input.
 */
export type MetricsErrorKind = 'cleanDisagreement' | 'duplicateOutcome';

/** Outcomes that contradict each other, so no metric computed from them would be trustworthy. */
export class MetricsError extends StroopError {
  override readonly name = 'MetricsError';

  constructor(
    message: string,
    readonly kind: MetricsErrorKind,
    /** Model id of the rows at fault. */
    readonly model: string,
    /** Sample id of the rows at fault. */
    readonly sampleId: string,
    /** Attack id of the rows at fault (for `duplicateOutcome`; the second row's for `cleanDisagreement`). */
    readonly attackId: string,
  ) {
    super(message);
  }
}
