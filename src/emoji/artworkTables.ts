import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DatasetError, messageOf } from '../errors/errors.js';
import { packageRoot } from '../packageRoot.js';
import { compareCodeUnits } from '../util/ordering.js';
import { iconSetVersion, readJsonFile, resolveIconData, type EmojiSet, type IconSet } from './emojiSets.js';

/**
 * The reviewed icon tables of `datasets/artwork/icons/` (issue #21): for one Iconify set
 * published on npm, the icon that draws each of the emoji dataset's classes, or null. Reading
 * them checks everything a build relies on, and names the table and the class at fault.
 */

/** The shipped tables, one `<set>.json` per Iconify set. */
export const artworkTablesDir = path.join(packageRoot, 'datasets', 'artwork', 'icons');

/** The schema of one table file; datasets/artwork/README.md says what each field holds. */
export const artworkTableSchema = z.strictObject({
  /** The Iconify prefix, e.g. `tabler`: the file name and the image folder name. */
  set: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a set id is an Iconify prefix: lower-case words joined by "-"'),
  /** The npm package holding the set, `@iconify-json/<set>`. */
  package: z.string().min(1),
  /** The package version the table was reviewed against, pinned in package.json. */
  version: z.string().min(1),
  title: z.string().min(1),
  /** SPDX licence id of the artwork. */
  licence: z.string().min(1),
  author: z.string().min(1),
  /** True for a colour set; false for a monochrome one drawn in `currentColor` (rendered black). */
  palette: z.boolean(),
  /** Class name -> icon (or alias) name in the set, or null when the set has no clear drawing of it. */
  icons: z.record(z.string(), z.string().min(1).nullable()),
  /** Why, for every null and every non-obvious pick (not used by the build). */
  notes: z.record(z.string(), z.string()),
});

/** One table, validated against the class list and the installed package. Plain data. */
export interface ArtworkTable {
  /** The table file, as read. */
  readonly file: string;
  readonly set: string;
  readonly packageName: string;
  /** The reviewed and installed package version. */
  readonly version: string;
  readonly title: string;
  readonly licence: string;
  readonly author: string;
  readonly palette: boolean;
  /** Icon name by class name, for every class of the class list; null where the set has none. */
  readonly icons: Readonly<Record<string, string | null>>;
}

function formatIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`).join('; ');
}

/**
 * Validates the contents of one table file: the schema, a set id matching the file name, the
 * package `@iconify-json/<set>`, and an entry (icon name or null) for exactly the classes
 * `classNames`. Pure; throws a DatasetError naming the file, the class and the fault.
 */
export function parseArtworkTable(json: unknown, file: string, classNames: readonly string[]): ArtworkTable {
  const result = artworkTableSchema.safeParse(json);
  if (!result.success) throw new DatasetError(`Invalid artwork table ${file}: ${formatIssues(result.error.issues)}`, file);
  const table = result.data;
  if (path.basename(file) !== `${table.set}.json`) {
    throw new DatasetError(`Invalid artwork table ${file}: its set is '${table.set}', so the file must be named ${table.set}.json.`, file);
  }
  if (table.package !== `@iconify-json/${table.set}`) {
    throw new DatasetError(`Invalid artwork table ${file}: package '${table.package}' must be the set's Iconify package, @iconify-json/${table.set}.`, file);
  }
  const unknown = Object.keys(table.icons).find((name) => !classNames.includes(name));
  if (unknown !== undefined) {
    throw new DatasetError(`Invalid artwork table ${file}: class '${unknown}' is not in the class list (datasets/emoji/classes.json); a table maps exactly its ${classNames.length} classes.`, file);
  }
  const missing = classNames.find((name) => !Object.hasOwn(table.icons, name));
  if (missing !== undefined) {
    throw new DatasetError(`Invalid artwork table ${file}: class '${missing}' has no entry; give every class an icon name, or null when the set has no icon for it.`, file);
  }
  return { file, set: table.set, packageName: table.package, version: table.version, title: table.title, licence: table.licence, author: table.author, palette: table.palette, icons: table.icons };
}

/** The npm icon set a table draws from, in the shape the icon-set readers take (every artwork set is for training). */
export function artworkIconSource(table: ArtworkTable): EmojiSet {
  return { id: table.set, packageName: table.packageName, title: table.title, licence: table.licence, split: 'train' };
}

/**
 * Reads every `*.json` table of `dir` (default the shipped tables), in set order, validates each
 * ({@link parseArtworkTable}) and checks that its package is installed at the table's version:
 * the tables were reviewed against that version, and another one may rename or redraw icons.
 * Cheap: no icon set is parsed (see {@link checkArtworkIcons}).
 */
export function loadArtworkTables(classNames: readonly string[], dir: string = artworkTablesDir): ArtworkTable[] {
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch (error) {
    throw new DatasetError(`Cannot read the artwork tables in ${dir}: ${messageOf(error)}`, dir, undefined, { cause: error });
  }
  if (files.length === 0) throw new DatasetError(`No artwork tables (<set>.json) in ${dir}.`, dir);
  return files.sort(compareCodeUnits).map((name) => {
    const file = path.join(dir, name);
    const table = parseArtworkTable(readJsonFile(file), file, classNames);
    let installed: string;
    try {
      installed = iconSetVersion(artworkIconSource(table));
    } catch (error) {
      throw new DatasetError(`Artwork table ${file}: ${messageOf(error)}`, file, undefined, { cause: error });
    }
    if (installed !== table.version) {
      throw new DatasetError(
        `Artwork table ${file} was reviewed against ${table.packageName}@${table.version}, but ${installed} is installed; ` +
          `install the pinned version ('npm install' in ${packageRoot}), or review the table against ${installed} and update its version.`,
        file,
      );
    }
    return table;
  });
}

/**
 * Checks that every icon a table (or any icon list with its file) names for `classNames` is in
 * the set as read from its package (an icon, or an alias of one) and is drawn untransformed,
 * which is all the renderer draws. Throws a DatasetError naming the file, the class and the icon.
 */
export function checkArtworkIcons(table: Pick<ArtworkTable, 'file' | 'icons'>, iconSet: IconSet, classNames: readonly string[]): void {
  for (const className of classNames) {
    const name = table.icons[className];
    if (name === null || name === undefined) continue;
    const icon = resolveIconData(iconSet, name);
    if (icon === undefined || typeof icon.body !== 'string') {
      throw new DatasetError(`${table.file}: class '${className}' names icon '${name}', which is not in ${iconSet.packageName}@${iconSet.version} (neither an icon nor an alias).`, table.file);
    }
    if (icon.rotate || icon.hFlip || icon.vFlip) {
      throw new DatasetError(`${table.file}: class '${className}' names icon '${name}', which ${iconSet.packageName} draws rotated or flipped; only untransformed icons can be rendered.`, table.file);
    }
  }
}
