import path from 'node:path';
import { DatasetError } from '../errors/errors.js';
import { cacheDir } from '../store/cacheDir.js';
import { sha256Hex } from '../util/hashing.js';
import { readEmojiBuildRecord } from './emojiBuildRecord.js';
import { emojiSlug, loadEmojiClasses, type EmojiClass } from './emojiClasses.js';
import { emojiSets, iconSetVersion, type EmojiSet, type EmojiSplit } from './emojiSets.js';
import { svgRendererVersions, type SvgRendererVersions } from './renderSvg.js';

/**
 * What an emoji dataset build is, decided without rendering anything: its target (key, root,
 * classes, sets, package and renderer versions), the images it holds, and whether it is built.
 */

/** Bump when the layout or the rendering of the built dataset changes, so old caches are not reused. */
const buildFormat = 1;

/** Image side when none is given, in pixels. (stroop-tiny's input size is 112; its demo suite builds that size.) */
export const defaultEmojiImageSize = 64;
const minSize = 16;
const maxSize = 512;

/** What to build; every field is optional. */
export interface EmojiBuildOptions {
  /** Dataset root; default `<cache>/datasets/emoji-<key>`. */
  readonly out?: string;
  /** Image side in pixels, a whole number in [16, 512]; default 64. */
  readonly size?: number;
  /** Build only these classes (names from classes.json), e.g. for tests; default all. */
  readonly classes?: readonly string[];
  /** stroop's cache folder; default {@link cacheDir} ($STROOP_CACHE_DIR, ...). */
  readonly cacheDir?: string;
}

/** Everything a build depends on, resolved without rendering anything. Plain data. */
export interface EmojiBuildTarget {
  /** 12 hex digits identifying the inputs: format, size, sets and package versions, classes, renderer. */
  readonly key: string;
  /** Absolute dataset root. */
  readonly root: string;
  readonly size: number;
  /** The classes to build, in class-list order. */
  readonly classes: readonly EmojiClass[];
  readonly sets: readonly EmojiSet[];
  /** Installed version of each set's package, by package name. */
  readonly packages: Readonly<Record<string, string>>;
  readonly renderer: SvgRendererVersions;
}

/** One image of the emoji dataset to render: which icon, where it goes, its label and split. */
export interface EmojiImagePlan {
  /** Path inside the dataset root, POSIX separators: `<set id>/<class slug>.png`. */
  readonly path: string;
  /** The class name. */
  readonly label: string;
  /** The split of the image's set. */
  readonly split: EmojiSplit;
  readonly setId: string;
  /** The icon's name in its set. */
  readonly iconName: string;
}

/** Where the emoji dataset for some options lives, and whether it has been built there. Plain data. */
export interface EmojiDatasetStatus {
  readonly root: string;
  readonly key: string;
  /** True when the root holds a build record for this key (its files are checked only by a build). */
  readonly built: boolean;
  readonly classCount: number;
  readonly setCount: number;
  readonly size: number;
}

/** The classes named by `names` (all when undefined), in class-list order; a DatasetError lists unknown names and the valid ones. */
export function selectClasses(all: readonly EmojiClass[], names: readonly string[] | undefined): EmojiClass[] {
  if (names === undefined) return [...all];
  const unknown = names.filter((n) => !all.some((c) => c.name === n));
  if (unknown.length > 0 || names.length === 0) {
    throw new DatasetError(`Unknown emoji class${unknown.length === 1 ? '' : 'es'} ${unknown.map((n) => `'${n}'`).join(', ') || '(none given)'}. Valid classes: ${all.map((c) => c.name).join(', ')}.`, 'classes.json');
  }
  return all.filter((c) => names.includes(c.name));
}

/**
 * Resolves build options to a {@link EmojiBuildTarget}: validates the size and the class
 * subset, reads the class list and the installed package versions, and derives the key and
 * the root. Cheap: no icon set is parsed.
 */
export function resolveEmojiBuild(options: EmojiBuildOptions = {}): EmojiBuildTarget {
  const size = options.size ?? defaultEmojiImageSize;
  checkIconImageSize(size, 'Emoji', 'emoji');
  const classes = selectClasses(loadEmojiClasses(), options.classes);
  const sets = emojiSets;
  const packages = Object.fromEntries(sets.map((s) => [s.packageName, iconSetVersion(s)]));
  const renderer = svgRendererVersions();
  const fingerprint = {
    format: buildFormat,
    size,
    sets: sets.map((s) => ({ id: s.id, split: s.split, version: packages[s.packageName] })),
    classes: classes.map((c) => ({ name: c.name, icons: c.icons })),
    renderer,
  };
  const key = sha256Hex(JSON.stringify(fingerprint)).slice(0, 12);
  const root = options.out !== undefined ? path.resolve(options.out) : path.join(options.cacheDir ?? cacheDir(), 'datasets', `emoji-${key}`);
  return { key, root, size, classes, sets, packages, renderer };
}

/**
 * Refuses an image side an icon dataset (emoji, artwork) cannot be built at.
 * @throws DatasetError naming the dataset (`what`, e.g. `Emoji`) and the allowed range.
 */
export function checkIconImageSize(size: number, what: string, source: string): void {
  if (!Number.isInteger(size) || size < minSize || size > maxSize) {
    throw new DatasetError(`${what} image size must be a whole number of pixels in [${minSize}, ${maxSize}], got ${size}.`, source);
  }
}

/** Every image of the dataset, set by set (in `sets` order), each set's classes in class-list order. */
export function planEmojiImages(classes: readonly EmojiClass[], sets: readonly EmojiSet[]): EmojiImagePlan[] {
  return sets.flatMap((set) =>
    classes.map((c) => ({
      path: `${set.id}/${emojiSlug(c.name)}.png`,
      label: c.name,
      split: set.split,
      setId: set.id,
      iconName: c.icons[set.id] ?? '',
    })),
  );
}

/** Looks up the emoji dataset without building or checking it. */
export function emojiDatasetStatus(options: EmojiBuildOptions = {}): EmojiDatasetStatus {
  const target = resolveEmojiBuild(options);
  return {
    root: target.root,
    key: target.key,
    built: readEmojiBuildRecord(target.root)?.key === target.key,
    classCount: target.classes.length,
    setCount: target.sets.length,
    size: target.size,
  };
}
