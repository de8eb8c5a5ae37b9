import { bucketDose } from './bucketDose.js';
import type { ParamCurve } from './runMetrics.js';

/**
 * AD50 ("accuracy dose 50"): the parameter value at which attacked top-1 accuracy falls to half of
 * clean top-1, read off one dose-response curve.
 */
export interface HalfAccuracyDose {
  /**
   * The parameter value, in the parameter's own unit (`fontSizePx`: pixels, `opacity`: [0,1]):
   * interpolated for `crossed`, the lowest dose for `atOrBelow` (an upper bound); null for
   * `notReached` and `noCleanAccuracy`.
   */
  readonly dose: number | null;
  /** Half of the pooled clean top-1 over the curve's scored rows, in (0, 0.5]; null for `noCleanAccuracy`. */
  readonly level: number | null;
  /**
   * `crossed`: attacked top-1 goes from above `level` to at or below it between two doses, and
   * `dose` is linearly interpolated between them. `atOrBelow`: it is at or below `level` already
   * at the lowest dose, so the AD50 is that dose or less. `notReached`: it stays above `level` at
   * every dose. `noCleanAccuracy`: clean top-1 is 0, so there is nothing to halve.
   */
  readonly bound: 'crossed' | 'atOrBelow' | 'notReached' | 'noCleanAccuracy';
}

/** Scored rows at one dose: rows, clean and attacked top-1 successes. */
interface DosePoint {
  readonly dose: number;
  n: number;
  clean: number;
  attacked: number;
}

/**
 * The AD50 of one parameter's curve.
 *
 * The level is half of the pooled clean top-1 over the curve's scored rows (rows without the
 * parameter are not on the curve). Buckets are taken in ascending dose order whatever order they
 * come in (a value bucket's dose is its value, a bin's its midpoint; buckets with the same dose are
 * pooled), skipping empty ones (n = 0); the AD50 is the first dose at which attacked top-1 goes
 * from above the level to at or below it, linearly interpolated between that dose and the
 * previous non-empty one. Comparisons with the level are exact (integer cross-products), so a
 * bucket exactly at half of clean counts as reached. The first crossing is reported even when the
 * curve later rises again (a parameter such as a rotation need not act monotonically).
 *
 * Null, meaning no dose-response to read, for a parameter that is not numeric (a string or boolean
 * value, mixed types, a non-finite number) and for a curve with fewer than two distinct doses with
 * scored rows (a single-valued parameter). Pure.
 */
export function halfAccuracyDose(curve: Pick<ParamCurve, 'buckets'>): HalfAccuracyDose | null {
  const byDose = new Map<number, DosePoint>();
  for (const bucket of curve.buckets) {
    const dose = bucketDose(bucket);
    if (dose === null || !Number.isFinite(dose)) return null;
    if (bucket.n === 0) continue;
    const key = dose === 0 ? 0 : dose; // -0 and 0 are one dose (one Map key), reported as 0
    const point = byDose.get(key) ?? { dose: key, n: 0, clean: 0, attacked: 0 };
    point.n += bucket.n;
    point.clean += bucket.clean.acc1.successes;
    point.attacked += bucket.attacked.acc1.successes;
    byDose.set(key, point);
  }
  if (byDose.size < 2) return null;
  const points = [...byDose.values()].sort((a, b) => a.dose - b.dose);
  let rows = 0;
  let clean = 0;
  for (const point of points) {
    rows += point.n;
    clean += point.clean;
  }
  if (clean === 0) return { dose: null, level: null, bound: 'noCleanAccuracy' };
  const level = clean / rows / 2;
  // attacked / n <= clean / (2 rows), without rounding.
  const reached = (p: DosePoint) => 2 * rows * p.attacked <= clean * p.n;
  const first = points[0] as DosePoint;
  if (reached(first)) return { dose: first.dose, level, bound: 'atOrBelow' };
  for (let i = 1; i < points.length; i++) {
    const before = points[i - 1] as DosePoint;
    const after = points[i] as DosePoint;
    if (!reached(after)) continue;
    const above = before.attacked / before.n;
    const below = after.attacked / after.n;
    // above > level >= below exactly; the guard only keeps rounding from dividing by zero.
    const t = above > below ? Math.min(1, Math.max(0, (above - level) / (above - below))) : 1;
    const dose = Math.min(after.dose, Math.max(before.dose, before.dose * (1 - t) + after.dose * t));
    return { dose, level, bound: 'crossed' };
  }
  return { dose: null, level, bound: 'notReached' };
}
