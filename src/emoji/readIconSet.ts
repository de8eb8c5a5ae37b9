import path from 'node:path';
import { DatasetError } from '../errors/DatasetError.js';
import type { EmojiSet } from './emojiSets.js';
import type { IconData, IconSet } from './iconSet.js';
import { iconSetPackageDir } from './iconSetPackageDir.js';
import { iconSetVersion } from './iconSetVersion.js';
import { readJsonFile } from './readJsonFile.js';

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
  };
}
