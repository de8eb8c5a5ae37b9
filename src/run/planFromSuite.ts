import type { Suite } from '../suite/suite.js';
import type { RunPlan, Shard } from '../results/runPlan.js';
import { UsageError } from '../errors/errors.js';
import { defaultProtocol } from '../zeroshot/protocols.js';
import type { Sample } from '../datasets/dataset.js';
import type { SearchEntry } from '../suite/schema/searchEntrySchema.js';
import { searchEntrySchema } from '../suite/schema/searchEntrySchema.js';
import type { SearchPlan } from '../results/searchManifest.js';

/** The run plan of a loaded suite for one shard, with an optional cap on samples per dataset, and the suite's gates. */
export function planFromSuite(suite: Suite, shard: Shard, maxSamples?: number): RunPlan {
  const cap = maxSamples ?? suite.maxSamples;
  return {
    name: suite.name,
    ...(suite.protocol === defaultProtocol ? {} : { protocol: suite.protocol }),
    models: suite.models.map((m) => ({
      id: m.id,
      ref: m.ref.kind === 'local' ? m.ref.dir : `${m.ref.id}@${m.ref.revision}`,
      engine: m.engine,
      dtype: m.dtype,
      device: m.device,
      ...(m.threads === undefined ? {} : { threads: m.threads }),
    })),
    datasets: suite.datasets.map((d) => {
      if (d.hub !== undefined && d.root === '') throw new Error(`internal: hub dataset '${d.id}' was not fetched before planning (see ensureSuiteDatasets)`);
      return {
        id: d.id,
        spec: {
          root: d.root,
          ...(d.manifest === undefined ? {} : { manifest: d.manifest }),
          ...(d.split === undefined || d.hub !== undefined ? {} : { split: d.split }),
          ...(d.where === undefined ? {} : { where: d.where }),
        },
        classes: d.classes.kind === 'rule' ? d.classes.rule : d.classes.names,
        ...(d.orientation === undefined ? {} : { orientation: d.orientation }),
        ...(d.breakdown === undefined ? {} : { breakdown: d.breakdown }),
        ...(d.hubSource === undefined ? {} : { hub: d.hubSource }),
      };
    }),
    templates: suite.prompts.templates,
    attacks: suite.attacks.map((a) => ({ id: a.id, attack: a.ref, n: a.n, seed: a.seed })),
    batch: suite.batch,
    topK: suite.topK,
    ...(cap === undefined ? {} : { maxSamples: cap }),
    shard,
    ...(suite.thresholds === undefined ? {} : { thresholds: suite.thresholds }),
  };
}

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

/**
 * The search plan of a loaded suite: its models, datasets and prompts, and its `search` block
 * (every default when the suite has none), with command-line overrides applied.
 */
export function searchPlanFromSuite(suite: Suite, overrides: { readonly maxSamples?: number; readonly search?: Partial<SearchEntry> } = {}): SearchPlan {
  if (suite.protocol === 'scam-binary') {
    throw new UsageError(`Suite '${suite.name}' uses protocol scam-binary, which scores the word already written on each image; a search draws words of its own, so it needs protocol zero-shot or all-labels.`);
  }
  const run = planFromSuite(suite, { index: 1, count: 1 }, overrides.maxSamples);
  const search = { ...(suite.search ?? searchEntrySchema.parse({})), ...overrides.search };
  return {
    name: suite.name,
    models: run.models,
    datasets: run.datasets,
    templates: run.templates,
    batch: run.batch,
    ...(run.maxSamples === undefined ? {} : { maxSamples: run.maxSamples }),
    search,
  };
}
