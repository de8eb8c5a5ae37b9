import path from 'node:path';
import { z } from 'zod';
import { DatasetError } from '../errors/errors.js';
import { packageRoot } from '../packageRoot.js';
import { emojiSets, readJsonFile } from './emojiSets.js';

/** One class of the emoji dataset, as `datasets/emoji/classes.json` lists it. Plain data. */
export interface EmojiClass {
  /** The label and caption word(s): one or two lower-case words, e.g. `apple`, `soccer ball`. */
  readonly name: string;
  /** A coarse group for reports, e.g. `animals`, `vehicles`. */
  readonly category: string;
  /** The emoji's code points, lower-case hex joined by `-`, without variation selectors, e.g. `1f34e`. */
  readonly codepoint: string;
  /** The Unicode character name of the (first) code point, e.g. `RED APPLE`. */
  readonly unicodeName: string;
  /** The icon's name in each set, by set id (Iconify prefix); never an alias. */
  readonly icons: Readonly<Record<string, string>>;
}

/** Class names: lower-case words (letters, digits, hyphens) separated by single spaces, one or two words. */
const classNamePattern = /^[a-z0-9]+(?:-[a-z0-9]+)*(?: [a-z0-9]+(?:-[a-z0-9]+)*)?$/;

/** The schema of `datasets/emoji/classes.json`. */
export const emojiClassListSchema = z.strictObject({
  classes: z
    .array(
      z.strictObject({
        name: z.string().regex(classNamePattern, 'a class name is one or two lower-case words (a-z, 0-9, inner hyphens)'),
        category: z.string().min(1),
        codepoint: z.string().regex(/^[0-9a-f]{4,6}(?:-[0-9a-f]{4,6})*$/, 'code points are lower-case hex joined by "-"'),
        unicodeName: z.string().min(1),
        icons: z.record(z.string(), z.string().min(1)),
      }),
    )
    .min(1),
});

/** The file name an image of this class gets: the name with spaces as hyphens (`soccer ball` -> `soccer-ball`). */
export function emojiSlug(name: string): string {
  return name.replace(/ /g, '-');
}

function formatIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`).join('; ');
}

function firstDuplicate(values: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) return v;
    seen.add(v);
  }
  return undefined;
}

/**
 * Validates the contents of a class list (`datasets/emoji/classes.json`): the schema, unique
 * names, file names and code points, and an icon name for exactly the sets `setIds` in every
 * class. Throws a DatasetError naming the file and the first fault.
 */
export function parseEmojiClasses(json: unknown, source: string, setIds: readonly string[]): EmojiClass[] {
  const result = emojiClassListSchema.safeParse(json);
  if (!result.success) throw new DatasetError(`Invalid emoji class list ${source}: ${formatIssues(result.error.issues)}`, source);
  const classes = result.data.classes;
  const duplicates: Array<[string, (c: EmojiClass) => string]> = [
    ['class name', (c) => c.name],
    ['file name', (c) => emojiSlug(c.name)],
    ['code point', (c) => c.codepoint],
  ];
  for (const [what, key] of duplicates) {
    const duplicate = firstDuplicate(classes.map(key));
    if (duplicate !== undefined) throw new DatasetError(`Invalid emoji class list ${source}: ${what} '${duplicate}' appears twice; each must be unique.`, source);
  }
  for (const c of classes) {
    const missing = setIds.filter((id) => c.icons[id] === undefined);
    const unknown = Object.keys(c.icons).filter((id) => !setIds.includes(id));
    if (missing.length > 0 || unknown.length > 0) {
      throw new DatasetError(
        `Invalid emoji class list ${source}: class '${c.name}' ${missing.length > 0 ? `has no icon for ${missing.join(', ')}` : `names unknown sets ${unknown.join(', ')}`}; ` +
          `every class names its icon in exactly these sets: ${setIds.join(', ')}.`,
        source,
      );
    }
  }
  return classes;
}

/** The shipped class list. */
export const emojiClassListFile = path.join(packageRoot, 'datasets', 'emoji', 'classes.json');

/** Reads and validates a class list (default: the shipped one) against the sets of {@link emojiSets}. */
export function loadEmojiClasses(file: string = emojiClassListFile): EmojiClass[] {
  return parseEmojiClasses(readJsonFile(file), file, emojiSets.map((s) => s.id));
}
