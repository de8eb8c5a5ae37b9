import canvas from 'canvas';
import { fontFileHashes, type FontFileHash } from '../fonts/fontFileHashes.js';

/** What a report records next to render hashes so a reader can reproduce them. */
export interface RendererVersions {
  /** node-canvas version, e.g. "3.2.3". */
  readonly canvas: string;
  readonly cairo: string;
  readonly pango: string;
  readonly freetype: string | undefined;
  /** libjpeg API version used by `resave: jpeg`. */
  readonly jpeg: string | undefined;
  /** The bundled font files and their SHA-256. */
  readonly fonts: readonly FontFileHash[];
}

/** Versions of node-canvas and the native libraries it links, plus the bundled fonts' hashes. */
export function rendererVersions(): RendererVersions {
  const lib = canvas as unknown as Record<string, string | undefined>;
  return {
    canvas: lib['version'] ?? 'unknown',
    cairo: lib['cairoVersion'] ?? 'unknown',
    pango: lib['pangoVersion'] ?? 'unknown',
    freetype: lib['freetypeVersion'],
    jpeg: lib['jpegVersion'],
    fonts: fontFileHashes(),
  };
}
