import { compareCodeUnits, sortedRecord } from '../util/ordering.js';
import { summarizeDegradation, type Degradation } from './degradation.js';
import type { PairedRow } from './indexOutcomes.js';

// Dose-response curves: scored rows bucketed per attack parameter, and the AD50 read off each curve.

/**
 * Rows whose attack parameter falls in one bucket: either one exact value (`value` set, `from`/`to`
 * null) or a numeric bin `[from, to)` (the last bin also holds `to`; `value` null).
 */
export interface ParamBucket extends Degradation {
  /** `16`, `top-left`, `true`, or a bin as `[8, 12)` / `[28, 32]`. */
  readonly label: string;
  readonly value: number | string | boolean | null;
  readonly from: number | null;
  readonly to: number | null;
}

/**
 * One attack parameter's dose-response curve. `values`: one bucket per distinct value (numbers
 * ascending, then false/true, then strings in code-unit order). `bins`: equal-width bins over
 * [min, max] of a numeric parameter with many distinct values, empty bins kept (n = 0).
 */
export interface ParamCurve {
  readonly bucketing: 'values' | 'bins';
  /** Scored rows that do not carry this parameter. */
  readonly missing: number;
  readonly buckets: readonly ParamBucket[];
  /**
   * AD50: the parameter value at which attacked top-1 falls to half of the curve's pooled clean
   * top-1, interpolated (see halfAccuracyDose); null for a parameter that is not numeric or takes
   * fewer than two values with scored rows.
   */
  readonly ad50: HalfAccuracyDose | null;
}

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

/** How numeric parameters are bucketed. */
export interface BucketOptions {
  /** A numeric parameter with at most this many distinct values gets one bucket per value; integer >= 1. */
  readonly maxExactValues: number;
  /** Otherwise its [min, max] is cut into this many equal-width bins; integer >= 1. */
  readonly binCount: number;
}

/**
 * Where a parameter bucket sits on the dose axis, in the parameter's own unit: its value for a
 * numeric value bucket, the midpoint of `[from, to]` for a bin; null for a string or boolean value.
 */
export function bucketDose(bucket: Pick<ParamBucket, 'value' | 'from' | 'to'>): number | null {
  if (typeof bucket.value === 'number') return bucket.value;
  if (bucket.value === null && bucket.from !== null && bucket.to !== null) return bucket.from / 2 + bucket.to / 2;
  return null;
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

type ParamValue = number | string | boolean;

const typeRank = { number: 0, boolean: 1, string: 2 } as const;

function compareValues(a: ParamValue, b: ParamValue): number {
  const byType = typeRank[typeof a as keyof typeof typeRank] - typeRank[typeof b as keyof typeof typeRank];
  if (byType !== 0) return byType;
  if (typeof a === 'string' && typeof b === 'string') return compareCodeUnits(a, b);
  return Number(a) - Number(b);
}

function valueBuckets(groups: Map<ParamValue, PairedRow[]>): ParamBucket[] {
  return [...groups.keys()].sort(compareValues).map((value) => ({
    label: String(value),
    value,
    from: null,
    to: null,
    ...summarizeDegradation(groups.get(value) ?? []),
  }));
}

function binBuckets(present: readonly (readonly [number, PairedRow])[], binCount: number): ParamBucket[] {
  let min = Infinity;
  let max = -Infinity;
  for (const [value] of present) {
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  const edges = Array.from({ length: binCount + 1 }, (_, i) => (i === binCount ? max : min + ((max - min) * i) / binCount));
  const bins: PairedRow[][] = Array.from({ length: binCount }, () => []);
  for (const [value, row] of present) {
    // The last bin whose lower edge is <= value: membership agrees with the edges reported.
    let bin = binCount - 1;
    while (bin > 0 && value < (edges[bin] ?? -Infinity)) bin--;
    bins[bin]?.push(row);
  }
  return bins.map((rows, i) => {
    const from = edges[i] ?? min;
    const to = edges[i + 1] ?? max;
    const last = i === binCount - 1;
    return { label: `[${from}, ${to}${last ? ']' : ')'}`, value: null, from, to, ...summarizeDegradation(rows) };
  });
}

/**
 * Dose-response buckets for every key of the rows' `params`.
 *
 * A key whose values are all finite numbers with more than `maxExactValues` distinct values is cut
 * into `binCount` equal-width bins over [min, max] (lower edge inclusive, upper exclusive, the last
 * bin closed), empty bins kept so curves keep their x axis. Any other key (strings, booleans,
 * few numbers, mixed types) gets one bucket per distinct value. Rows without the key are counted
 * as `missing`. Each curve carries its AD50 (see halfAccuracyDose).
 */
export function bucketParams(rows: readonly PairedRow[], options: BucketOptions): Record<string, ParamCurve> {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row.params)) keys.add(key);
  return sortedRecord(
    [...keys].map((key): [string, ParamCurve] => {
      const present: (readonly [ParamValue, PairedRow])[] = [];
      for (const row of rows) {
        if (Object.hasOwn(row.params, key)) {
          const value = row.params[key];
          if (value !== undefined) present.push([value, row]);
        }
      }
      const missing = rows.length - present.length;
      const groups = new Map<ParamValue, PairedRow[]>();
      for (const [value, row] of present) {
        const group = groups.get(value);
        if (group) group.push(row);
        else groups.set(value, [row]);
      }
      const numeric = present.every(([value]) => typeof value === 'number' && Number.isFinite(value));
      const binned = numeric && groups.size > options.maxExactValues;
      const buckets = binned ? binBuckets(present as (readonly [number, PairedRow])[], options.binCount) : valueBuckets(groups);
      return [key, { bucketing: binned ? 'bins' : 'values', missing, buckets, ad50: halfAccuracyDose({ buckets }) }];
    }),
  );
}
