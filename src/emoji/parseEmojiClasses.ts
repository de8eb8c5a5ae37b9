import { DatasetError } from '../errors/DatasetError.js';
import { emojiClassListSchema, type EmojiClass } from './emojiClass.js';
import { emojiSlug } from './emojiSlug.js';

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
