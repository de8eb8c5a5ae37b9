import type { FamilyId } from '../families/modelFamily.js';
import type { ImageDecoders } from '../image/decodeImage.js';
import type { ScoringRule } from '../zeroshot/scoringRule.js';
import type { ModelFile } from '../store/fingerprints.js';
import type { RunPlan } from './runPlan.js';
import fs from 'node:fs';
import { writeJsonAtomically } from './outputDir.js';
import os from 'node:os';
import { rendererVersions } from '../attacks/render/renderAttack.js';
import { imageDecoders } from '../image/decodeImage.js';
import { stroopVersion, packageRoot } from '../packageRoot.js';
import { execFileSync } from 'node:child_process';

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

/**
 * Starts (or resumes) writing into an output directory: writes its manifest with this process's
 * provenance (a resume keeps the first start time and the models and classes already recorded)
 * and creates the empty result log when there is none yet. The caller has checked that
 * `previous` is of the same plan, and holds the directory's lock (OutputDirLock) from before it read
 * the log until it stops writing.
 */
export function startOutputManifest<Plan>(manifestFile: string, logFile: string, previous: OutputManifest<Plan> | undefined, planHash: string, plan: Plan): OutputManifest<Plan> {
  const manifest: OutputManifest<Plan> = {
    ...runProvenance(previous?.startedAt),
    planHash,
    plan,
    models: { ...(previous?.models ?? {}) },
    classes: { ...(previous?.classes ?? {}) },
  };
  writeJsonAtomically(manifestFile, manifest);
  if (!fs.existsSync(logFile)) fs.writeFileSync(logFile, '');
  return manifest;
}

/** What produced the results of an output directory: this stroop, renderer, image decoders and host, and when the first process started. */
export function runProvenance(startedAt: string | undefined): RunProvenance {
  return {
    stroopVersion,
    startedAt: startedAt ?? new Date().toISOString(),
    renderer: rendererVersions(),
    decoders: imageDecoders(),
    host: { platform: process.platform, arch: process.arch, node: process.version, cpus: os.availableParallelism() },
    gitCommit: gitCommit(),
  };
}

/** The git commit stroop runs from, when it runs from a checkout; null otherwise. */
export function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: packageRoot, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() || null;
  } catch {
    return null;
  }
}
