import path from 'node:path';
import { DatasetError } from '../errors/DatasetError.js';
import type { EmojiSet } from './emojiSets.js';
import { iconSetPackageDir } from './iconSetPackageDir.js';
import { readJsonFile } from './readJsonFile.js';

/** The installed version of a set's package (from its package.json), without reading its icons. */
export function iconSetVersion(set: EmojiSet): string {
  const file = path.join(iconSetPackageDir(set), 'package.json');
  const json = readJsonFile(file) as { version?: unknown } | null;
  if (typeof json?.version !== 'string') throw new DatasetError(`${file} has no version.`, file);
  return json.version;
}
