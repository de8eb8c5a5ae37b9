import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DatasetError } from '../errors/errors.js';
import { compareCodeUnits } from '../util/ordering.js';
import { isInsideDirectory } from '../util/fileSystem.js';

/** One image of an image-folder dataset, before its path is resolved. */
export interface FolderEntry {
  /** Root-relative POSIX path (`cat/1.png`, or `label=dog_text=cat.png` at the root). */
  readonly relative: string;
  readonly label: string;
  /** From a `label=<class>_text=<word>` file name. */
  readonly attackText?: string;
  /** The entry is a symlink: its target must still be checked to stay inside the root. */
  readonly symlink: boolean;
}

/** The true label and the written text a real-world attack image's file name carries. */
export interface AttackFileName {
  readonly label: string;
  readonly attackText: string;
}

interface Item {
  readonly name: string;
  readonly entry: FolderEntry;
}

/** File extensions an image-folder dataset picks up (compared case-insensitively). */
export const imageExtensions = Object.freeze(['.jpg', '.jpeg', '.png', '.gif', '.webp', '.bmp'] as const);

const imageExtensionSet = new Set<string>(imageExtensions);

/** Whether a file name has one of the {@link imageExtensions}, in any letter case (`IMG_1.JPG`). */
export function isImageFileName(name: string): boolean {
  return imageExtensionSet.has(path.extname(name).toLowerCase());
}

const attackFileNamePattern = /^label=(.+?)_text=(.+)$/s;

/**
 * Reads the naming convention of published real-world typographic attack sets,
 * `label=<true class>_text=<written word>.<ext>` (`label=dog_text=cat.png`,
 * `label=granny smith_text=iPod.jpg`), into its label and attack text.
 * The label ends at the first `_text=`; the text runs to the last extension.
 * Both are returned verbatim (no case or underscore changes).
 *
 * @param fileName a file name, not a path.
 * @returns undefined when the name is not of that form or a part is blank.
 */
export function parseAttackFileName(fileName: string): AttackFileName | undefined {
  const stem = fileName.slice(0, fileName.length - path.extname(fileName).length);
  const match = attackFileNamePattern.exec(stem);
  const label = match?.[1];
  const attackText = match?.[2];
  if (label === undefined || attackText === undefined || label.trim() === '' || attackText.trim() === '') return undefined;
  return { label, attackText };
}

const isHidden = (name: string): boolean => name.startsWith('.');

async function isDirectoryInsideRoot(realRoot: string, full: string): Promise<boolean> {
  const real = await fs.realpath(full).catch(() => undefined);
  if (real === undefined) return false;
  if (!(await fs.stat(real)).isDirectory()) return false;
  if (!isInsideDirectory(realRoot, real)) {
    throw new DatasetError(`${full}: class folder is a symlink that leads outside the dataset root ${realRoot}; dataset images must stay inside the root.`, full);
  }
  return true;
}

function entryOf(name: string, relative: string, folderLabel: string | undefined, dirent: Dirent, file: string): FolderEntry {
  const symlink = dirent.isSymbolicLink();
  const attack = parseAttackFileName(name);
  if (folderLabel === undefined) {
    if (!attack) {
      throw new DatasetError(
        `${file}: image at the top of an image-folder dataset; put it in a class folder (<root>/<class>/${name}) or name it label=<class>_text=<written word>${path.extname(name)}.`,
        file,
      );
    }
    return { relative, label: attack.label, attackText: attack.attackText, symlink };
  }
  if (!attack) return { relative, label: folderLabel, symlink };
  if (attack.label !== folderLabel) {
    throw new DatasetError(`${file}: file name says label '${attack.label}' but the image is in class folder '${folderLabel}'; the two must agree.`, file);
  }
  return { relative, label: folderLabel, attackText: attack.attackText, symlink };
}

function pushTo(map: Map<string, Item[]>, key: string, item: Item): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/**
 * The images of an image-folder dataset, `<root>/<class>/<image>`, in a fixed order:
 * by class, then by file name (UTF-16 code-unit order, the same on every machine).
 * The class is the folder name. Images are files with an {@link isImageFileName}
 * extension in any case; names starting with `.` are skipped, as are other files and
 * nested folders. Real-world attack images named `label=<class>_text=<word>.<ext>` may
 * sit at the top of the root (the flat layout of published sets: their label comes from
 * the name) or inside their class folder (the name's label must equal the folder).
 *
 * Memory holds one class folder's listing (and the top-level listing), not the dataset.
 *
 * @param realRoot the dataset root with symlinks resolved.
 */
export async function* listImageFolder(realRoot: string): AsyncGenerator<FolderEntry> {
  const classFolders = new Set<string>();
  const topImages = new Map<string, Item[]>();
  for (const dirent of await fs.readdir(realRoot, { withFileTypes: true })) {
    const { name } = dirent;
    if (isHidden(name)) continue;
    const full = path.join(realRoot, name);
    if (dirent.isDirectory() || (dirent.isSymbolicLink() && !isImageFileName(name) && (await isDirectoryInsideRoot(realRoot, full)))) {
      classFolders.add(name);
    } else if ((dirent.isFile() || dirent.isSymbolicLink()) && isImageFileName(name)) {
      const entry = entryOf(name, name, undefined, dirent, full);
      pushTo(topImages, entry.label, { name, entry });
    }
  }
  const classes = [...new Set([...classFolders, ...topImages.keys()])].sort(compareCodeUnits);
  for (const label of classes) {
    const items = [...(topImages.get(label) ?? [])];
    if (classFolders.has(label)) {
      const folder = path.join(realRoot, label);
      for (const dirent of await fs.readdir(folder, { withFileTypes: true })) {
        const { name } = dirent;
        if (isHidden(name) || !isImageFileName(name) || !(dirent.isFile() || dirent.isSymbolicLink())) continue;
        items.push({ name, entry: entryOf(name, `${label}/${name}`, label, dirent, path.join(folder, name)) });
      }
    }
    items.sort((a, b) => compareCodeUnits(a.name, b.name) || compareCodeUnits(a.entry.relative, b.entry.relative));
    for (const item of items) yield item.entry;
  }
}
