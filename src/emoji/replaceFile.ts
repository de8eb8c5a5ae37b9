import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes `data` to `file` through a temporary sibling and a rename, creating the folder, so a
 * reader (or a build interrupted half-way) never sees a half-written file.
 */
export function replaceFile(file: string, data: Uint8Array | string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, data);
  fs.renameSync(temporary, file);
}
