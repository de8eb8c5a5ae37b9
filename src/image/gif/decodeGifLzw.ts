import { ImageError } from '../../errors/ImageError.js';

const maxCodes = 4096;

/**
 * Decodes a GIF LZW stream (the concatenated sub-block payloads) into `pixelCount` palette
 * indices. Data past the last needed pixel is ignored; a stream that ends early is an error.
 */
export function decodeGifLzw(data: Uint8Array, minCodeSize: number, pixelCount: number): Uint8Array {
  if (minCodeSize < 1 || minCodeSize > 11) {
    throw new ImageError(`corrupt GIF: LZW minimum code size ${minCodeSize} (allowed 1-11)`);
  }
  const out = new Uint8Array(pixelCount);
  const prefix = new Int16Array(maxCodes);
  const suffix = new Uint8Array(maxCodes);
  const firstByte = new Uint8Array(maxCodes);
  const length = new Uint16Array(maxCodes);
  const clear = 1 << minCodeSize;
  const end = clear + 1;
  for (let code = 0; code < clear; code++) {
    suffix[code] = code;
    firstByte[code] = code;
    length[code] = 1;
  }
  let codeSize = minCodeSize + 1;
  let next = end + 1;
  let previous = -1;
  let written = 0;
  let bitBuffer = 0;
  let bitCount = 0;
  let pos = 0;

  while (written < pixelCount) {
    while (bitCount < codeSize && pos < data.length) {
      bitBuffer |= data[pos++]! << bitCount;
      bitCount += 8;
    }
    if (bitCount < codeSize) break;
    const code = bitBuffer & ((1 << codeSize) - 1);
    bitBuffer >>>= codeSize;
    bitCount -= codeSize;

    if (code === clear) {
      codeSize = minCodeSize + 1;
      next = end + 1;
      previous = -1;
      continue;
    }
    if (code === end) break;
    if (code > next || (code === next && previous < 0)) {
      throw new ImageError(`corrupt GIF image data: LZW code ${code} not yet defined`);
    }
    if (previous >= 0 && next < maxCodes) {
      // The new entry is previous + first byte of the current string (code === next: KwKwK).
      prefix[next] = previous;
      firstByte[next] = firstByte[previous]!;
      suffix[next] = code === next ? firstByte[previous]! : firstByte[code]!;
      length[next] = length[previous]! + 1;
      next++;
      if (next === 1 << codeSize && codeSize < 12) codeSize++;
    }
    // Write the string for `code` back to front.
    const stringLength = length[code]!;
    let at = written + stringLength - 1;
    let walk = code;
    while (walk >= 0 && at >= written) {
      if (at < pixelCount) out[at] = suffix[walk]!;
      walk = walk < clear ? -1 : prefix[walk]!;
      at--;
    }
    written += stringLength;
    previous = code;
  }
  if (written < pixelCount) {
    throw new ImageError(`truncated GIF image data: decoded ${written} of ${pixelCount} pixels`);
  }
  return out;
}
