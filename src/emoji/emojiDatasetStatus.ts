import { readEmojiBuildRecord } from './readEmojiBuildRecord.js';
import { resolveEmojiBuild, type EmojiBuildOptions } from './resolveEmojiBuild.js';

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
