import type { ParamBucket } from './runMetrics.js';

/**
 * Where a parameter bucket sits on the dose axis, in the parameter's own unit: its value for a
 * numeric value bucket, the midpoint of `[from, to]` for a bin; null for a string or boolean value.
 */
export function bucketDose(bucket: Pick<ParamBucket, 'value' | 'from' | 'to'>): number | null {
  if (typeof bucket.value === 'number') return bucket.value;
  if (bucket.value === null && bucket.from !== null && bucket.to !== null) return bucket.from / 2 + bucket.to / 2;
  return null;
}
