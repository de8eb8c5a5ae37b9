import fs from 'node:fs';

/** Whether `file` exists and is a folder (following symlinks). */
export function isDirectory(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Whether `file` exists and is a regular file (following symlinks). */
export function isFile(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}
