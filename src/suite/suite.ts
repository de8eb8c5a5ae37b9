import type { OrientationPolicy } from '../image/decodeImage.js';
import type { BuiltinDataset } from '../datasets/builtinDataset.js';
import type { AttackRef } from '../attacks/presets/loadPreset.js';
import type { ClassSetRule } from '../datasets/classSetOf.js';
import type { DatasetSpec } from '../datasets/dataset.js';
import type { Device, Dtype } from '../engines/embeddingEngine.js';
import type { ModelRef } from '../hub/modelRef.js';
import type { SearchEntry } from './schema/searchEntrySchema.js';
import type { ProtocolName } from '../zeroshot/protocols.js';

/** A model of a resolved suite. */
export interface SuiteModel {
  /** Unique among the suite's models. */
  readonly id: string;
  /** A local folder (absolute path) or a hub repository, not yet downloaded. */
  readonly ref: ModelRef;
  /** `auto`, or an engine id of the engine registry. */
  readonly engine: string;
  readonly dtype: Dtype;
  readonly device: Device;
  /** CPU threads; absent = one per core. */
  readonly threads?: number;
}

/** The class set of a dataset: a rule applied to its samples, or names given up front. */
export type SuiteClasses =
  | { readonly kind: 'rule'; readonly rule: ClassSetRule }
  | {
      readonly kind: 'names';
      /** In class-index order. */
      readonly names: readonly string[];
      /** Where they came from: the absolute path of the list file, or `inline`. */
      readonly source: string;
    };

/**
 * A dataset of a resolved suite. Its `root`, `manifest` and `split` are a
 * {@link DatasetSpec} that `openDataset` takes as is.
 */
export interface SuiteDataset extends DatasetSpec {
  /** Unique among the suite's datasets. */
  readonly id: string;
  /** Absolute path of the dataset folder (it exists, unless `builtin` says the run builds it there). */
  readonly root: string;
  /** Set for a dataset stroop builds into its cache (emoji); the run builds it first when missing. */
  readonly builtin?: BuiltinDataset;
  /** Absolute path of the manifest (it exists); absent = image-folder layout. */
  readonly manifest?: string;
  readonly classes: SuiteClasses;
  /** How its images' EXIF orientation is treated; absent = the default (`exif`). */
  readonly orientation?: OrientationPolicy;
  /** Set for a hub dataset: the run downloads and extracts it, then `root` and `manifest` are where it lies. */
  readonly hub?: SuiteHubDataset;
  /** Set once a hub dataset is fetched: the repo, the revision asked for, the commit its files come from, the split. */
  readonly hubSource?: { readonly id: string; readonly revision: string; readonly commit: string; readonly split: string };
  /** Attributes the reports break results down by (they join the rows' params). */
  readonly breakdown?: readonly string[];
}

/** A Hugging Face dataset repository of a suite, not yet downloaded. */
export interface SuiteHubDataset {
  /** `org/name[@revision]` as written. */
  readonly ref: string;
  readonly split: string;
  /** Which Parquet columns are the label, the attack text and the id. */
  readonly columns: { readonly label: string; readonly attackText?: string; readonly id?: string };
}

/** The prompt templates of a resolved suite. */
export interface SuitePrompts {
  /** Each contains `{}` where the class name goes; at least one. */
  readonly templates: readonly string[];
  /** A shipped set's name, the absolute path of a templates file, or `inline`. */
  readonly source: string;
}

/** An attack of a resolved suite. */
export interface SuiteAttack {
  /** Unique among the suite's attacks; names the attack in reports and thresholds. */
  readonly id: string;
  /** The preset as written in the suite: a shipped name or a file path. */
  readonly name: string;
  /** The loaded and validated preset (its text strategy already overridden when the suite says so) or single spec. */
  readonly ref: AttackRef;
  /** Draws per image, >= 1; each draw's seed is derived from `seed`, the sample id and the draw index (see sampleSeed). */
  readonly n: number;
  /** Base seed, in [0, 2^32 - 1]. */
  readonly seed: number;
}

/** CI gates; every rate and accuracy is a fraction in [0, 1]. */
export interface SuiteGates {
  /** Largest allowed absolute top-1 drop (clean minus attacked accuracy). */
  readonly maxDrop?: number;
  /** Largest allowed targeted attack success rate. */
  readonly maxAsr?: number;
  /** Smallest allowed top-1 accuracy under attack. */
  readonly minAttackedAcc?: number;
}

/** Suite-wide gates and overrides by attack id (every key is an attack id of the suite). */
export interface SuiteThresholds extends SuiteGates {
  readonly perAttack: Readonly<Record<string, SuiteGates>>;
}

/**
 * A suite file once loaded and checked: plain data with every default filled, local
 * paths absolute, presets, template sets and class lists loaded, ids unique.
 */
export interface Suite {
  /** Absolute path of the suite file. */
  readonly file: string;
  /** `[a-z0-9][a-z0-9._-]*`; the default output folder is `reports/<name>`. */
  readonly name: string;
  readonly description?: string;
  /** How embeddings become a verdict (see zeroshot/protocols); `zero-shot` unless the suite names another. */
  readonly protocol: ProtocolName;
  /** At least one. */
  readonly models: readonly SuiteModel[];
  /** At least one. */
  readonly datasets: readonly SuiteDataset[];
  readonly prompts: SuitePrompts;
  /** Possibly none: clean accuracy is always measured. */
  readonly attacks: readonly SuiteAttack[];
  /** Images per engine call, in [1, 4096]. */
  readonly batch: number;
  /** Predictions kept per image, in [1, 1000]. */
  readonly topK: number;
  /** At most this many samples per dataset; absent = all. */
  readonly maxSamples?: number;
  readonly thresholds?: SuiteThresholds;
  /** The minimal-attack search (`stroop search`), with every default filled in; absent = not configured. */
  readonly search?: SearchEntry;
}
