import type { ErrorOutcome } from '../results/outcome.js';

/** Error outcomes by the stage that failed (keys in pipeline order). */
export type ErrorCounts = { readonly [stage in ErrorOutcome['stage']]: number };

/**
 * How many rows of each kind a group holds. Every row is counted here, whatever its kind;
 * only `scored` rows enter rates.
 */
export interface OutcomeCounts {
  /** All rows: scored + unrenderable + every error. */
  readonly total: number;
  readonly scored: number;
  /** The attack could not be rendered on the image. */
  readonly unrenderable: number;
  readonly errors: ErrorCounts;
}

/** No rows. */
export const noOutcomes: OutcomeCounts = Object.freeze({
  total: 0,
  scored: 0,
  unrenderable: 0,
  errors: Object.freeze({ load: 0, label: 0, render: 0, embed: 0 }),
});

/** The field-by-field sum of several groups' counts. */
export function sumCounts(all: Iterable<OutcomeCounts>): OutcomeCounts {
  let total = 0;
  let scored = 0;
  let unrenderable = 0;
  const errors = { load: 0, label: 0, render: 0, embed: 0 };
  for (const counts of all) {
    total += counts.total;
    scored += counts.scored;
    unrenderable += counts.unrenderable;
    for (const stage of Object.keys(errors) as (keyof ErrorCounts)[]) errors[stage] += counts.errors[stage];
  }
  return { total, scored, unrenderable, errors };
}
