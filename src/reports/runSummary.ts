import { z } from 'zod';
import type { GateResult } from '../gates/gates.js';
import type { RunMetrics } from '../metrics/runMetrics.js';
import type { TypeComparison } from '../metrics/typeComparison.js';
import type { ProtocolName } from '../zeroshot/protocols.js';
import type { RunManifest } from '../results/runManifest.js';
import type { SuiteThresholds } from '../suite/suite.js';

/** `summary.json`: every metric plus what is needed to reproduce and trust them. */
export interface RunSummary {
  readonly summaryVersion: 1;
  readonly stroopVersion: string;
  readonly gitCommit: string | null;
  readonly suite: string;
  /** The protocol that produced every number below (see zeroshot/protocols), and what it is. */
  readonly protocol: { readonly name: ProtocolName; readonly description: string };
  readonly planHash: string;
  readonly shard: RunManifest['plan']['shard'];
  readonly generatedAt: string;
  readonly models: RunManifest['models'];
  readonly datasets: RunManifest['plan']['datasets'];
  readonly classes: RunManifest['classes'];
  readonly prompts: readonly string[];
  readonly attacks: ReadonlyArray<{ readonly id: string; readonly n: number; readonly seed: number; readonly source: string }>;
  readonly renderer: unknown;
  /** The image decoders the run used per format (null for runs before stroop recorded them). */
  readonly decoders: RunManifest['decoders'] | null;
  readonly host: RunManifest['host'];
  /** The gates the run was held to (suite values, overridden by command-line flags), or null. */
  readonly thresholds: SuiteThresholds | null;
  /** One result per model x attack x gate (and per class with `junitPerClass`); empty without thresholds. */
  readonly gates: readonly GateResult[];
  readonly metrics: RunMetrics;
  /**
   * SCAM's view, per model, of rows whose images carry a `type` and an `id` attribute (SCAM's
   * dataset): accuracy per type and the types compared scene by scene; null when no row does.
   */
  readonly typeComparison: Readonly<Record<string, TypeComparison>> | null;
}

const count = z.number().int().nonnegative();
const fraction = z.number().min(0).max(1).nullable();
const rate = z.looseObject({ successes: count, n: count, rate: fraction, lower: fraction, upper: fraction });
const accuracy = z.looseObject({ acc1: rate, acc5: rate });
const degradation = z.looseObject({
  n: count,
  clean: accuracy,
  attacked: accuracy,
  drop: z.looseObject({ acc1: z.looseObject({ absolute: z.number().nullable() }) }),
  targetedAsr: rate,
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
  protocol: z.looseObject({ name: z.string() }).optional(),
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

// One contract: every summary stroop writes passes the schema `stroop compare` reads (checked when compiling).
// The schema's fields as the writer's readonly types, without the index signatures loose objects add.
type Declared<T> = T extends readonly (infer U)[] ? readonly Declared<U>[] : T extends object ? { readonly [K in keyof T as string extends K ? never : K]: Declared<T[K]> } : T;
const writtenSummaryPasses = (summary: RunSummary): Declared<z.input<typeof summarySchema>> => summary;
void writtenSummaryPasses;
