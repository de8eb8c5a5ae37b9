const littleEndian = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
/** The alpha byte of an RGBA pixel read as one 32-bit word, all ones (as int32). */
const ALPHA_BITS = (littleEndian ? 0xff000000 : 0xff) | 0;
/** Pixels checked together on the fast path: one AND of 8 words (written out; a loop is 2x slower) says whether all 8 are opaque. */
const BLOCK = 8;

/**
 * Rewrites bytes `start` to `end` of RGBA data, in place, into what node-canvas
 * gives back after `putImageData` then `getImageData` on its premultiplied
 * ARGB32 surface: opaque pixels are unchanged, fully transparent ones become
 * 0,0,0,0, and the rest are premultiplied and divided again in float32 with
 * truncation, as node-canvas 3 does (CanvasRenderingContext2d.cc). It lets the
 * renderer read back only the rows it drew on and still return the bytes a
 * full read-back would. `start` and `end` are multiples of 4.
 */
export function roundTripRgba(data: Uint8Array, start: number, end: number): void {
  let from = start;
  if ((data.byteOffset + start) % 4 === 0) {
    const words = new Uint32Array(data.buffer, data.byteOffset + start, (end - start) / 4);
    const blocks = words.length - (words.length % BLOCK);
    for (let w = 0; w < blocks; w += BLOCK) {
      const all =
        (words[w] as number) & (words[w + 1] as number) & (words[w + 2] as number) & (words[w + 3] as number) &
        (words[w + 4] as number) & (words[w + 5] as number) & (words[w + 6] as number) & (words[w + 7] as number);
      if ((all & ALPHA_BITS) !== ALPHA_BITS) roundTripPixels(data, start + w * 4, start + (w + BLOCK) * 4);
    }
    from = start + blocks * 4;
  }
  roundTripPixels(data, from, end);
}

function roundTripPixels(data: Uint8Array, start: number, end: number): void {
  for (let i = start + 3; i < end; i += 4) {
    const alpha = data[i] as number;
    if (alpha === 255) continue;
    if (alpha === 0) {
      data[i - 3] = 0;
      data[i - 2] = 0;
      data[i - 1] = 0;
      continue;
    }
    // float32 like the C++ (`(float)a / 255`, `(float)255 / a`): a double quotient or product of
    // these small operands rounded once to float32 equals the float32 result.
    const premultiply = Math.fround(alpha / 255);
    const unpremultiply = Math.fround(255 / alpha);
    for (let c = i - 3; c < i; c++) {
      const stored = Math.trunc(Math.fround((data[c] as number) * premultiply));
      data[c] = Math.trunc(Math.fround(stored * unpremultiply));
    }
  }
}
