import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { fixturePath } from '../../helpers/paths.js';

/** One file of test/fixtures/conformance/manifest.json (see its README). */
export interface ConformanceEntry {
  /** Path under test/fixtures/conformance, e.g. `pngsuite/basn0g16.png`. */
  readonly file: string;
  readonly sha256: string;
  /** The mode Pillow reports (absent when Pillow cannot even identify the file). */
  readonly mode?: string;
  readonly width?: number;
  readonly height?: number;
  /** `Image.open(f).convert("RGB")` as an 8-bit RGB PNG. */
  readonly expected?: string;
  /** The same after `ImageOps.exif_transpose`, for files whose orientation is not 1. */
  readonly expected_exif?: string;
  /** The EXIF orientation Pillow reads, where it is not 1. */
  readonly orientation?: number;
  /** Pillow's exception when it refuses the file. */
  readonly pillow_error?: string;
}

/** The conformance manifest. */
export function loadConformanceManifest(): { readonly pillow: string; readonly files: readonly ConformanceEntry[] } {
  return JSON.parse(readFileSync(fixturePath('conformance', 'manifest.json'), 'utf8')) as { pillow: string; files: ConformanceEntry[] };
}

/** Absolute path of a conformance file. */
export function conformancePath(file: string): string {
  return fixturePath('conformance', ...file.split('/'));
}

/** An 8-bit RGB raster read from an expected PNG. */
export interface ExpectedRgb {
  readonly width: number;
  readonly height: number;
  /** width * height * 3 bytes. */
  readonly rgb: Uint8Array;
}

/**
 * Reads an expected PNG with pngjs (a decoder independent of stroop's), after removing its
 * tRNS chunk: Pillow stores the source's transparent colour there, and pngjs would zero the
 * pixels of that colour, which are not zero in Pillow's RGB image.
 */
export function readExpectedRgb(file: string): ExpectedRgb {
  const bytes = readFileSync(conformancePath(file));
  const kept = [bytes.subarray(0, 8)];
  for (let pos = 8; pos + 8 <= bytes.length; ) {
    const end = pos + 12 + bytes.readUInt32BE(pos);
    if (bytes.toString('latin1', pos + 4, pos + 8) !== 'tRNS') kept.push(bytes.subarray(pos, end));
    pos = end;
  }
  const png = PNG.sync.read(Buffer.concat(kept));
  const rgb = new Uint8Array(png.width * png.height * 3);
  for (let i = 0; i < png.width * png.height; i++) rgb.set(png.data.subarray(i * 4, i * 4 + 3), i * 3);
  return { width: png.width, height: png.height, rgb };
}

/** The largest absolute difference between two equally long byte arrays. */
export function maxAbsDiff(a: Uint8Array, b: Uint8Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}
