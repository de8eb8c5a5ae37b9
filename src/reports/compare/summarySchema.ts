import { z } from 'zod';

const count = z.number().int().nonnegative();
const fraction = z.number().min(0).max(1).nullable();
const rate = z.looseObject({ successes: count, n: count, rate: fraction, lower: fraction, upper: fraction });
const accuracy = z.looseObject({ acc1: rate, acc5: rate });
const degradation = z.looseObject({
  n: count,
  clean: accuracy,
  attacked: accuracy,
  drop: z.looseObject({ acc1: z.looseObject({ absolute: z.number().nullable() }) }),
  targetSuccessRate: rate,
});
const modelFile = z.looseObject({ file: z.string(), sha256: z.string() });

/**
 * The parts of a `summary.json` (RunSummary) that `stroop compare` reads, checked before use:
 * a hand-edited, truncated or foreign JSON file fails here with the path of the first problem.
 * Unknown fields are allowed (later versions may add some).
 */
export const summarySchema = z.looseObject({
  summaryVersion: z.number(),
  stroopVersion: z.string(),
  suite: z.string(),
  planHash: z.string(),
  models: z.record(z.string(), z.looseObject({ files: z.array(modelFile), engine: z.string(), backend: z.string(), dtype: z.string() })),
  datasets: z.array(z.looseObject({ id: z.string(), spec: z.looseObject({ root: z.string(), manifest: z.string().optional(), split: z.string().optional() }) })),
  classes: z.record(z.string(), z.array(z.string())),
  prompts: z.array(z.string()),
  attacks: z.array(z.looseObject({ id: z.string(), n: count, seed: z.number(), source: z.string() })),
  renderer: z.unknown(),
  metrics: z.looseObject({
    metricsVersion: z.number(),
    counts: z.looseObject({ total: count, scored: count }),
    models: z.record(z.string(), z.looseObject({ clean: accuracy.extend({ samples: count }), attacks: z.record(z.string(), degradation) })),
  }),
});
