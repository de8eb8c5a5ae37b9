import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DatasetError } from '../errors/DatasetError.js';
import { packageRoot } from '../packageRoot.js';
import { readJsonFile } from './readJsonFile.js';

/** The committed pixel hashes: what a build with these package versions should produce (64 px). */
export const expectedEmojiHashesFile = path.join(packageRoot, 'datasets', 'emoji', 'expected-hashes.json');

/**
 * The committed hash file for builds of `size` px: `expected-hashes-<size>.json` where one is
 * committed (112 px, stroop-tiny's input size), else the 64 px file (whose size then does
 * not match, and the check says so).
 */
export function expectedEmojiHashesFileFor(size: number): string {
  const sized = path.join(packageRoot, 'datasets', 'emoji', `expected-hashes-${size}.json`);
  return fs.existsSync(sized) ? sized : expectedEmojiHashesFile;
}

const expectedEmojiHashesSchema = z.strictObject({
  /** Image side in pixels the hashes are for. */
  size: z.number().int(),
  /** Package versions the hashes are for, by package name. */
  packages: z.record(z.string(), z.string()),
  /** The node-canvas build that produced them (informative: a different one may still match). */
  renderer: z.object({ canvas: z.string(), cairo: z.string(), rsvg: z.string() }),
  /** SHA-256 of each image's RGBA bytes, by path relative to the dataset root. */
  images: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
});

/** The contents of `datasets/emoji/expected-hashes.json` (and of a build's `pixel-hashes.json`). */
export type ExpectedEmojiHashes = z.infer<typeof expectedEmojiHashesSchema>;

/** Reads and validates an expected-hash file (default: the shipped one). */
export function loadExpectedEmojiHashes(file: string = expectedEmojiHashesFile): ExpectedEmojiHashes {
  const result = expectedEmojiHashesSchema.safeParse(readJsonFile(file));
  if (!result.success) {
    throw new DatasetError(`Invalid expected emoji hashes ${file}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, file);
  }
  return result.data;
}
