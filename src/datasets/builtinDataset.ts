import { buildEmojiDataset } from '../emoji/buildEmojiDataset.js';
import { resolveEmojiBuild } from '../emoji/resolveEmojiBuild.js';
import { buildBlankDataset, resolveBlankBuild } from '../scene/buildBlankDataset.js';
import { buildCompositionsDataset, resolveCompositionsBuild } from '../scene/buildCompositionsDataset.js';

/**
 * Datasets stroop builds itself, by the name a suite gives them: `emoji` (80 classes in 7 emoji
 * styles, splits train and heldout), `compositions` (the emoji training styles set into new
 * scenes, 2 per class; see buildCompositionsDataset) and `blank` (a white and a pale blue blank
 * image per class, for the word alone; see buildBlankDataset).
 */
export const builtinDatasetNames = ['emoji', 'compositions', 'blank'] as const;
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

/** Each builtin's root (decided without building) and its build, at a size. */
const builders: Readonly<Record<BuiltinDatasetName, { resolve(size: number): string; build(size: number): Promise<BuiltinDatasetBuild> | BuiltinDatasetBuild }>> = {
  emoji: { resolve: (size) => resolveEmojiBuild({ size }).root, build: (size) => buildEmojiDataset({ size }) },
  compositions: { resolve: (size) => resolveCompositionsBuild({ size }).root, build: (size) => buildCompositionsDataset({ size }) },
  blank: { resolve: (size) => resolveBlankBuild({ size }).root, build: (size) => buildBlankDataset({ size }) },
};

/** Where a builtin dataset lives once built (root and manifest), without building it. */
export function builtinDatasetLocation(dataset: BuiltinDataset): { readonly root: string; readonly manifest: string } {
  const root = builders[dataset.name].resolve(dataset.size);
  return { root, manifest: `${root}/manifest.csv` };
}

/** Builds a builtin dataset when it is missing or damaged (idempotent; ~0.1 s when intact). */
export async function ensureBuiltinDataset(dataset: BuiltinDataset): Promise<BuiltinDatasetBuild> {
  return builders[dataset.name].build(dataset.size);
}
