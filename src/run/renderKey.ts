import type { AttackSpec } from '../attacks/spec/attackSpecSchema.js';
import { defaultOrientation, type OrientationPolicy } from '../image/decodeOptions.js';
import { specHash } from './specHash.js';
import { sha256Hex } from '../util/sha256Hex.js';

/** Everything a rendered attack's bytes depend on. */
export interface RenderInputs {
  /** rendererFingerprint(): decoder and renderer code, native library versions, fonts. */
  readonly renderer: string;
  /** imagePixelsKey of the clean image: its file's SHA-256 (hex), with the orientation policy when not the default. */
  readonly imageSha256: string;
  /** The decode limit in pixels: it decides whether the image decodes at all. */
  readonly maxPixels: number;
  readonly spec: AttackSpec;
  /** The seed the attack is drawn with (a safe integer). */
  readonly seed: number;
}

/**
 * The key of an image file's decoded pixels (its clean embedding, and the base of its renders):
 * the file's SHA-256 under the default orientation policy; under another, the SHA-256 of the
 * file's and the policy, since the same file then gives other pixels. Hex, 64 characters.
 */
export function imagePixelsKey(fileSha256: string, orientation: OrientationPolicy = defaultOrientation): string {
  return orientation === defaultOrientation ? fileSha256 : sha256Hex(`${fileSha256}\0orientation=${orientation}`);
}

/** The key of a render in the RenderIndex: SHA-256 (hex) of its inputs' canonical JSON. */
export function renderKey(inputs: RenderInputs): string {
  return specHash(inputs);
}
