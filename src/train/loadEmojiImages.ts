import fs from 'node:fs/promises';
import path from 'node:path';
import { readManifestFile } from '../datasets/manifest/readManifestFile.js';
import { buildEmojiDataset } from '../emoji/buildEmojiDataset.js';
import type { EmojiSplit } from '../emoji/emojiSets.js';
import { readImageFile } from '../image/readImageFile.js';
import type { RgbaImage } from '../image/rgbaImage.js';
import { toRgba } from '../image/toRgba.js';

/** One emoji image in memory. */
export interface EmojiImage {
  /** Path inside the dataset, `<set>/<class>.png`. */
  readonly path: string;
  readonly label: string;
  readonly split: EmojiSplit;
  readonly image: RgbaImage;
}

/** The emoji dataset at `size` px, built into the cache when missing, decoded into memory. */
export interface EmojiImages {
  readonly root: string;
  /** Class names in class-list order. */
  readonly classNames: readonly string[];
  readonly images: readonly EmojiImage[];
}

/**
 * Builds (when needed) and loads every image of the emoji dataset at `size` px: 80 classes x 7
 * styles, about 5 MB of RGBA at 128 px.
 */
export async function loadEmojiImages(size: number, cacheDir?: string): Promise<EmojiImages> {
  const build = await buildEmojiDataset(cacheDir === undefined ? { size } : { size, cacheDir });
  const classNames = JSON.parse(await fs.readFile(build.classNames, 'utf8')) as string[];
  const rows: Array<{ path: string; label: string; split: EmojiSplit }> = [];
  for await (const chunk of readManifestFile(build.manifest, 'csv')) {
    for (const row of chunk) rows.push({ path: row.path, label: row.label, split: row.split === 'heldout' ? 'heldout' : 'train' });
  }
  const images = await Promise.all(
    rows.map(async (row) => ({ path: row.path, label: row.label, split: row.split, image: toRgba(await readImageFile(path.join(build.root, row.path))) })),
  );
  return { root: build.root, classNames, images };
}
