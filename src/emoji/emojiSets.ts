import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DatasetError } from '../errors/errors.js';
import { packageRoot } from '../packageRoot.js';

/**
 * The emoji sets (Iconify JSON icon sets published on npm) the dataset is drawn from, and
 * reading them from their installed packages.
 */

/**
 * Which part of the emoji dataset a set's images go to: `train` styles are what stroop-tiny
 * learns from; `heldout` styles are never trained on, so accuracy on them is zero-shot on
 * artwork the model has not seen.
 */
export type EmojiSplit = 'train' | 'heldout';

/** One emoji style: an Iconify JSON icon set published on npm. Plain data. */
export interface EmojiSet {
  /** The Iconify prefix, e.g. `twemoji`: the key of `icons` in classes.json and the image folder name. */
  readonly id: string;
  /** The npm package holding `icons.json`, pinned in package.json. */
  readonly packageName: string;
  /** Human name of the artwork and its version as Iconify states it. */
  readonly title: string;
  /** SPDX licence id of the artwork. */
  readonly licence: string;
  readonly split: EmojiSplit;
}

/** One icon of an Iconify JSON set: SVG content and its view box (missing fields take the set's defaults). */
export interface IconData {
  /** The SVG content inside `<svg>`, in view-box units. */
  readonly body: string;
  readonly left?: number;
  readonly top?: number;
  readonly width?: number;
  readonly height?: number;
  /** Iconify transformations; the emoji sets use none, and the renderer refuses them. */
  readonly rotate?: number;
  readonly hFlip?: boolean;
  readonly vFlip?: boolean;
}

/** An Iconify JSON icon set as read from its npm package. Plain data. */
export interface IconSet {
  /** The Iconify prefix, e.g. `twemoji`. */
  readonly id: string;
  readonly packageName: string;
  /** The package version from its package.json, e.g. `1.2.5`. */
  readonly version: string;
  /** View box defaults of the set (Iconify: left 0, top 0, width 16, height 16 unless the set says otherwise). */
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  /** Icons by name. */
  readonly icons: Readonly<Record<string, IconData>>;
  /** Aliases by name (absent: none): another name for an icon, with its own view box or transformations. */
  readonly aliases?: Readonly<Record<string, IconAlias>>;
}

/** An Iconify alias: the icon (or alias) it names, and fields that override or add to the parent's. */
export interface IconAlias extends Omit<IconData, 'body'> {
  readonly parent: string;
}

/**
 * The icon called `name` in a set: the icon itself, or an alias resolved to its icon as Iconify
 * does (view box fields of the alias win, rotations add up, flips cancel in pairs); undefined
 * when the set has neither, or the alias chain is broken or loops.
 */
export function resolveIconData(set: IconSet, name: string): IconData | undefined {
  const chain: IconAlias[] = [];
  let current = name;
  while (!Object.hasOwn(set.icons, current)) {
    const alias = set.aliases !== undefined && Object.hasOwn(set.aliases, current) ? set.aliases[current] : undefined;
    if (alias === undefined || typeof alias.parent !== 'string' || chain.includes(alias)) return undefined;
    chain.push(alias);
    current = alias.parent;
  }
  const icon = set.icons[current];
  if (icon === undefined || chain.length === 0) return icon;
  let merged: IconData = icon;
  for (const alias of chain.reverse()) {
    const { parent: _parent, rotate, hFlip, vFlip, ...box } = alias;
    merged = {
      ...merged,
      ...box,
      rotate: ((merged.rotate ?? 0) + (rotate ?? 0)) % 4,
      hFlip: (merged.hFlip ?? false) !== (hFlip ?? false),
      vFlip: (merged.vFlip ?? false) !== (vFlip ?? false),
    };
  }
  return merged;
}

const sets: EmojiSet[] = [
  { id: 'twemoji', packageName: '@iconify-json/twemoji', title: 'Twemoji (Twitter Emoji)', licence: 'CC-BY-4.0', split: 'train' },
  { id: 'noto-v1', packageName: '@iconify-json/noto-v1', title: 'Noto Emoji (v1)', licence: 'Apache-2.0', split: 'train' },
  { id: 'fluent-emoji-flat', packageName: '@iconify-json/fluent-emoji-flat', title: 'Fluent Emoji Flat (Microsoft)', licence: 'MIT', split: 'train' },
  { id: 'emojione', packageName: '@iconify-json/emojione', title: 'Emoji One (Colored) 2.3.0', licence: 'CC-BY-4.0', split: 'train' },
  { id: 'fxemoji', packageName: '@iconify-json/fxemoji', title: 'Firefox OS Emoji 0.0.2', licence: 'Apache-2.0', split: 'train' },
  { id: 'openmoji', packageName: '@iconify-json/openmoji', title: 'OpenMoji', licence: 'CC-BY-SA-4.0', split: 'heldout' },
  { id: 'emojione-v1', packageName: '@iconify-json/emojione-v1', title: 'Emoji One (v1) 1.5.2', licence: 'CC-BY-SA-4.0', split: 'heldout' },
];

/**
 * The emoji sets of the dataset, in manifest order: five permissively licensed styles for
 * training, and the two CC BY-SA styles held out for evaluation only, so that no share-alike
 * artwork flows into the committed weights (datasets/emoji/README.md gives the reasons and
 * the sets left out).
 */
export const emojiSets: readonly EmojiSet[] = Object.freeze(sets.map((set) => Object.freeze(set)));

/** Parses a JSON file; a missing, unreadable or malformed file is a DatasetError naming it. */
export function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DatasetError(`Cannot read ${file}: ${(error as Error).message}`, file, undefined, { cause: error });
  }
}

const requireFromRoot = createRequire(path.join(packageRoot, 'package.json'));

/** The folder of a set's installed npm package, or a DatasetError saying how to install it. */
export function iconSetPackageDir(set: EmojiSet): string {
  try {
    return path.dirname(requireFromRoot.resolve(`${set.packageName}/package.json`));
  } catch (error) {
    throw new DatasetError(
      `The emoji set '${set.id}' needs the npm package ${set.packageName}, which is not installed; run 'npm install' in ${packageRoot}.`,
      set.packageName,
      undefined,
      { cause: error },
    );
  }
}

/** The installed version of a set's package (from its package.json), without reading its icons. */
export function iconSetVersion(set: EmojiSet): string {
  const file = path.join(iconSetPackageDir(set), 'package.json');
  const json = readJsonFile(file) as { version?: unknown } | null;
  if (typeof json?.version !== 'string') throw new DatasetError(`${file} has no version.`, file);
  return json.version;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads an emoji set's `icons.json` (Iconify JSON format) from its installed npm package. */
export function readIconSet(set: EmojiSet): IconSet {
  const file = path.join(iconSetPackageDir(set), 'icons.json');
  const json = readJsonFile(file);
  if (!isRecord(json) || !isRecord(json['icons']) || json['prefix'] !== set.id) {
    throw new DatasetError(`${file} is not the Iconify JSON set '${set.id}' (expected { prefix: "${set.id}", icons: {...} }).`, file);
  }
  const dimension = (key: string, fallback: number): number => (typeof json[key] === 'number' ? json[key] : fallback);
  return {
    id: set.id,
    packageName: set.packageName,
    version: iconSetVersion(set),
    left: dimension('left', 0),
    top: dimension('top', 0),
    width: dimension('width', 16),
    height: dimension('height', 16),
    icons: json['icons'] as Record<string, IconData>,
    ...(isRecord(json['aliases']) ? { aliases: json['aliases'] as Record<string, IconAlias> } : {}),
  };
}
