/** Five-number summary and mean of a set of values; every field null when there are none. */
export interface Distribution {
  readonly n: number;
  readonly min: number | null;
  /** Quartiles by linear interpolation between order statistics (R type 7, numpy's default). */
  readonly q25: number | null;
  readonly median: number | null;
  readonly q75: number | null;
  readonly max: number | null;
  readonly mean: number | null;
}

function quantile(sorted: readonly number[], p: number): number {
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo);
}

/** The {@link Distribution} of `values` (finite numbers). */
export function distributionOf(values: readonly number[]): Distribution {
  if (values.length === 0) return { n: 0, min: null, q25: null, median: null, q75: null, max: null, mean: null };
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0] as number,
    q25: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    q75: quantile(sorted, 0.75),
    max: sorted[sorted.length - 1] as number,
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}
