import { readFile } from 'node:fs/promises';
import type { DecodedImage } from './decodedImage.js';
import { decodeImageDetailed } from './decodeImage.js';
import type { DecodeOptions } from './decodeOptions.js';
import type { DecodeResult } from './decodeResult.js';
import { imageError } from './imageError.js';

/**
 * Reads and decodes one image file, with its source mode and decoder (see `decodeImageDetailed`);
 * a missing or unreadable file is an `ImageError` too.
 */
export async function readImageFileDetailed(path: string, options: Omit<DecodeOptions, 'path'> = {}): Promise<DecodeResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw imageError(reason, path, error);
  }
  return decodeImageDetailed(bytes, { ...options, path });
}

/** Reads and decodes one image file (see `decodeImage`). */
export async function readImageFile(path: string, options: Omit<DecodeOptions, 'path'> = {}): Promise<DecodedImage> {
  return (await readImageFileDetailed(path, options)).image;
}
