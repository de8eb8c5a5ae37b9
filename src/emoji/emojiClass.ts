import { z } from 'zod';

/** Class names: lower-case words (letters, digits, hyphens) separated by single spaces, one or two words. */
const classNamePattern = /^[a-z0-9]+(?:-[a-z0-9]+)*(?: [a-z0-9]+(?:-[a-z0-9]+)*)?$/;

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
