import fs from 'node:fs';
import path from 'node:path';
import { sha256Hex } from '../util/sha256Hex.js';

/**
 * The files among `paths` (relative to `root`, POSIX separators) that are missing, unreadable,
 * or whose SHA-256 differs from `expected[path]` (a path with no expected hash counts as damaged).
 */
export function findDamagedFiles(root: string, paths: readonly string[], expected: Readonly<Record<string, string>>): string[] {
  return paths.filter((relative) => {
    const want = expected[relative];
    if (want === undefined) return true;
    try {
      return sha256Hex(fs.readFileSync(path.join(root, ...relative.split('/')))) !== want;
    } catch {
      return true;
    }
  });
}
