import type { EmojiBuildRecord } from './emojiBuildRecord.js';
import type { ExpectedEmojiHashes } from './expectedEmojiHashes.js';

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
