import { buildEmojiDataset } from '../emoji/buildEmojiDataset.js';
import { resolveEmojiBuild } from '../emoji/resolveEmojiBuild.js';
import { buildCompositionsDataset, resolveCompositionsBuild } from '../scene/buildCompositionsDataset.js';

/**
 * Datasets stroop builds itself, by the name a suite gives them: `emoji` (80 classes in 7 emoji
 * styles, splits train and heldout) and `compositions` (the emoji training styles set into new
 * scenes, 2 per class; see buildCompositionsDataset).
 */
export const builtinDatasetNames = ['emoji', 'compositions'] as const;
export type BuiltinDatasetName = (typeof builtinDatasetNames)[number];

/** A dataset stroop builds into its cache: which, and at what image size. Plain data. */
export interface BuiltinDataset {
  readonly name: BuiltinDatasetName;
  /** Image side in px. */
  readonly size: number;
}

/** What building a builtin dataset did. Plain data. */
export interface BuiltinDatasetBuild {
  readonly root: string;
  readonly imageCount: number;
  readonly size: number;
  /** True when the cache already held it, intact. */
  readonly upToDate: boolean;
}

/** Where a builtin dataset lives once built (root and manifest), without building it. */
export function builtinDatasetLocation(dataset: BuiltinDataset): { readonly root: string; readonly manifest: string } {
  const root = dataset.name === 'emoji' ? resolveEmojiBuild({ size: dataset.size }).root : resolveCompositionsBuild({ size: dataset.size }).root;
  return { root, manifest: `${root}/manifest.csv` };
}

/** Builds a builtin dataset when it is missing or damaged (idempotent; ~0.1 s when intact). */
export function ensureBuiltinDataset(dataset: BuiltinDataset): Promise<BuiltinDatasetBuild> {
  return dataset.name === 'emoji' ? buildEmojiDataset({ size: dataset.size }) : buildCompositionsDataset({ size: dataset.size });
}
