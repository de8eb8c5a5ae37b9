import { UsageError } from '../errors/UsageError.js';
import type { Shard } from '../results/runPlan.js';

/** `--shard i/n` (1 <= i <= n): this process runs the i-th of n deterministic slices. */
export function parseShard(value: string | undefined): Shard {
  if (value === undefined) return { index: 1, count: 1 };
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard must be i/n with 1 <= i <= n (e.g. 2/4), got '${value}'.`, '--shard');
  }
  return { index, count };
}
