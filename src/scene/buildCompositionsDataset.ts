/**
 * The "new compositions" dataset (issue #21): artwork in the emoji dataset's training styles,
 * set into scenes no training step drew (their own random streams: backgrounds, positions,
 * sizes, turns, colours). A model that knows an object as drawn in training should know it
 * here; the demo evaluates on it beside the held-out styles (zero-shot transfer), as OpenAI's
 * "iPod" apple is a photo CLIP classifies correctly before the label goes on.
 */
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { createRng } from '../attacks/createRng.js';
import { readManifestFile } from '../datasets/manifest/ManifestParser.js';
import { buildEmojiDataset } from '../emoji/buildEmojiDataset.js';
import { imagesToRender, settleIconBuild } from '../emoji/iconDatasetBuild.js';
import { emojiSlug } from '../emoji/emojiClasses.js';
import { resolveEmojiBuild, type EmojiBuildTarget } from '../emoji/resolveEmojiBuild.js';
import { toRgba } from '../image/convertImage.js';
import { readImageFile } from '../image/decodeImage.js';
import { encodeRgbaPng } from '../image/pngCodec.js';
import { cacheDir } from '../store/cacheDir.js';
import { turnEventLoop } from '../util/eventLoop.js';
import { sha256Hex } from '../util/hashing.js';
import { writeFileAtomicallySync as replaceFile } from '../util/writeFileAtomically.js';
import { composeScene, type SceneOptions } from './artworkScene.js';

/** Bump when the layout or the composition changes, so old caches are not reused. */
const buildFormat = 1;
const seed = 21;
/** Compositions per class, each of a different training style. */
export const compositionsPerClass = 2;

/**
 * How the evaluation scenes are composed: backgrounds as in training but no clutter of other
 * artwork, the object whole (no crop) at 50-90% of the side, turned up to 15 degrees.
 */
export function compositionSceneOptions(size: number): SceneOptions {
  return { size, artworkScale: [0.5, 0.9], mirror: true, colourJitter: 0.5, backgroundRate: 0.8, rotationDeg: 15, overhang: 0, recolourMonochrome: true };
}

export interface CompositionsBuildOptions {
  /** Image side in px (the emoji dataset's size range); default 112, stroop-tiny's input. */
  readonly size?: number;
  /** stroop's cache folder; default $STROOP_CACHE_DIR or the platform's cache. */
  readonly cacheDir?: string;
  /** Only these classes (names from the emoji class list); default all 80. */
  readonly classes?: readonly string[];
}

/** The emoji build a compositions build draws from. */
function emojiOptions(options: CompositionsBuildOptions, size: number) {
  return { size, ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}), ...(options.classes !== undefined ? { classes: options.classes } : {}) };
}

/** Where a compositions build goes and what it is keyed on, decided without building anything. */
export function resolveCompositionsBuild(options: CompositionsBuildOptions = {}): { readonly key: string; readonly root: string; readonly size: number; readonly emoji: EmojiBuildTarget } {
  const size = options.size ?? 112;
  const emoji = resolveEmojiBuild(emojiOptions(options, size));
  const fingerprint = { format: buildFormat, size, seed, perClass: compositionsPerClass, emoji: emoji.key, scene: compositionSceneOptions(size) };
  const key = sha256Hex(JSON.stringify(fingerprint)).slice(0, 12);
  return { key, root: path.join(options.cacheDir ?? cacheDir(), 'datasets', `compositions-${key}`), size, emoji };
}

/** One planned image: where it goes, its class, the training style it draws, and its source image. */
interface CompositionPlan {
  readonly path: string;
  readonly label: string;
  readonly set: string;
  readonly source: string;
}

/** What a build did and where the dataset is. Plain data. */
export interface CompositionsDatasetBuild {
  /** Absolute root: `<class slug>-<n>.png`, manifest.csv (`path,label,split,attributes.set`), build.json. */
  readonly root: string;
  readonly manifest: string;
  readonly key: string;
  readonly size: number;
  readonly imageCount: number;
  /** Images composed by this call: 0 when the cached build was complete and intact. */
  readonly rendered: number;
  readonly upToDate: boolean;
}

/** Each class's compositions: `compositionsPerClass` different training styles, drawn per class from the build's seed. */
function planCompositions(rows: readonly { path: string; label: string; split: string }[], classNames: readonly string[]): CompositionPlan[] {
  return classNames.flatMap((label) => {
    const styles = rows.filter((row) => row.label === label && row.split === 'train');
    const rng = createRng(seed, `compositions/plan/${label}`);
    const order = styles.map((row) => ({ row, key: rng.next() })).sort((a, b) => a.key - b.key);
    return order.slice(0, compositionsPerClass).map(({ row }, n) => ({ path: `${emojiSlug(label)}-${n}.png`, label, set: row.path.split('/')[0] ?? '', source: row.path }));
  });
}

/**
 * Builds the compositions dataset (and the emoji dataset it draws from) into stroop's cache
 * and returns where it is. Idempotent like the emoji build: an intact build for the same key
 * is left as it is; a missing or damaged image is composed again, alone.
 */
export async function buildCompositionsDataset(options: CompositionsBuildOptions = {}): Promise<CompositionsDatasetBuild> {
  const target = resolveCompositionsBuild(options);
  const emoji = await buildEmojiDataset(emojiOptions(options, target.size));
  const rows: { path: string; label: string; split: string }[] = [];
  for await (const chunk of readManifestFile(emoji.manifest, 'csv')) for (const row of chunk) rows.push({ path: row.path, label: row.label, split: row.split ?? '' });
  const classNames = [...new Set(rows.map((row) => row.label))];
  const plan = planCompositions(rows, classNames);
  const identity = { root: target.root, key: target.key, size: target.size, packages: target.emoji.packages, renderer: target.emoji.renderer };
  const { reusable, images } = imagesToRender(identity, plan);
  const files: Record<string, string> = {};
  const pixels: Record<string, string> = {};
  const sceneOptions = compositionSceneOptions(target.size);
  for (const image of images) {
    const scene = composeScene(toRgba(await readImageFile(path.join(emoji.root, image.source))), sceneOptions, createRng(seed, `compositions/${image.path}`));
    const png = encodeRgbaPng(scene.image);
    replaceFile(path.join(target.root, image.path), png);
    files[image.path] = sha256Hex(png);
    pixels[image.path] = sha256Hex(scene.image.data);
    await turnEventLoop();
  }
  const manifest = stringify(
    plan.map((image) => [image.path, image.label, 'test', image.set]),
    { header: true, columns: ['path', 'label', 'split', 'attributes.set'], record_delimiter: 'unix' },
  );
  const { upToDate } = settleIconBuild(identity, plan.map((image) => image.path), { files, pixels }, reusable, { 'manifest.csv': manifest, 'classnames.json': `${JSON.stringify(classNames)}\n` });
  return { root: target.root, manifest: path.join(target.root, 'manifest.csv'), key: target.key, size: target.size, imageCount: plan.length, rendered: images.length, upToDate };
}
