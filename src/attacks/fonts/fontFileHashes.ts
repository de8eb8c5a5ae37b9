import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { bundledFonts, fontsDir } from './fontCatalog.js';

/** A bundled font file and the SHA-256 of its bytes, for the report's provenance section. */
export interface FontFileHash {
  readonly file: string;
  readonly family: string;
  readonly weight: 'normal' | 'bold';
  /** Lower-case hex SHA-256 of the file. */
  readonly sha256: string;
}

let cached: readonly FontFileHash[] | undefined;

/** SHA-256 of every bundled font file (computed once per process). */
export function fontFileHashes(): readonly FontFileHash[] {
  cached ??= Object.freeze(
    bundledFonts.map((f) => ({
      file: f.file,
      family: f.family,
      weight: f.weight,
      sha256: createHash('sha256').update(fs.readFileSync(path.join(fontsDir, f.file))).digest('hex'),
    })),
  );
  return cached;
}
