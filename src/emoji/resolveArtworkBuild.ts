import path from 'node:path';
import { DatasetError } from '../errors/errors.js';
import { cacheDir } from '../store/cacheDir.js';
import { sha256Hex } from '../util/hashing.js';
import { artworkIconSource, artworkTablesDir, loadArtworkTables } from './artworkTables.js';
import { readEmojiBuildRecord } from './emojiBuildRecord.js';
import { emojiSlug, emojiClassListFile, loadEmojiClasses, type EmojiClass } from './emojiClasses.js';
import { emojiSets, iconSetVersion, type EmojiSet } from './emojiSets.js';
import { svgRendererVersions, type SvgRendererVersions } from './renderSvg.js';
import { checkIconImageSize, selectClasses } from './resolveEmojiBuild.js';

/**
 * What an artwork dataset build is, decided without rendering anything: the reviewed tables of
 * datasets/artwork/icons/ plus the emoji training sets, the images they give, the key and root.
 */

/** Bump when the layout or the rendering of the built dataset changes, so old caches are not reused. */
const buildFormat = 1;

/** Image side when none is given, in pixels: stroop-tiny's input size. */
export const defaultArtworkImageSize = 112;

/** What to build; every field is optional. */
export interface ArtworkBuildOptions {
  /** Dataset root; default `<cache>/datasets/artwork-<key>`. */
  readonly out?: string;
  /** Image side in pixels, a whole number in [16, 512]; default 112. */
  readonly size?: number;
  /** Build only these classes (names from classes.json), e.g. for tests; default all. */
  readonly classes?: readonly string[];
  /** stroop's cache folder; default {@link cacheDir} ($STROOP_CACHE_DIR, ...). */
  readonly cacheDir?: string;
  /** The folder of the icon tables (`<set>.json`); default datasets/artwork/icons. */
  readonly tablesDir?: string;
}

/** One icon set the dataset draws from: an emoji training set, or the set of a reviewed table. Plain data. */
export interface ArtworkSource {
  /** The npm icon set (its id is the image folder and the `set` attribute). */
  readonly set: EmojiSet;
  /** The installed package version. */
  readonly version: string;
  /** Icon name by class name; null where the set has no icon for the class. */
  readonly icons: Readonly<Record<string, string | null>>;
  /** Where the icon names come from (a table file, or classes.json), for error messages. */
  readonly file: string;
}

/** Everything a build depends on, resolved without parsing any icon set. Plain data. */
export interface ArtworkBuildTarget {
  /** 12 hex digits identifying the inputs: format, size, classes, sets with versions, licences and icon names, renderer. */
  readonly key: string;
  /** Absolute dataset root. */
  readonly root: string;
  readonly size: number;
  /** The classes to build, in class-list order. */
  readonly classes: readonly EmojiClass[];
  /** The emoji training sets (in emoji-set order), then the tables' sets (in set order). */
  readonly sources: readonly ArtworkSource[];
  /** Installed version of each package, by package name. */
  readonly packages: Readonly<Record<string, string>>;
  readonly renderer: SvgRendererVersions;
}

/** One image to render: which icon, where it goes, its label and attributes. */
export interface ArtworkImagePlan {
  /** Path inside the dataset root, POSIX separators: `<set id>/<class slug>.png`. */
  readonly path: string;
  /** The class name. */
  readonly label: string;
  readonly setId: string;
  /** The icon's (or alias's) name in its set. */
  readonly iconName: string;
  /** SPDX licence id of the set's artwork. */
  readonly licence: string;
}

/** Where the artwork dataset for some options lives, and whether it has been built there. Plain data. */
export interface ArtworkDatasetStatus {
  readonly root: string;
  readonly key: string;
  /** True when the root holds a build record for this key (its files are checked only by a build). */
  readonly built: boolean;
  readonly classCount: number;
  readonly setCount: number;
  readonly imageCount: number;
  readonly size: number;
}

function emojiTrainingSources(classes: readonly EmojiClass[]): ArtworkSource[] {
  return emojiSets
    .filter((set) => set.split === 'train')
    .map((set) => ({ set, version: iconSetVersion(set), icons: Object.fromEntries(classes.map((c) => [c.name, c.icons[set.id] ?? null])), file: emojiClassListFile }));
}

/**
 * Resolves build options to an {@link ArtworkBuildTarget}: validates the size and the class
 * subset, reads the class list and the tables (checking each against the installed package
 * version), and derives the key and the root. Cheap: no icon set is parsed.
 */
export function resolveArtworkBuild(options: ArtworkBuildOptions = {}): ArtworkBuildTarget {
  const size = options.size ?? defaultArtworkImageSize;
  checkIconImageSize(size, 'Artwork', 'artwork');
  const allClasses = loadEmojiClasses();
  const classes = selectClasses(allClasses, options.classes);
  const tables = loadArtworkTables(allClasses.map((c) => c.name), options.tablesDir ?? artworkTablesDir);
  const sources = emojiTrainingSources(classes);
  for (const table of tables) {
    const clash = sources.find((s) => s.set.id === table.set);
    if (clash !== undefined) throw new DatasetError(`Artwork table ${table.file}: set '${table.set}' is already drawn from ${clash.file}; each set is one image folder.`, table.file);
    sources.push({ set: artworkIconSource(table), version: table.version, icons: table.icons, file: table.file });
  }
  const packages = Object.fromEntries(sources.map((s) => [s.set.packageName, s.version]));
  const renderer = svgRendererVersions();
  const fingerprint = {
    format: buildFormat,
    size,
    classes: classes.map((c) => c.name),
    sets: sources.map((s) => ({ id: s.set.id, package: s.set.packageName, version: s.version, licence: s.set.licence, icons: classes.map((c) => s.icons[c.name] ?? null) })),
    renderer,
  };
  const key = sha256Hex(JSON.stringify(fingerprint)).slice(0, 12);
  const root = options.out !== undefined ? path.resolve(options.out) : path.join(options.cacheDir ?? cacheDir(), 'datasets', `artwork-${key}`);
  return { key, root, size, classes, sources, packages, renderer };
}

/** Every image of the dataset, source by source, each source's classes in class-list order; classes a set has no icon for are skipped. */
export function planArtworkImages(classes: readonly EmojiClass[], sources: readonly ArtworkSource[]): ArtworkImagePlan[] {
  return sources.flatMap((source) =>
    classes.flatMap((c) => {
      const iconName = source.icons[c.name];
      if (iconName === null || iconName === undefined) return [];
      return [{ path: `${source.set.id}/${emojiSlug(c.name)}.png`, label: c.name, setId: source.set.id, iconName, licence: source.set.licence }];
    }),
  );
}

/** Looks up the artwork dataset without building or checking it. */
export function artworkDatasetStatus(options: ArtworkBuildOptions = {}): ArtworkDatasetStatus {
  const target = resolveArtworkBuild(options);
  return {
    root: target.root,
    key: target.key,
    built: readEmojiBuildRecord(target.root)?.key === target.key,
    classCount: target.classes.length,
    setCount: target.sources.length,
    imageCount: planArtworkImages(target.classes, target.sources).length,
    size: target.size,
  };
}
