import type { Outcome } from '../results/outcome.js';

/** An error or unrenderable row, as the HTML report lists it. */
export interface ProblemRow {
  readonly model: string;
  readonly attackId: string;
  readonly sampleId: string;
  readonly variant: string;
  /** The error's stage, or `unrenderable`. */
  readonly kind: 'load' | 'label' | 'render' | 'embed' | 'unrenderable';
  readonly message: string;
}

/**
 * The first `limit` error rows, then unrenderable rows up to `limit` in all, in log order (errors
 * first: they are what breaks; unrenderable rows are a property of the attack). Every problem row
 * is counted in the metrics; this is the sample of them a person reads. Pure.
 */
export function collectProblemRows(outcomes: Iterable<Outcome>, limit: number): ProblemRow[] {
  const errors: ProblemRow[] = [];
  const unrenderable: ProblemRow[] = [];
  for (const o of outcomes) {
    if (o.kind === 'error' && errors.length < limit) {
      errors.push({ model: o.model, attackId: o.attackId, sampleId: o.sampleId, variant: o.variant, kind: o.stage, message: o.message });
    } else if (o.kind === 'unrenderable' && unrenderable.length < limit) {
      unrenderable.push({ model: o.model, attackId: o.attackId, sampleId: o.sampleId, variant: o.variant, kind: 'unrenderable', message: o.reason });
    }
  }
  return [...errors, ...unrenderable].slice(0, limit);
}
