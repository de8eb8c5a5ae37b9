import { buildEmojiDataset, type EmojiDatasetBuild } from '../emoji/buildEmojiDataset.js';
import { resolveEmojiBuild } from '../emoji/resolveEmojiBuild.js';

/** Datasets stroop builds itself, by the name a suite gives them. */
export const builtinDatasetNames = ['emoji'] as const;
export type BuiltinDatasetName = (typeof builtinDatasetNames)[number];

/** A dataset stroop builds into its cache: which, and at what image size. Plain data. */
export interface BuiltinDataset {
  readonly name: BuiltinDatasetName;
  /** Image side in px. */
  readonly size: number;
}

/** Where a builtin dataset lives once built (root and manifest), without building it. */
export function builtinDatasetLocation(dataset: BuiltinDataset): { readonly root: string; readonly manifest: string } {
  const target = resolveEmojiBuild({ size: dataset.size });
  return { root: target.root, manifest: `${target.root}/manifest.csv` };
}

/** Builds a builtin dataset when it is missing or damaged (idempotent; ~0.1 s when intact). */
export function ensureBuiltinDataset(dataset: BuiltinDataset): Promise<EmojiDatasetBuild> {
  return buildEmojiDataset({ size: dataset.size });
}
