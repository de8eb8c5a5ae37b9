import type { AttackSpec } from '../attacks/spec/attackSpecSchema.js';
import { specHash } from './specHash.js';

/** Everything a rendered attack's bytes depend on. */
export interface RenderInputs {
  /** rendererFingerprint(): decoder and renderer code, native library versions, fonts. */
  readonly renderer: string;
  /** SHA-256 (hex) of the clean image file. */
  readonly imageSha256: string;
  /** The decode limit in pixels: it decides whether the image decodes at all. */
  readonly maxPixels: number;
  readonly spec: AttackSpec;
  /** The seed the attack is drawn with (a safe integer). */
  readonly seed: number;
}

/** The key of a render in the RenderIndex: SHA-256 (hex) of its inputs' canonical JSON. */
export function renderKey(inputs: RenderInputs): string {
  return specHash(inputs);
}
