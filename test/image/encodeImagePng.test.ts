import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeImage } from '../../src/image/decodeImage.js';
import { channelCount, type DecodedImage, type ImageMode } from '../../src/image/decodedImage.js';
import { encodeImagePng } from '../../src/image/encodeImagePng.js';
import { decodePng } from '../../src/image/pngCodec.js';
import { repoRoot } from '../helpers/paths.js';

const conformance = (...parts: string[]) => path.join(repoRoot, 'test', 'fixtures', 'conformance', ...parts);

const roundTrip = (image: DecodedImage) => decodePng(encodeImagePng(image)).image;

describe('encodeImagePng', () => {
  it('gives back the decoded image, mode, pixels and palette, for files of every mode', () => {
    const files = [
      ['pngsuite', 'basn0g08.png', 'L'],
      ['pngsuite', 'basn0g16.png', 'L'],
      ['pngsuite', 'basn0g01.png', 'P'],
      ['pngsuite', 'basn4a08.png', 'LA'],
      ['pngsuite', 'basn2c08.png', 'RGB'],
      ['pngsuite', 'basn6a08.png', 'RGBA'],
      ['pngsuite', 'basn3p04.png', 'P'],
      ['pngsuite', 'tbbn3p08.png', 'P'],
      ['pillow', 'hopper.gif', 'P'],
      ['pillow', 'transparent.gif', 'P'],
      ['pillow', 'hopper_orientation_6.jpg', 'RGB'],
      ['pillow', 'hopper_gray.jpg', 'L'],
    ] as const;
    for (const [folder, name, mode] of files) {
      const decoded = decodeImage(fs.readFileSync(conformance(folder, name)));
      assert.equal(decoded.mode, mode, name);
      assert.deepEqual(roundTrip(decoded), decoded, name);
    }
  });

  it('gives back random images of every mode (property)', () => {
    const modes: ImageMode[] = ['L', 'LA', 'RGB', 'RGBA', 'P'];
    const image = fc
      .record({ mode: fc.constantFrom(...modes), width: fc.integer({ min: 1, max: 9 }), height: fc.integer({ min: 1, max: 9 }) })
      .chain(({ mode, width, height }) =>
        fc.record({
          data: fc.uint8Array({ minLength: width * height * channelCount[mode], maxLength: width * height * channelCount[mode] }),
          palette: fc.uint8Array({ minLength: 1024, maxLength: 1024 }),
        }).map(({ data, palette }): DecodedImage => (mode === 'P' ? { width, height, mode, data, palette } : { width, height, mode, data })),
      );
    fc.assert(fc.property(image, (img) => assert.deepEqual(roundTrip(img), img)));
  });

  it('writes a P image without a palette as the opaque black a run reads it as', () => {
    const image: DecodedImage = { width: 2, height: 1, mode: 'P', data: Uint8Array.from([0, 7]) };
    const back = roundTrip(image);
    assert.equal(back.mode, 'P');
    assert.deepEqual(back.data, image.data);
    assert.deepEqual([...(back.palette ?? new Uint8Array(0)).subarray(0, 8)], [0, 0, 0, 255, 0, 0, 0, 255]);
  });
});
