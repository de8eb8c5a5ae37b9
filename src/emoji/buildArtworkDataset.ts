import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { checkArtworkIcons } from './artworkTables.js';
import { imagesToRender, renderIconImages, settleIconBuild } from './iconDatasetBuild.js';
import { readIconSet } from './emojiSets.js';
import { iconSvg } from './renderSvg.js';
import { planArtworkImages, resolveArtworkBuild, type ArtworkBuildOptions, type ArtworkBuildTarget, type ArtworkImagePlan } from './resolveArtworkBuild.js';

/** Files of a built dataset besides the images and build.json. */
const manifestName = 'manifest.csv';
const classNamesName = 'classnames.json';

export interface BuildArtworkDatasetOptions extends ArtworkBuildOptions {
  /** Called after each rendered image: how many of `total` to render are done. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What a build did and where the dataset is. Plain data. */
export interface ArtworkDatasetBuild {
  /** Absolute dataset root: `<set>/<class>.png`, manifest.csv, classnames.json, build.json. */
  readonly root: string;
  /** Absolute path of manifest.csv (`path,label,split,attributes.set,attributes.licence`), for `openDataset`. */
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
  /** Each set drawn from, in manifest order, with its artwork's licence and its image count. */
  readonly sets: readonly { readonly id: string; readonly licence: string; readonly images: number }[];
  /** Wall time of this call in seconds. */
  readonly seconds: number;
}

/**
 * The dataset's `manifest.csv`, one row per planned image in plan order: every image is for
 * training (split `train`); `attributes.set` and `attributes.licence` say whose artwork it is.
 */
export function artworkManifestCsv(plan: readonly ArtworkImagePlan[]): string {
  return stringify(
    plan.map((image) => [image.path, image.label, 'train', image.setId, image.licence]),
    { header: true, columns: ['path', 'label', 'split', 'attributes.set', 'attributes.licence'], record_delimiter: 'unix' },
  );
}

/**
 * The SVG of every image to render, set by set. Each set's package is parsed once, and a
 * table's icons are all checked before anything is drawn, so a bad table fails the build
 * before it writes a file.
 */
function svgsToRender(target: ArtworkBuildTarget, images: readonly ArtworkImagePlan[]): Map<string, string> {
  const svgs = new Map<string, string>();
  const classNames = target.classes.map((c) => c.name);
  for (const source of target.sources) {
    const ofSet = images.filter((image) => image.setId === source.set.id);
    if (ofSet.length === 0) continue;
    const iconSet = readIconSet(source.set);
    checkArtworkIcons(source, iconSet, classNames);
    for (const image of ofSet) svgs.set(image.path, iconSvg(iconSet, image.iconName, target.size));
  }
  return svgs;
}

/**
 * Builds the artwork dataset (issue #21: the 80 classes drawn by the reviewed icon tables of
 * datasets/artwork/icons/ and by the five emoji training sets, all for training) into its cache
 * folder (or `options.out`) and returns where it is. Monochrome sets are drawn black, as their
 * `currentColor` defaults to; colouring is the training augmentation's job. Idempotent like the
 * emoji build: when the root holds a build.json for the same key and every file still has its
 * recorded SHA-256, nothing is rendered or written; a missing or damaged file is written again,
 * alone.
 */
export async function buildArtworkDataset(options: BuildArtworkDatasetOptions = {}): Promise<ArtworkDatasetBuild> {
  const start = performance.now();
  const target = resolveArtworkBuild(options);
  const plan = planArtworkImages(target.classes, target.sources);
  const { reusable, images } = imagesToRender(target, plan);
  const svgs = svgsToRender(target, images);
  const rendered = await renderIconImages(target.root, target.size, images, (image) => ({ svg: svgs.get(image.path) ?? '', source: `${image.setId}:${image.iconName}` }), options.onProgress);
  const metadata = {
    [manifestName]: artworkManifestCsv(plan),
    [classNamesName]: `${JSON.stringify(target.classes.map((c) => c.name), null, 2)}\n`,
  };
  const { upToDate } = settleIconBuild(target, plan.map((image) => image.path), rendered, reusable, metadata);
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
    sets: target.sources.map((s) => ({ id: s.set.id, licence: s.set.licence, images: plan.filter((image) => image.setId === s.set.id).length })),
    seconds: (performance.now() - start) / 1000,
  };
}
