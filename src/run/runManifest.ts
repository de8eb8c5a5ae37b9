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
  readonly logitScale: number;
  /** The preprocessing applied (from preprocessor_config.json). */
  readonly preprocessor: unknown;
}

/** `run.json`: the plan and provenance of the run in an output directory. */
export interface RunManifest {
  readonly stroopVersion: string;
  /** SHA-256 of the plan without its shard: shards of one suite share it, other suites do not. */
  readonly planHash: string;
  readonly plan: RunPlan;
  readonly startedAt: string;
  readonly models: Record<string, ModelProvenance>;
  /** Class list per dataset id. */
  readonly classes: Record<string, readonly string[]>;
  readonly renderer: unknown;
  readonly host: { readonly platform: string; readonly arch: string; readonly node: string; readonly cpus: number };
  readonly gitCommit: string | null;
}
