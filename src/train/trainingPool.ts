/** The artwork training draws from: the emoji dataset's training styles, or the artwork dataset. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { readManifestFile } from '../datasets/manifest/ManifestParser.js';
import { buildArtworkDataset } from '../emoji/buildArtworkDataset.js';
import { emojiSets } from '../emoji/emojiSets.js';
import { DatasetError } from '../errors/errors.js';
import { toRgba } from '../image/convertImage.js';
import { readImageFile } from '../image/decodeImage.js';
import type { RgbaImage } from '../image/rgbaImage.js';
import { loadEmojiImages, type TrainingPool } from './trainingData.js';

/**
 * Which images a training pool holds: `emoji`, the emoji dataset's training styles (what
 * `stroop train` learns from); `artwork`, every image of the artwork dataset (the reviewed
 * icon tables plus the emoji training sets).
 */
export type TrainingPoolKind = 'emoji' | 'artwork';

export const trainingPoolKinds: readonly TrainingPoolKind[] = ['emoji', 'artwork'];

/**
 * Groups labelled images into a pool, class by class in `classNames` order.
 * @throws DatasetError when an image's label is not a class, or a class has no image (a batch could not draw it).
 */
export function groupTrainingPool(classNames: readonly string[], images: readonly { readonly label: string; readonly image: RgbaImage }[], source: string): TrainingPool {
  const classIndex = new Map(classNames.map((name, i) => [name, i]));
  const artworks = classNames.map(() => [] as RgbaImage[]);
  for (const item of images) {
    const c = classIndex.get(item.label);
    if (c === undefined) throw new DatasetError(`Image label '${item.label}' in ${source} is not one of its ${classNames.length} classes.`, source);
    artworks[c]?.push(item.image);
  }
  const empty = classNames.filter((_, c) => artworks[c]?.length === 0);
  if (empty.length > 0) throw new DatasetError(`${source} has no training image for ${empty.length} classes: ${empty.slice(0, 5).join(', ')}${empty.length > 5 ? ', ...' : ''}.`, source);
  return { classNames, artworks };
}

/**
 * The emoji dataset at `size` px, built into the cache when missing: its training styles, as
 * `stroop train` uses them; a curriculum starts from the same images (on white, then in scenes).
 */
export async function emojiTrainingPool(size: number, cacheDir?: string): Promise<TrainingPool> {
  const emoji = await loadEmojiImages(size, cacheDir);
  const training = emoji.images.filter((item) => item.split === 'train' && emoji.classNames.includes(item.label));
  const pool = groupTrainingPool(emoji.classNames, training, emoji.root);
  return { ...pool, starter: pool.artworks };
}

/**
 * The artwork dataset at `size` px, built into the cache when missing: every image is a
 * training image; its emoji training styles are also the pool's starter (see TrainingPool).
 */
export async function artworkTrainingPool(size: number, cacheDir?: string): Promise<TrainingPool> {
  const build = await buildArtworkDataset(cacheDir === undefined ? { size } : { size, cacheDir });
  const classNames = JSON.parse(await fs.readFile(build.classNames, 'utf8')) as string[];
  const rows: Array<{ path: string; label: string }> = [];
  for await (const chunk of readManifestFile(build.manifest, 'csv')) for (const row of chunk) rows.push({ path: row.path, label: row.label });
  const images = await Promise.all(rows.map(async (row) => ({ label: row.label, set: row.path.split('/')[0], image: toRgba(await readImageFile(path.join(build.root, row.path))) })));
  const starterSets = new Set(emojiSets.filter((set) => set.split === 'train').map((set) => set.id));
  const starter = groupTrainingPool(classNames, images.filter((image) => starterSets.has(image.set ?? '')), build.manifest);
  return { ...groupTrainingPool(classNames, images, build.manifest), starter: starter.artworks };
}

/** The pool of `kind` at `size` px (see TrainingPoolKind). */
export function loadTrainingPool(kind: TrainingPoolKind, size: number, cacheDir?: string): Promise<TrainingPool> {
  return kind === 'emoji' ? emojiTrainingPool(size, cacheDir) : artworkTrainingPool(size, cacheDir);
}
