import type { Sample } from '../datasets/dataset.js';
import type { Shard } from '../results/runPlan.js';

/**
 * The samples this process runs: the first `maxSamples` of the stream (all when undefined),
 * then every `shard.count`-th of them starting at `shard.index - 1`. Deterministic, so shards
 * partition the same set and their merged logs equal an unsharded run.
 */
export async function* selectSamples(samples: AsyncIterable<Sample>, shard: Shard, maxSamples?: number): AsyncGenerator<Sample> {
  let index = 0;
  for await (const sample of samples) {
    if (maxSamples !== undefined && index >= maxSamples) return;
    if (index % shard.count === shard.index - 1) yield sample;
    index += 1;
  }
}
