import type { Attributes } from './manifest/manifestRow.js';

/**
 * How a dataset lists its images:
 * - `folder`: `<root>/<class>/<image>` (and `label=<class>_text=<word>.<ext>` files);
 * - `manifest`: a CSV or JSON Lines file with columns `path,label[,split][,attack_text][,clean_path]`.
 */
export type DatasetLayout = 'folder' | 'manifest';

/** What a suite says about a dataset. Plain data; {@link openDataset} checks it. */
export interface DatasetSpec {
  /** The dataset root folder; a relative path resolves against the current directory. Every image must lie inside it. */
  readonly root: string;
  /**
   * The manifest file (`.csv`, `.jsonl`, `.ndjson`, or an `annotation.json` of Materzynska et al.); a relative path resolves against `root`.
   * It may lie outside the root, its entries may not. Giving one implies layout `manifest`.
   */
  readonly manifest?: string;
  /**
   * Defaults to `manifest` when `manifest` is given, `folder` otherwise. Layout `manifest`
   * without `manifest` uses `<root>/manifest.csv` or `<root>/manifest.jsonl`.
   */
  readonly layout?: DatasetLayout;
  /** Keep only the manifest entries of this split (manifest layout only). */
  readonly split?: string;
  /**
   * Keep only the manifest entries whose attribute `<name>` is one of the values given (compared
   * as text), for every name: e.g. `{ type: ['SCAM', 'NoSCAM'] }` (manifest layout only).
   */
  readonly where?: Readonly<Record<string, readonly string[]>>;
}

/** An opened dataset: where it is, and its samples as a stream. */
export interface Dataset {
  /** The root with symlinks resolved; every sample's `path` lies inside it. */
  readonly root: string;
  readonly layout: DatasetLayout;
  /** Absolute path of the manifest (manifest layout). */
  readonly manifest?: string;
  readonly split?: string;
  readonly where?: Readonly<Record<string, readonly string[]>>;
  /**
   * The samples in a fixed order (image folders: by class then file name; manifests: file
   * order), streamed: each call starts a fresh pass, and memory does not grow with the
   * dataset (but for about 40 bytes per image of a manifest, to spot conflicting repeats). A
   * malformed entry, an entry escaping the root or an image listed twice with a different
   * label stops the pass with a DatasetError; a missing image does not (see `openDataset`).
   * A pass that would yield no sample at all fails with a DatasetError saying why.
   */
  samples(): AsyncIterable<Sample>;
  /**
   * How many samples `samples()` yields (after the split filter), by listing the folders
   * or parsing the manifest without touching the images: one cheap pass, no paths resolved.
   */
  count(): Promise<number>;
}

/**
 * One labelled image of a dataset, as plain data: what `openDataset(...).samples()`
 * streams to the runner. A sample only names files; nothing has been read from them,
 * and `path` may name an image that does not exist or cannot be decoded - the runner
 * turns that into an error outcome for this sample and goes on.
 */
export interface Sample {
  /**
   * Stable id: the image path relative to the dataset root, POSIX separators, normalised
   * (`./a/../b.png` -> `b.png`, backslashes -> `/`). Unique within an image folder; a
   * manifest that lists the same image twice yields two samples with the same id.
   */
  readonly id: string;
  /**
   * Absolute path of the image file (inside the dataset root). For an existing file this is
   * its real path (symlinks resolved, so what was checked is what gets read); for a missing
   * one, the root-joined path.
   */
  readonly path: string;
  /** True class name, verbatim from the folder name, file name or manifest (never blank). */
  readonly label: string;
  /** Split name (`train`, `test`, a held-out style, ...), when the dataset has splits. */
  readonly split?: string;
  /** Real-world attack sets: the text already written on the image. */
  readonly attackText?: string;
  /** Real-world attack sets: absolute path of the paired clean image (as SCAM's NoSCAM). */
  readonly cleanPath?: string;
  /** More facts about the image from its manifest entry (SCAM's `type`, `id`, `postit_area_pct`...); absent when none. */
  readonly attributes?: Attributes;
}
