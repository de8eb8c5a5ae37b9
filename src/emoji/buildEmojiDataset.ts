import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { checkExpectedHashes, expectedEmojiHashesFileFor, loadExpectedEmojiHashes, type ExpectedHashCheck } from './emojiBuildRecord.js';
import { readIconSet, type EmojiSplit, type IconSet } from './emojiSets.js';
import { iconSvg } from './renderSvg.js';
import { imagesToRender, renderIconImages, settleIconBuild, type IconSvg } from './iconDatasetBuild.js';
import {
  planEmojiImages,
  resolveEmojiBuild,
  type EmojiBuildOptions,
  type EmojiBuildTarget,
  type EmojiImagePlan,
} from './resolveEmojiBuild.js';

/** Files of a built dataset besides the images and build.json. */
const manifestName = 'manifest.csv';
const classNamesName = 'classnames.json';
const pixelHashesName = 'pixel-hashes.json';

export interface BuildEmojiDatasetOptions extends EmojiBuildOptions {
  /** Called after each rendered image: how many of `total` to render are done. */
  readonly onProgress?: (done: number, total: number) => void;
  /** The committed hashes to compare with; default datasets/emoji/expected-hashes-<size>.json, else expected-hashes.json. */
  readonly expectedHashesFile?: string;
}

/** What a build did and where the dataset is. Plain data. */
export interface EmojiDatasetBuild {
  /** Absolute dataset root: `<set>/<class>.png`, manifest.csv, classnames.json, build.json. */
  readonly root: string;
  /** Absolute path of manifest.csv (`path,label,split`), for `openDataset`. */
  readonly manifest: string;
  /** Absolute path of classnames.json: the class names in class-list order (a JSON array). */
  readonly classNames: string;
  readonly key: string;
  /** Image side in pixels. */
  readonly size: number;
  readonly classCount: number;
  readonly imageCount: number;
  /** Images rendered by this call: 0 when the cached build was complete and intact. */
  readonly rendered: number;
  /** True when nothing had to be written. */
  readonly upToDate: boolean;
  /** The sets and image count of each split. */
  readonly splits: Readonly<Record<EmojiSplit, { readonly sets: readonly string[]; readonly images: number }>>;
  /** How the pixels compare with datasets/emoji/expected-hashes.json. */
  readonly expected: ExpectedHashCheck;
  /** Wall time of this call in seconds. */
  readonly seconds: number;
}

/** The dataset's `manifest.csv` (columns `path,label,split`), one row per planned image, in plan order. */
export function emojiManifestCsv(plan: readonly EmojiImagePlan[]): string {
  return stringify(
    plan.map((image) => [image.path, image.label, image.split]),
    { header: true, columns: ['path', 'label', 'split'], record_delimiter: 'unix' },
  );
}

function metadataFiles(target: EmojiBuildTarget, plan: readonly EmojiImagePlan[], pixels: Readonly<Record<string, string>>): Record<string, string> {
  const expectedFormat = { size: target.size, packages: target.packages, renderer: target.renderer, images: pixels };
  return {
    [manifestName]: emojiManifestCsv(plan),
    [classNamesName]: `${JSON.stringify(target.classes.map((c) => c.name), null, 2)}\n`,
    [pixelHashesName]: `${JSON.stringify(expectedFormat, null, 2)}\n`,
  };
}

/** A function giving each image's SVG, reading every emoji set's package once, when first needed. */
function emojiSvgs(target: EmojiBuildTarget): (image: EmojiImagePlan) => IconSvg {
  const iconSets = new Map<string, IconSet>();
  return (image) => {
    let iconSet = iconSets.get(image.setId);
    if (iconSet === undefined) {
      const set = target.sets.find((s) => s.id === image.setId);
      if (set === undefined) throw new Error(`No emoji set '${image.setId}'.`);
      iconSet = readIconSet(set);
      iconSets.set(image.setId, iconSet);
    }
    return { svg: iconSvg(iconSet, image.iconName, target.size), source: `${iconSet.packageName}:${image.iconName}` };
  };
}

function splitsOf(target: EmojiBuildTarget): EmojiDatasetBuild['splits'] {
  const of = (split: EmojiSplit) => {
    const sets = target.sets.filter((s) => s.split === split).map((s) => s.id);
    return { sets, images: sets.length * target.classes.length };
  };
  return { train: of('train'), heldout: of('heldout') };
}

/**
 * Builds the emoji dataset into its cache folder (or `options.out`) and returns where it is.
 * Idempotent: when the root holds a build.json for the same key and every file still has its
 * recorded SHA-256, nothing is rendered or written; a missing or damaged image is rendered
 * again (and only it). Commands that need the dataset call this. The pixels are compared
 * with the committed expected hashes every time; a difference is reported, not thrown.
 */
export async function buildEmojiDataset(options: BuildEmojiDatasetOptions = {}): Promise<EmojiDatasetBuild> {
  const start = performance.now();
  const target = resolveEmojiBuild(options);
  const plan = planEmojiImages(target.classes, target.sets);
  const { reusable, images } = imagesToRender(target, plan);
  const rendered = await renderIconImages(target.root, target.size, images, emojiSvgs(target), options.onProgress);
  const pixels: Record<string, string> = {};
  for (const image of plan) pixels[image.path] = rendered.pixels[image.path] ?? reusable?.pixels[image.path] ?? '';
  const { record, upToDate } = settleIconBuild(target, plan.map((image) => image.path), rendered, reusable, metadataFiles(target, plan, pixels));
  return {
    root: target.root,
    manifest: path.join(target.root, manifestName),
    classNames: path.join(target.root, classNamesName),
    key: target.key,
    size: target.size,
    classCount: target.classes.length,
    imageCount: plan.length,
    rendered: images.length,
    upToDate,
    splits: splitsOf(target),
    expected: checkExpectedHashes(record, loadExpectedEmojiHashes(options.expectedHashesFile ?? expectedEmojiHashesFileFor(target.size))),
    seconds: (performance.now() - start) / 1000,
  };
}
