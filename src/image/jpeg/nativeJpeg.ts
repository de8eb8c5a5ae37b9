import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

type CanvasModule = typeof import('canvas');

/** node-canvas, loaded on first use, or why it could not be loaded. */
let loaded: { readonly canvas: CanvasModule } | { readonly error: string } | undefined;

/**
 * node-canvas, whose `Image` decodes JPEG with the libjpeg(-turbo) it was built against, or
 * `undefined` when it cannot be loaded here (not installed, native build missing). Loaded
 * synchronously on first use, so that decoding stays synchronous and a process that never
 * decodes a JPEG never loads the native module for it.
 */
export function nativeJpegCanvas(): CanvasModule | undefined {
  if (loaded === undefined) {
    try {
      loaded = { canvas: createRequire(import.meta.url)('canvas') as CanvasModule };
    } catch (error) {
      loaded = { error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
    }
  }
  return 'canvas' in loaded ? loaded.canvas : undefined;
}

/** Why the native JPEG decoder is not available, or `undefined` when it is. */
export function nativeJpegUnavailableReason(): string | undefined {
  nativeJpegCanvas();
  return loaded !== undefined && 'error' in loaded ? loaded.error : undefined;
}

let libraryVersion: string | undefined;

/**
 * The JPEG library node-canvas runs, e.g. "libjpeg-turbo 2.1.5". The libjpeg API does not
 * report the library's own version, so on Linux it is read from the shared library the
 * process has mapped (its version banner); elsewhere it is "libjpeg API <jpegVersion>".
 */
export function nativeJpegLibrary(): string | undefined {
  const canvas = nativeJpegCanvas();
  if (canvas === undefined) return undefined;
  if (libraryVersion !== undefined) return libraryVersion;
  libraryVersion = `libjpeg API ${canvas.jpegVersion ?? 'unknown'}`;
  try {
    const maps = readFileSync('/proc/self/maps', 'latin1');
    const file = /\s(\/\S*libjpeg[^/\s]*\.so[^/\s]*)$/m.exec(maps)?.[1];
    if (file !== undefined) {
      const banner = /libjpeg-turbo version ([0-9][0-9.]*)/.exec(readFileSync(file, 'latin1'));
      if (banner !== null) libraryVersion = `libjpeg-turbo ${banner[1]!}`;
    }
  } catch {
    // Not Linux, or /proc is not readable: keep the API version.
  }
  return libraryVersion;
}
