import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { preprocessGeometry, preprocessImage } from '../../src/image/preprocessImage.js';
import { readImageFile } from '../../src/image/decodeImage.js';
import { modelFixtures } from '../helpers/paths.js';
import { loadGoldenModel, readGoldenPixels } from './helpers/goldenFixtures.js';

// An exact port of Pillow's resampling reproduces OpenAI's pixel_values to float32 rounding.
const tolerance = 1e-6;

for (const model of modelFixtures) {
  const golden = loadGoldenModel(model);

  describe(`golden pixel_values of ${model} (OpenAI _transform, Pillow bicubic)`, () => {
    for (const entry of golden.images) {
      it(`${entry.image}: mode, geometry and pixel_values within ${tolerance}`, async (t) => {
        const image = await readImageFile(path.join(golden.dir, entry.image));
        assert.equal(image.mode, entry.pil_mode);
        assert.deepEqual([image.width, image.height], [entry.width, entry.height]);

        const geometry = preprocessGeometry(image.width, image.height, golden.config);
        assert.deepEqual(
          [geometry.resizedWidth, geometry.resizedHeight, geometry.cropLeft, geometry.cropTop],
          [entry.resized_width, entry.resized_height, entry.crop_left, entry.crop_top],
        );

        const pixels = preprocessImage(image, golden.config);
        const expected = readGoldenPixels(golden.dir, entry.pixel_values);
        assert.deepEqual([3, geometry.outputHeight, geometry.outputWidth], entry.pixel_values_shape);
        assert.equal(pixels.length, expected.length);
        let maxDiff = 0;
        let differing = 0;
        for (let i = 0; i < expected.length; i++) {
          const diff = Math.abs(pixels[i]! - expected[i]!);
          if (diff > maxDiff) maxDiff = diff;
          if (diff !== 0) differing++;
        }
        t.diagnostic(`max abs diff ${maxDiff}, ${differing} of ${expected.length} values differ`);
        assert.ok(maxDiff <= tolerance, `max abs diff ${maxDiff} > ${tolerance} (${differing} values differ)`);
      });
    }
  });
}
