import type { FamilyId } from '../families/modelConfig.js';
import type { ImageDecoders } from '../image/imageDecoders.js';
import type { ScoringRule } from '../zeroshot/scoringRule.js';
import type { ModelFile } from './modelFingerprint.js';
import type { RunPlan } from './runPlan.js';

/** What a run records about each model it audited (for summary.json and re-reports). */
export interface ModelProvenance {
  readonly id: string;
  /** As the suite named it: a directory or hub id. */
  readonly ref: string;
  /** The local directory it was loaded from. */
  readonly dir: string;
  readonly files: readonly ModelFile[];
  readonly engine: string;
  readonly backend: string;
  readonly dtype: string;
  /** exp(logit_scale) (kept beside `scoring` for readers of earlier run.json files). */
  readonly logitScale: number;
  /** The model family (absent in run.json files written before SigLIP: those are CLIP). */
  readonly family?: FamilyId;
  /** How its logits became probabilities (absent before SigLIP: softmax with logitScale). */
  readonly scoring?: ScoringRule;
  /** The preprocessing applied (from preprocessor_config.json). */
  readonly preprocessor: unknown;
}

/** What produced an output directory's results (a run's or a search's). */
export interface RunProvenance {
  readonly stroopVersion: string;
  /** When the first process writing into the directory started (resumes keep it). */
  readonly startedAt: string;
  readonly renderer: unknown;
  /** The image decoders of the process, per format (absent in manifests written before stroop named them). */
  readonly decoders?: ImageDecoders;
  readonly host: { readonly platform: string; readonly arch: string; readonly node: string; readonly cpus: number };
  readonly gitCommit: string | null;
}

/** What a run's and a search's manifests share: provenance, the plan, and what was recorded per model and dataset. */
export interface OutputManifest<Plan> extends RunProvenance {
  /** SHA-256 of what decides the results (see each manifest). */
  readonly planHash: string;
  readonly plan: Plan;
  readonly models: Record<string, ModelProvenance>;
  /** Class list per dataset id. */
  readonly classes: Record<string, readonly string[]>;
}

/**
 * `run.json`: the plan and provenance of the run in an output directory. Its `planHash` is the
 * SHA-256 of the plan without its shard: shards of one suite share it, other suites do not.
 */
export type RunManifest = OutputManifest<RunPlan>;
