import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DatasetError } from '../errors/errors.js';
import { packageRoot } from '../packageRoot.js';
import { sha256Hex } from '../util/hashing.js';
import { readJsonFile } from './emojiSets.js';

/**
 * The hashes a built emoji dataset is checked against: its own record (`build.json`, the SHA-256
 * of every file it wrote, so a later build finds damage without rendering), and the committed
 * expected pixel hashes (whether this machine renders what the committed weights were trained on).
 */

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** The schema of a built dataset's `build.json`. */
export const emojiBuildRecordSchema = z.object({
  format: z.literal(1),
  key: z.string(),
  size: z.number().int(),
  packages: z.record(z.string(), z.string()),
  renderer: z.object({ canvas: z.string(), cairo: z.string(), rsvg: z.string() }),
  /** SHA-256 of each written file other than build.json, by path relative to the root. */
  files: z.record(z.string(), sha256),
  /** SHA-256 of each image's decoded RGBA bytes, by path: what expected-hashes.json pins. */
  pixels: z.record(z.string(), sha256),
});

/**
 * `build.json`, written last into a built dataset's root: the key it was built for, and the
 * hashes that let the next build check every file without rendering anything.
 */
export type EmojiBuildRecord = z.infer<typeof emojiBuildRecordSchema>;

/** The name of the record file in a dataset root. */
export const emojiBuildRecordName = 'build.json';

/**
 * The `build.json` of a dataset root, or undefined when there is none or it cannot be used
 * (unreadable, not JSON, another format): the build then renders everything again.
 */
export function readEmojiBuildRecord(root: string): EmojiBuildRecord | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(root, emojiBuildRecordName), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const result = emojiBuildRecordSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

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

/**
 * How a build compares with the committed hashes:
 * - `match`: every image has its expected pixels;
 * - `mismatch`: some image differs from (or is missing in) the expected hashes - same
 *   package versions, different pixels: the renderer draws differently here;
 * - `not-comparable`: another image size or other package versions than the hashes were made for.
 */
export interface ExpectedHashCheck {
  readonly status: 'match' | 'mismatch' | 'not-comparable';
  /** The images whose pixels differ or have no expected hash (status `mismatch`). */
  readonly mismatched: readonly string[];
  /** One line saying why, for `mismatch` and `not-comparable`. */
  readonly reason?: string;
}

/** Compares a build's pixel hashes with the expected ones. Pure. */
export function checkExpectedHashes(record: EmojiBuildRecord, expected: ExpectedEmojiHashes): ExpectedHashCheck {
  if (record.size !== expected.size) {
    return { status: 'not-comparable', mismatched: [], reason: `the expected hashes are for ${expected.size} px images, this build is ${record.size} px` };
  }
  const differentVersions = Object.entries(record.packages).filter(([name, version]) => expected.packages[name] !== version);
  if (differentVersions.length > 0) {
    const list = differentVersions.map(([name, version]) => `${name}@${version} (expected ${expected.packages[name] ?? 'none'})`).join(', ');
    return { status: 'not-comparable', mismatched: [], reason: `other package versions than the hashes were made for: ${list}` };
  }
  const mismatched = Object.entries(record.pixels)
    .filter(([file, hash]) => expected.images[file] !== hash)
    .map(([file]) => file);
  if (mismatched.length === 0) return { status: 'match', mismatched };
  const same = (key: 'canvas' | 'cairo' | 'rsvg') => record.renderer[key] === expected.renderer[key];
  const renderer = same('canvas') && same('cairo') && same('rsvg') ? 'the same node-canvas, cairo and librsvg versions' : `node-canvas ${record.renderer.canvas} / cairo ${record.renderer.cairo} / librsvg ${record.renderer.rsvg} (the hashes come from ${expected.renderer.canvas} / ${expected.renderer.cairo} / ${expected.renderer.rsvg})`;
  return {
    status: 'mismatch',
    mismatched,
    reason: `${mismatched.length} of ${Object.keys(record.pixels).length} images differ from the expected hashes with ${renderer}`,
  };
}
