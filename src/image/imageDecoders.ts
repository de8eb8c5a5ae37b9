import { createRequire } from 'node:module';
import { versions } from 'node:process';
import type { ImageDecoderId } from './decodeResult.js';
import { canvasMaxSide } from './jpeg/decodeJpegLibjpeg.js';
import { nativeJpegCanvas, nativeJpegLibrary, nativeJpegUnavailableReason } from './jpeg/nativeJpeg.js';

/** Which decoder each format gets in this process, in words, for a run's provenance. */
export interface ImageDecoders {
  /** e.g. "stroop (zlib 1.3.0.1-motley)". */
  readonly png: string;
  readonly gif: string;
  /** e.g. "libjpeg-turbo 2.1.5 via node-canvas 3.2.3", or the jpeg-js fallback and why. */
  readonly jpeg: string;
  /** True when JPEGs are decoded as Pillow decodes them (libjpeg-turbo); false on the jpeg-js fallback. */
  readonly jpegMatchesPillow: boolean;
}

function jpegJsVersion(): string {
  try {
    return (createRequire(import.meta.url)('jpeg-js/package.json') as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** One decoder in words with its version, e.g. "libjpeg-turbo 2.1.5 via node-canvas 3.2.3". */
export function describeDecoder(decoder: ImageDecoderId): string {
  switch (decoder) {
    case 'stroop-png':
      return `stroop (zlib ${versions.zlib ?? 'unknown'})`;
    case 'stroop-gif':
      return 'stroop';
    case 'jpeg-js':
      return `jpeg-js ${jpegJsVersion()}`;
    case 'libjpeg-turbo':
      return `${nativeJpegLibrary() ?? 'libjpeg'} via node-canvas ${nativeJpegCanvas()?.version ?? 'unknown'}`;
  }
}

/**
 * The image decoders this process uses, for a run's provenance (call once per run; it loads
 * node-canvas if nothing has yet). Every `DecodeResult` also names its own decoder: a JPEG
 * wider or taller than 32767 pixels falls back to jpeg-js even where libjpeg-turbo is available.
 */
export function imageDecoders(): ImageDecoders {
  const native = nativeJpegCanvas() !== undefined;
  const fallback = describeDecoder('jpeg-js');
  const jpeg = native
    ? `${describeDecoder('libjpeg-turbo')} (${fallback} above ${canvasMaxSide} px a side)`
    : `${fallback} (fallback: node-canvas unavailable: ${nativeJpegUnavailableReason() ?? 'unknown reason'})`;
  return { png: describeDecoder('stroop-png'), gif: describeDecoder('stroop-gif'), jpeg, jpegMatchesPillow: native };
}
