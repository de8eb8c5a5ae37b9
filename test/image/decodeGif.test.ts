import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { GifReader, GifWriter } from 'omggif';
import { decodeImage } from '../../src/image/decodeImage.js';
import { toRgba } from '../../src/image/convertImage.js';

interface Frame {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly indices: number[];
  readonly palette: number[];
  readonly transparent?: number;
}

/** Encodes one frame with omggif (an independent encoder) on a screen of the given size. */
function encodeGif(screenWidth: number, screenHeight: number, frame: Frame): Uint8Array {
  const buffer = new Uint8Array(4096 + frame.indices.length * 2);
  const writer = new GifWriter(buffer, screenWidth, screenHeight, {});
  writer.addFrame(frame.x ?? 0, frame.y ?? 0, frame.width, frame.height, frame.indices, {
    palette: frame.palette,
    ...(frame.transparent !== undefined && { transparent: frame.transparent }),
  });
  return buffer.subarray(0, writer.end());
}

const colours = [0xff0000, 0x00ff00, 0x0000ff, 0x123456];

describe('decodeGif', () => {
  it('keeps the palette indices of the first frame (mode P) and agrees with omggif', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 30 }), fc.integer(), (width, height, salt) => {
        const indices = Array.from({ length: width * height }, (_, i) => (Math.imul(i + 3, salt | 1) >>> 11) & 3);
        const bytes = encodeGif(width, height, { width, height, indices, palette: colours });
        const image = decodeImage(bytes);
        assert.equal(image.mode, 'P');
        assert.deepEqual(Array.from(image.data), indices);
        const reference = new Uint8Array(width * height * 4);
        new GifReader(Buffer.from(bytes)).decodeAndBlitFrameRGBA(0, reference);
        assert.deepEqual(toRgba(image).data, reference);
      }),
      { seed: 7, numRuns: 30 },
    );
  });

  it('gives the transparent index alpha 0 and fills the screen outside the frame with it', () => {
    const bytes = encodeGif(4, 3, { x: 1, y: 1, width: 2, height: 2, indices: [0, 1, 2, 3], palette: colours, transparent: 2 });
    const image = decodeImage(bytes);
    assert.deepEqual([image.mode, image.width, image.height], ['P', 4, 3]);
    assert.deepEqual(Array.from(image.data), [2, 2, 2, 2, 2, 0, 1, 2, 2, 2, 3, 2]);
    const rgba = toRgba(image).data;
    assert.deepEqual(Array.from(rgba.subarray(5 * 4, 7 * 4)), [255, 0, 0, 255, 0, 255, 0, 255]);
    assert.equal(rgba[3], 0);
  });

  it('opens a GIF whose palette is the grey ramp 0, 1, 2, ... as mode L, as Pillow does', () => {
    const ramp = [0x000000, 0x010101, 0x020202, 0x030303];
    const image = decodeImage(encodeGif(2, 2, { width: 2, height: 2, indices: [3, 2, 1, 0], palette: ramp }));
    assert.deepEqual([image.mode, ...image.data], ['L', 3, 2, 1, 0]);
  });

  it('refuses a GIF whose image data is cut short', () => {
    let state = 12345;
    const indices = Array.from({ length: 64 * 64 }, () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0; // noise, so LZW cannot shrink it much
      return (state >>> 16) & 3;
    });
    const bytes = encodeGif(64, 64, { width: 64, height: 64, indices, palette: colours });
    assert.ok(bytes.length > 800, `only ${bytes.length} bytes`);
    assert.throws(() => decodeImage(bytes.subarray(0, bytes.length >> 1), { path: 'cut.gif' }), /'cut\.gif': truncated GIF/);
  });
});
