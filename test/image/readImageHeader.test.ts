import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ImageError } from '../../src/errors/errors.js';
import { readImageHeader } from '../../src/image/readImageHeader.js';
import { fixturePath } from '../helpers/paths.js';
import { greyBlocksJpeg, withExifOrientation } from './helpers/encodeJpeg.js';
import { pngHeaderOnly } from './helpers/encodePng.js';

function webp(chunk: string, payload: number[]): Buffer {
  const body = Buffer.concat([Buffer.from('WEBP' + chunk, 'latin1'), Buffer.alloc(4), Buffer.from(payload)]);
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.alloc(4), body, Buffer.alloc(16)]);
}

describe('readImageHeader', () => {
  it('reads the PNG IHDR size of a golden image', () => {
    const bytes = readFileSync(fixturePath('clip-tiny', 'golden', 'images', 'landscape_320x240.png'));
    assert.deepEqual(readImageHeader(bytes), { format: 'png', width: 320, height: 240 });
  });

  it('reads a PNG header claiming 100000x100000 from 33 bytes', () => {
    assert.deepEqual(readImageHeader(pngHeaderOnly(100000, 100000)), { format: 'png', width: 100000, height: 100000 });
  });

  it('reads the JPEG SOF size past an APP1 segment', () => {
    const jpeg = withExifOrientation(greyBlocksJpeg([10, 20, 30]), 6);
    assert.deepEqual(readImageHeader(jpeg), { format: 'jpeg', width: 24, height: 8 });
  });

  it('reads the GIF logical screen size', () => {
    const gif = Buffer.from([...Buffer.from('GIF89a', 'latin1'), 0x2c, 0x01, 0x90, 0x00, 0, 0, 0]);
    assert.deepEqual(readImageHeader(gif), { format: 'gif', width: 300, height: 144 });
  });

  it('reads WebP sizes from VP8X, VP8L and VP8 headers', () => {
    // VP8X: flags + 3 reserved bytes, then width-1 and height-1 as 24-bit little-endian.
    assert.deepEqual(readImageHeader(webp('VP8X', [0, 0, 0, 0, 0x3f, 0x01, 0, 0xc7, 0, 0])), { format: 'webp', width: 320, height: 200 });
    // VP8L: signature 0x2f, then 14 bits width-1 = 99 and 14 bits height-1 = 49.
    const bits = 99 | (49 << 14);
    assert.deepEqual(readImageHeader(webp('VP8L', [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, bits >>> 24])), {
      format: 'webp',
      width: 100,
      height: 50,
    });
    // VP8: 3-byte frame tag, start code 9d 01 2a, then 14-bit width and height.
    assert.deepEqual(readImageHeader(webp('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xf0, 0x00])), { format: 'webp', width: 320, height: 240 });
  });

  it('refuses empty, unknown and truncated data with an ImageError naming the path', () => {
    assert.throws(() => readImageHeader(new Uint8Array(0), 'a.png'), (e: unknown) => e instanceof ImageError && /'a\.png'.*empty \(0 bytes\)/.test(e.message) && e.path === 'a.png');
    assert.throws(
      () => readImageHeader(Buffer.from('hello, I am a text file'), 'notes.png'),
      /unknown image format \(first bytes: 68 65 6c 6c 6f 2c 20 49\); allowed formats: PNG, JPEG, GIF/,
    );
    assert.throws(() => readImageHeader(pngHeaderOnly(10, 10).subarray(0, 20)), /truncated PNG header/);
    assert.throws(() => readImageHeader(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a])), /no frame header \(SOF\)/);
  });
});
