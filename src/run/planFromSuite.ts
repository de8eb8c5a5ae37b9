import type { Suite } from '../suite/suite.js';
import type { RunPlan, Shard } from '../results/runPlan.js';

/** The run plan of a loaded suite for one shard, with an optional cap on samples per dataset, and the suite's gates. */
export function planFromSuite(suite: Suite, shard: Shard, maxSamples?: number): RunPlan {
  const cap = maxSamples ?? suite.maxSamples;
  return {
    name: suite.name,
    models: suite.models.map((m) => ({
      id: m.id,
      ref: m.ref.kind === 'local' ? m.ref.dir : `${m.ref.id}@${m.ref.revision}`,
      engine: m.engine,
      dtype: m.dtype,
      device: m.device,
      ...(m.threads === undefined ? {} : { threads: m.threads }),
    })),
    datasets: suite.datasets.map((d) => ({
      id: d.id,
      spec: { root: d.root, ...(d.manifest === undefined ? {} : { manifest: d.manifest }), ...(d.split === undefined ? {} : { split: d.split }) },
      classes: d.classes.kind === 'rule' ? d.classes.rule : d.classes.names,
      ...(d.orientation === undefined ? {} : { orientation: d.orientation }),
    })),
    templates: suite.prompts.templates,
    attacks: suite.attacks.map((a) => ({ id: a.id, attack: a.ref, n: a.n, seed: a.seed })),
    batch: suite.batch,
    topK: suite.topK,
    ...(cap === undefined ? {} : { maxSamples: cap }),
    shard,
    ...(suite.thresholds === undefined ? {} : { thresholds: suite.thresholds }),
  };
}
