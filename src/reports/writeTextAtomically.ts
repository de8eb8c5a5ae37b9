import fs from 'node:fs';

/** Writes a report file through a temporary file and a rename, so a reader never sees half of it. */
export function writeTextAtomically(file: string, text: string): void {
  fs.writeFileSync(`${file}.tmp`, text);
  fs.renameSync(`${file}.tmp`, file);
}
