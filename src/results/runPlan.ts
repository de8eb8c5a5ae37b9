import type { OrientationPolicy } from '../image/decodeImage.js';
import type { AttackRef } from '../attacks/presets/loadPreset.js';
import type { ClassSetRule } from '../datasets/classSetOf.js';
import type { DatasetSpec } from '../datasets/dataset.js';
import type { Device, Dtype } from '../engines/embeddingEngine.js';
import type { SuiteThresholds } from '../suite/suite.js';
import type { ProtocolName } from '../zeroshot/protocols.js';

/** A model to audit, as the suite names it. */
export interface PlannedModel {
  /** Label in reports and result rows. */
  readonly id: string;
  /** Local directory or hub id `org/name[@revision]`. */
  readonly ref: string;
  readonly engine: string;
  readonly dtype: Dtype;
  readonly device: Device;
  readonly threads?: number;
}

export interface PlannedDataset {
  /** Prefix of sample ids in result rows (`<dataset id>/<image path>`). */
  readonly id: string;
  readonly spec: DatasetSpec;
  /** How the class list is made: a rule over the samples, or an explicit list. */
  readonly classes: ClassSetRule | readonly string[];
  /** How its images' EXIF orientation is treated; absent = `exif` (see decodeOptions). */
  readonly orientation?: OrientationPolicy;
  /** Sample attributes the reports break results down by; absent = none. */
  readonly breakdown?: readonly string[];
  /** A hub dataset: where it came from (`org/name`, the revision asked for, the commit, the split). */
  readonly hub?: { readonly id: string; readonly revision: string; readonly commit: string; readonly split: string };
}

/** One attack of the suite: a preset (drawn `n` times per image) or a fixed spec. */
export interface PlannedAttack {
  readonly id: string;
  readonly attack: AttackRef;
  /** Seeded draws per image, >= 1. */
  readonly n: number;
  /** Base seed; each draw's seed is derived from it, the sample id and the draw index. */
  readonly seed: number;
}

/** Which deterministic slice of every dataset this process runs: samples with index % count == index - 1. */
export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** Everything a run needs, as plain data (built from a suite file and the command line). */
export interface RunPlan {
  readonly name: string;
  /** How embeddings become a verdict; absent = `zero-shot` (so older plans keep their hash). */
  readonly protocol?: ProtocolName;
  readonly models: readonly PlannedModel[];
  readonly datasets: readonly PlannedDataset[];
  /** Prompt templates with `{}`; each class embedding ensembles all of them. */
  readonly templates: readonly string[];
  readonly attacks: readonly PlannedAttack[];
  /** Images per engine call. */
  readonly batch: number;
  readonly topK: number;
  /** Cap on samples per dataset (before sharding). */
  readonly maxSamples?: number;
  readonly shard: Shard;
  /**
   * CI gates the reports hold the run to (the suite's, overridden by command-line flags); absent =
   * none. Not part of the plan hash: changing a gate re-judges a run, it does not invalidate it.
   */
  readonly thresholds?: SuiteThresholds;
}
