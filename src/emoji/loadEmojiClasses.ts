import path from 'node:path';
import { packageRoot } from '../packageRoot.js';
import type { EmojiClass } from './emojiClass.js';
import { emojiSets } from './emojiSets.js';
import { parseEmojiClasses } from './parseEmojiClasses.js';
import { readJsonFile } from './readJsonFile.js';

/** The shipped class list. */
export const emojiClassListFile = path.join(packageRoot, 'datasets', 'emoji', 'classes.json');

/** Reads and validates a class list (default: the shipped one) against the sets of {@link emojiSets}. */
export function loadEmojiClasses(file: string = emojiClassListFile): EmojiClass[] {
  return parseEmojiClasses(readJsonFile(file), file, emojiSets.map((s) => s.id));
}
