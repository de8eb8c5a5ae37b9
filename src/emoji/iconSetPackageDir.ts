import { createRequire } from 'node:module';
import path from 'node:path';
import { DatasetError } from '../errors/DatasetError.js';
import { packageRoot } from '../packageRoot.js';
import type { EmojiSet } from './emojiSets.js';

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
