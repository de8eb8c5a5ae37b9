/**
 * The "word alone" dataset (issue #21): blank images, white or pale blue, each labelled with a
 * class of the emoji class list that it does not show. Written on such an image, a wrong class
 * name has nothing in the picture to compete with, so "the written word wins" (targetedAsr)
 * measures how often a model reads that style of writing at all; clean accuracy means nothing
 * here (chance). `attacks/suites/word-alone.yaml` runs the demo's models on it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { emojiSlug, loadEmojiClasses } from '../emoji/emojiClasses.js';
import { encodeRgbaPng } from '../image/pngCodec.js';
import { solidRgbaImage } from '../image/rgbaImage.js';
import { cacheDir } from '../store/cacheDir.js';
import { sha256Hex } from '../util/hashing.js';
import { writeFileAtomicallySync as replaceFile } from '../util/writeFileAtomically.js';

/** Bump when the layout or the images change, so old caches are not reused. */
const buildFormat = 1;

/** The backgrounds, one image of each per class: white, and the pale blue of a sky or a wall. */
export const blankBackgrounds: readonly { readonly name: string; readonly rgb: readonly [number, number, number] }[] = [
  { name: 'white', rgb: [255, 255, 255] },
  { name: 'pale-blue', rgb: [220, 232, 246] },
];

export interface BlankBuildOptions {
  /** Image side in px; default 112, stroop-tiny's input. */
  readonly size?: number;
  /** stroop's cache folder; default $STROOP_CACHE_DIR or the platform's cache. */
  readonly cacheDir?: string;
  /** The labels, in order; default the emoji class list's 80 names. */
  readonly classes?: readonly string[];
}

/** What a build did and where the dataset is. Plain data. */
export interface BlankDatasetBuild {
  /** Absolute root: `<class slug>-<background>.png`, manifest.csv (`path,label,split,attributes.background`), classnames.json. */
  readonly root: string;
  readonly manifest: string;
  readonly key: string;
  readonly size: number;
  readonly imageCount: number;
  /** Files written by this call: 0 when the cached build was complete and intact. */
  readonly written: number;
  readonly upToDate: boolean;
}

function classNamesOf(options: BlankBuildOptions): readonly string[] {
  return options.classes ?? loadEmojiClasses().map((c) => c.name);
}

/** Where a blank build goes and what it is keyed on (format, size, backgrounds, labels), decided without building anything. */
export function resolveBlankBuild(options: BlankBuildOptions = {}): { readonly key: string; readonly root: string; readonly size: number; readonly classes: readonly string[] } {
  const size = options.size ?? 112;
  const classes = classNamesOf(options);
  const key = sha256Hex(JSON.stringify({ format: buildFormat, size, backgrounds: blankBackgrounds, classes })).slice(0, 12);
  return { key, root: path.join(options.cacheDir ?? cacheDir(), 'datasets', `blank-${key}`), size, classes };
}

/** Writes `bytes` to `file` unless it already holds exactly them; whether it wrote. */
function writeIfChanged(file: string, bytes: Buffer | string): boolean {
  const wanted = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  try {
    if (fs.readFileSync(file).equals(wanted)) return false;
  } catch {
    // Missing or unreadable: write it.
  }
  replaceFile(file, wanted);
  return true;
}

/**
 * Builds the blank dataset into stroop's cache and returns where it is: one image per class
 * and background, labelled with the class. Idempotent: every file is compared with what it
 * should hold and only a missing or different one is written (the whole build is 160 small
 * PNGs at 112 px, a few milliseconds).
 */
export function buildBlankDataset(options: BlankBuildOptions = {}): BlankDatasetBuild {
  const target = resolveBlankBuild(options);
  const pngs = blankBackgrounds.map((background) => encodeRgbaPng(solidRgbaImage(target.size, target.size, background.rgb)));
  const rows = target.classes.flatMap((label) => blankBackgrounds.map((background, b) => ({ path: `${emojiSlug(label)}-${background.name}.png`, label, background: background.name, png: pngs[b] as Buffer })));
  let written = 0;
  for (const row of rows) if (writeIfChanged(path.join(target.root, row.path), row.png)) written++;
  const manifest = stringify(
    rows.map((row) => [row.path, row.label, 'test', row.background]),
    { header: true, columns: ['path', 'label', 'split', 'attributes.background'], record_delimiter: 'unix' },
  );
  if (writeIfChanged(path.join(target.root, 'manifest.csv'), manifest)) written++;
  if (writeIfChanged(path.join(target.root, 'classnames.json'), `${JSON.stringify(target.classes)}\n`)) written++;
  return { root: target.root, manifest: path.join(target.root, 'manifest.csv'), key: target.key, size: target.size, imageCount: rows.length, written, upToDate: written === 0 };
}
