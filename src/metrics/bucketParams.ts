import { compareCodeUnits } from '../util/compareCodeUnits.js';
import { halfAccuracyDose } from './halfAccuracyDose.js';
import type { PairedRow } from './pairedRow.js';
import type { ParamBucket, ParamCurve } from './runMetrics.js';
import { sortedRecord } from './sortedRecord.js';
import { summarizeDegradation } from './summarizeDegradation.js';

/** How numeric parameters are bucketed. */
export interface BucketOptions {
  /** A numeric parameter with at most this many distinct values gets one bucket per value; integer >= 1. */
  readonly maxExactValues: number;
  /** Otherwise its [min, max] is cut into this many equal-width bins; integer >= 1. */
  readonly binCount: number;
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
