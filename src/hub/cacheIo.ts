import { createWriteStream } from 'node:fs';
import { statfs } from 'node:fs/promises';
import type { Writable } from 'node:stream';

/** The file-system operations a download depends on, injectable so tests can simulate a full disk. */
export interface CacheIo {
  /** Opens the partial file for writing: `w` to start over, `a` to resume. */
  readonly createWriteStream: (path: string, flags: 'w' | 'a') => Writable;
  /** Bytes free for this user on the file system holding `dir`, or undefined when unknown. */
  readonly freeBytes: (dir: string) => Promise<number | undefined>;
}

/** The real file system. */
export const nodeCacheIo: CacheIo = Object.freeze({
  createWriteStream: (path: string, flags: 'w' | 'a') => createWriteStream(path, { flags }),
  freeBytes: async (dir: string) => {
    try {
      const s = await statfs(dir);
      return s.bavail * s.bsize;
    } catch {
      return undefined;
    }
  },
});
